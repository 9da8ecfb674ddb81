/** Lowers tabular expressions: sources (tables, lets, datatable, print, range…) and piped operators. */
import type { LowerContext } from './context';
import { lowerDatabasePath } from './databasePaths';
import { lowerExpr, symbolKind } from './expressions';
import { lowerFind } from './find';
import { lowerOperator } from './operators';
import { checkPatternShadowed, lowerPatternInvocation } from './patterns';
import { checkVisible } from './restrict';
import { lowerDatatable, lowerPrint, lowerRange } from './sources';
import { operatorRefusal } from './refusedOperators';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf } from './syntax';
import type { Plan } from './types';
import { lowerSearch, lowerUnion } from './union';
import { expandUserFunction } from './userFunctions';

/**
 * `table('Name')`: a stored table, or a tabular `let`, named by a constant string (the optional
 * second argument, the data scope, changes nothing here: there is no hot/cold cache).
 */
function tableByName(call: Kusto.Language.Syntax.FunctionCallExpression, ctx: LowerContext): Plan | undefined {
  const fn = call.ReferencedSymbol;
  // A `let table = …` shadows the built-in: its scope entry says so before the symbol is asked.
  if (fn?.Name !== 'table' || ctx.scope.get('table')) {
    return undefined;
  }
  if (!ctx.globals.IsBuiltInFunction(fn as Kusto.Language.Symbols.FunctionSymbol)) {
    return undefined;
  }
  const first = elementsOf(call.ArgumentList?.Expressions)[0];
  const name = first ? lowerExpr(first, ctx) : undefined;
  if (name?.k !== 'literal' || typeof name.value !== 'string') {
    throw ctx.errors.at(spanOf(call), 'KQL-ARGUMENT', "table() needs the table's name as a constant string.");
  }
  const bound = ctx.scope.get(name.value);
  checkVisible(call, name.value, bound?.k !== 'tabular', ctx);
  if (bound?.k === 'tabular') {
    return bound.plan;
  }
  if (!ctx.tableNames.includes(name.value)) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-UNKNOWN-TABLE',
      `table('${name.value}'): the workspace has no table of that name.`,
    );
  }
  return { k: 'table', name: name.value, span: spanOf(call), schema: schemaOf(call) };
}

export function lowerTabular(node: Node, ctx: LowerContext): Plan {
  const kind = kindOf(node);
  switch (kind) {
    case 'PipeExpression': {
      const pipe = node as Kusto.Language.Syntax.PipeExpression;
      const input = lowerTabular(pipe.Expression!, ctx);
      return withoutPhantomColumns(lowerOperator(pipe.Operator!, input, ctx), input, schemaOf(pipe.Expression!));
    }
    case 'ParenthesizedExpression':
      return lowerTabular((node as Kusto.Language.Syntax.ParenthesizedExpression).Expression!, ctx);
    case 'NameReference': {
      const sk = symbolKind(node);
      const name = node.ReferencedSymbol?.Name ?? nameText(node);
      if (sk === 'Variable' || sk === 'Parameter' || sk === '') {
        const b = ctx.scope.get(name);
        if (b?.k === 'tabular') {
          // A function's tabular parameter is no entity restrict can hide.
          if (sk !== 'Parameter') checkVisible(node, name, false, ctx);
          return b.plan;
        }
      }
      if (sk === 'Table') {
        const b = ctx.scope.get(name);
        checkVisible(node, name, b?.k !== 'tabular', ctx);
        return b?.k === 'tabular' ? b.plan : { k: 'table', name, span: spanOf(node), schema: schemaOf(node) };
      }
      if (sk === 'Function') {
        checkVisible(node, name, ctx.scope.get(name)?.k !== 'function', ctx);
        const e = expandUserFunction(node, [], ctx);
        if (e?.k === 'tabular') {
          return e.plan;
        }
      }
      throw ctx.errors.unsupported(node, `The table reference '${name}'`);
    }
    case 'FunctionCallExpression': {
      const call = node as Kusto.Language.Syntax.FunctionCallExpression;
      const named = tableByName(call, ctx) ?? lowerPatternInvocation(node, ctx);
      if (named) {
        return named;
      }
      const e = expandUserFunction(node, elementsOf(call.ArgumentList?.Expressions), ctx);
      if (e?.k === 'tabular') {
        const callee = call.ReferencedSymbol!.Name!;
        checkVisible(node, callee, ctx.scope.get(callee)?.k !== 'function', ctx);
        return e.plan;
      }
      checkPatternShadowed(call, ctx);
      throw ctx.errors.unsupported(node, `The tabular function '${call.ReferencedSymbol?.Name ?? textOf(node)}'`);
    }
    case 'PathExpression': {
      const plan = lowerPatternInvocation(node, ctx) ?? lowerDatabasePath(node, ctx);
      if (plan) {
        return plan;
      }
      break;
    }
    case 'MaterializeExpression': {
      const inner = lowerTabular((node as Kusto.Language.Syntax.MaterializeExpression).Expression!, ctx);
      return { k: 'shared', id: ctx.nextId(), plan: inner, span: spanOf(node), schema: schemaOf(node) };
    }
    case 'DataTableExpression':
      return lowerDatatable(node, ctx);
    case 'PrintOperator':
      return lowerPrint(node, ctx);
    case 'RangeOperator':
      return lowerRange(node, ctx);
    case 'UnionOperator':
      return lowerUnion(node, undefined, ctx);
    case 'SearchOperator':
      return lowerSearch(node, undefined, ctx);
    case 'FindOperator':
      return lowerFind(node, ctx);
  }
  if (ctx.implicitInput && kind.endsWith('Operator')) {
    // `mv-apply … on (top 2 by x | …)`: the subquery's first operator reads the row's expanded subtable.
    return lowerOperator(node, ctx.implicitInput, { ...ctx, implicitInput: undefined });
  }
  const what = `The tabular expression '${kind.replace(/(Operator|Expression)$/, '')}'`;
  const reason = operatorRefusal(kind);
  if (reason) {
    throw ctx.errors.at(spanOf(node), 'KQL-UNSUPPORTED', `${what} is not supported by the embedded engine: ${reason}.`);
  }
  throw ctx.errors.unsupported(node, what);
}

/** Operators whose output columns are exactly the ones they name: nothing passes through them unnamed. */
const EXPLICIT_OUTPUT = new Set<Plan['k']>([
  'project',
  'summarize',
  'count',
  'makeSeries',
  'topNested',
  'union',
  'getschema',
]);

/**
 * The binder's schema of `union kind=inner` lists every input's columns, and the operators after it
 * inherit them; the plan keeps only the common ones (as Kusto does). Columns the binder believes the
 * input has but the plan dropped are dropped from what follows as well, so `| extend z = …` gives
 * (s, z), not (a, s, b, z) with a and b empty. A column extend writes under such a name is new: it
 * goes after the input's columns, where Kusto puts a new column.
 */
function withoutPhantomColumns(plan: Plan, input: Plan, boundInput: readonly { name: string }[]): Plan {
  // The input's schema is the binder's own array (syntax.ts shares one per bound type) wherever
  // lowering kept every column: nothing to compare, as is most often the case.
  if (input.schema === boundInput) {
    return plan;
  }
  const present = new Set(input.schema.map((c) => c.name));
  const phantom = new Set(boundInput.filter((c) => !present.has(c.name)).map((c) => c.name));
  if (phantom.size === 0 || EXPLICIT_OUTPUT.has(plan.k) || !plan.schema.some((c) => phantom.has(c.name))) {
    return plan;
  }
  if (plan.k !== 'extend' && plan.k !== 'serialize') {
    return { ...plan, schema: plan.schema.filter((c) => !phantom.has(c.name)) } as Plan;
  }
  // extend: the input's columns in place, then the new ones in the order they are written.
  const written = [...new Set(plan.columns.flatMap((c) => (c.outputs ?? [c]).map((o) => o.name)))].filter(
    (n) => !present.has(n),
  );
  const byName = new Map(plan.schema.map((c) => [c.name, c]));
  const schema = [...plan.schema.filter((c) => present.has(c.name)), ...written.flatMap((n) => byName.get(n) ?? [])];
  return { ...plan, schema };
}
