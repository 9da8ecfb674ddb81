/** union and search: several inputs aligned by column name into the binder's result schema. */
import type { LowerContext } from './context';
import { lowerExpr, symbolKind } from './expressions';
import { unresolvedSource } from './fuzzyUnion';
import { parameter } from './join';
import { visibleTables } from './restrict';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf } from './syntax';
import type { Plan } from './types';

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

export function lowerUnion(op: Node, input: Plan | undefined, ctx: LowerContext): Plan {
  const u = op as Kusto.Language.Syntax.UnionOperator;
  const withSource = parameter(u.Parameters, 'withsource');
  const fuzzy = (parameter(u.Parameters, 'isfuzzy') ?? 'false').toLowerCase() === 'true';
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
    // A bare name is a table, a tabular `let`, or a `let` view (a function called without parentheses).
    const letFunction = symbolKind(e) === 'Function' && ctx.scope.get(nameText(e))?.k === 'function';
    if (kindOf(e) === 'NameReference' && symbolKind(e) !== 'Table' && symbolKind(e) !== 'Variable' && !letFunction) {
      throw ctx.errors.unsupported(e, `The union source '${textOf(e)}'`);
    }
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
  let schema = schemaOf(op);
  if ((parameter(u.Parameters, 'kind') ?? 'outer').toLowerCase() === 'inner') {
    // kind=inner keeps only the columns every input has (the binder lists them all).
    schema = schema.filter(
      (c) => c.name === source || inputs.every((i) => i.plan.schema.some((x) => x.name === c.name)),
    );
  }
  return { k: 'union', inputs, withSource: source, span: spanOf(op), schema };
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
  }
  const predicate = lowerExpr(s.Condition!, { ...ctx, search: true });
  return { k: 'search', inputs, predicates: [predicate], span, schema: schemaOf(op) };
}
