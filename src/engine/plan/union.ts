/** union and search: several inputs aligned by column name into the binder's result schema. */
import { kusto } from '../../kql';
import type { LowerContext } from './context';
import { lowerExpr, symbolKind } from './expressions';
import { unresolvedSource } from './fuzzyUnion';
import { parameter } from './join';
import { isVisible, visibleTables } from './restrict';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, tableSchema, textOf } from './syntax';
import type { ColumnDef, Plan } from './types';
import { expandLetView } from './userFunctions';

function sourceName(node: Node, index: number): string {
  let n = node;
  while (kindOf(n) === 'ParenthesizedExpression') {
    n = (n as Kusto.Language.Syntax.ParenthesizedExpression).Expression!;
  }
  if (kindOf(n) === 'NameReference') {
    return n.ReferencedSymbol?.Name ?? nameText(n);
  }
  // A leg ending in `| as Name` is named by it (the reference's as-operator example: withsource gives T1, T2).
  const last = kindOf(n) === 'PipeExpression' ? (n as Kusto.Language.Syntax.PipeExpression).Operator : null;
  if (last && kindOf(last) === 'AsOperator') {
    return nameText((last as Kusto.Language.Syntax.AsOperator).Name);
  }
  return `union_arg${index}`;
}

/** The piped input's name: its table's, or the one `| as Name` gives it. */
function pipedSourceName(input: Plan): string {
  if (input.k === 'table') {
    return input.name;
  }
  return input.k === 'shared' && input.plan.k === 'as' ? input.plan.name : 'union_arg0';
}

/**
 * The legs of a wildcard the binder matched to several symbols: its tables (in the binder's order),
 * then its `let` views in the order they were declared; Kusto matches both, and `withsource` names each.
 */
function wildcardLegs(e: Node, ctx: LowerContext): { plan: Plan; source: string }[] {
  const group = e.ReferencedSymbol as Kusto.Language.Symbols.GroupSymbol;
  const kinds = kusto().Symbols.SymbolKind;
  const members: Kusto.Language.Symbols.Symbol[] = [];
  for (let i = 0; i < (group.Members?.Count ?? 0); i++) {
    members.push(group.Members!.getItem(i)!);
  }
  const declaredAt = (m: Kusto.Language.Symbols.Symbol): number => {
    const b = m.Kind === kinds.Function ? ctx.scope.get(m.Name ?? '') : undefined;
    return b?.k === 'function' ? b.declaration.TextStart : -1;
  };
  // What a restrict statement hides is not matched (Kusto.Language's group lists it all the same).
  const visible = members.filter((m) => isVisible(m.Name ?? '', m.Kind === kinds.Table, ctx));
  const ordered = visible.map((m, i) => ({ m, i, at: declaredAt(m) })).sort((a, b) => a.at - b.at || a.i - b.i);
  return ordered.map(({ m }) => {
    const name = m.Name ?? '';
    if (m.Kind === kinds.Table) {
      const schema = tableSchema(m as Kusto.Language.Symbols.TableSymbol);
      return { plan: { k: 'table', name, span: spanOf(e), schema }, source: name };
    }
    const view = m.Kind === kinds.Function ? expandLetView(name, e, ctx) : undefined;
    if (!view) {
      throw ctx.errors.unsupported(e, `The union source '${name}' (matched by '${textOf(e)}')`);
    }
    return { plan: view, source: name };
  });
}

/**
 * An outer union's columns as Kusto lists them: the withsource column, then each distinct (name, type)
 * of the inputs in order of first appearance, a name given to several types suffixed with its type
 * (x_long, x_int), as exec/union.ts reads them.
 */
function outerSchema(inputs: readonly { plan: Plan }[], source: string | undefined): ColumnDef[] {
  const pairs: ColumnDef[] = [];
  for (const { plan } of inputs) {
    for (const c of plan.schema) {
      if (!pairs.some((p) => p.name === c.name && p.type === c.type)) {
        pairs.push({ name: c.name, type: c.type });
      }
    }
  }
  const typesOf = (name: string) => pairs.filter((p) => p.name === name).length;
  const columns = pairs.map((p) => (typesOf(p.name) > 1 ? { name: `${p.name}_${p.type}`, type: p.type } : p));
  return source ? [{ name: source, type: 'string' }, ...columns] : columns;
}

export function lowerUnion(op: Node, input: Plan | undefined, ctx: LowerContext): Plan {
  const u = op as Kusto.Language.Syntax.UnionOperator;
  const withSource = parameter(u.Parameters, 'withsource');
  const fuzzy = (parameter(u.Parameters, 'isfuzzy') ?? 'false').toLowerCase() === 'true';
  // Whether a wildcard matched a view: the binder's schema then lacks the views' columns.
  let viewByWildcard = false;
  const inputs: { plan: Plan; source: string }[] = [];
  if (input) {
    inputs.push({ plan: input, source: pipedSourceName(input) });
  }
  // fuzzyUnion.ts has blanked the legs of missing tables out of the text; one is left only when all are.
  const missing: string[] = [];
  for (const e of elementsOf(u.Expressions)) {
    const unresolved = fuzzy ? unresolvedSource(e) : undefined;
    if (unresolved !== undefined) {
      missing.push(unresolved);
      continue;
    }
    if (symbolKind(e) === 'Group') {
      // A wildcard matching several tables and views (`union View*`): one leg each, named by it.
      const legs = wildcardLegs(e, ctx);
      if (legs.length === 0 && !fuzzy) {
        // Everything it matched is hidden by a restrict statement: as when it matches nothing.
        throw ctx.errors.at(spanOf(e), 'KQL-UNION-EMPTY', `The name '${textOf(e)}' does not refer to any known table.`);
      } else if (legs.length === 0) {
        missing.push(textOf(e));
      }
      for (const leg of legs) {
        inputs.push(leg);
        viewByWildcard ||= leg.plan.k !== 'table';
      }
      continue;
    }
    // A bare name is a table, a tabular `let`, or a `let` view (a function called without parentheses);
    // a wildcard matching one view (`OtherView*`) is bound to it.
    const letFunction = symbolKind(e) === 'Function' && ctx.scope.get(e.ReferencedSymbol?.Name ?? '')?.k === 'function';
    if (kindOf(e) === 'NameReference' && symbolKind(e) !== 'Table' && symbolKind(e) !== 'Variable' && !letFunction) {
      throw ctx.errors.unsupported(e, `The union source '${textOf(e)}'`);
    }
    // A wildcard bound to one view leaves the view's columns out of the binder's schema too.
    viewByWildcard ||= letFunction && nameText(e) !== e.ReferencedSymbol?.Name;
    inputs.push({ plan: ctx.tabular(e, ctx), source: sourceName(e, inputs.length) });
  }
  if (inputs.length === 0) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-UNION-EMPTY',
      `None of the union's sources exist (isfuzzy=true): ${missing.join(', ')}.`,
    );
  }
  const source = withSource ? withSource.replace(/^\[?['"]?|['"]?\]?$/g, '') : undefined;
  let schema = viewByWildcard ? outerSchema(inputs, source) : schemaOf(op);
  if ((parameter(u.Parameters, 'kind') ?? 'outer').toLowerCase() === 'inner') {
    // kind=inner keeps only the columns every input has (the binder lists them all).
    schema = schema.filter(
      (c) => c.name === source || inputs.every((i) => i.plan.schema.some((x) => x.name === c.name)),
    );
  }
  return { k: 'union', inputs, withSource: source, span: spanOf(op), schema };
}

/**
 * The `let` views (functions declared with `view`) in scope, in declaration order: a search without an
 * in clause reads them beside the tables (the let statement's reference example: `search MyColumn == 5`
 * finds it in the views Range10 and Range20). A function declared without `view` is not read.
 */
function letViews(at: Node, ctx: LowerContext): { plan: Plan; source: string }[] {
  const views: { plan: Plan; source: string }[] = [];
  for (const name of ctx.scope.declaredNames()) {
    const binding = ctx.scope.get(name);
    if (binding?.k !== 'function' || !binding.declaration.ViewKeyword || !isVisible(name, false, ctx)) {
      continue;
    }
    const plan = expandLetView(name, at, ctx);
    if (plan) {
      views.push({ plan, source: name });
    }
  }
  return views;
}

export function lowerSearch(op: Node, input: Plan | undefined, ctx: LowerContext): Plan {
  const s = op as Kusto.Language.Syntax.SearchOperator;
  const span = spanOf(op);
  const inputs: { plan: Plan; source: string }[] = [];
  if (input) {
    inputs.push({ plan: input, source: input.k === 'table' ? input.name : '' });
  } else if (s.InClause) {
    elementsOf(s.InClause.Expressions).forEach((e, i) =>
      inputs.push({ plan: ctx.tabular(e, ctx), source: sourceName(e, i) }),
    );
  } else {
    for (const name of visibleTables(ctx)) {
      inputs.push({ plan: { k: 'table', name, span, schema: [] }, source: name });
    }
    inputs.push(...letViews(op, ctx));
  }
  const predicate = lowerExpr(s.Condition!, { ...ctx, search: true });
  return { k: 'search', inputs, predicates: [predicate], span, schema: schemaOf(op) };
}
