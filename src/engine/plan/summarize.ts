/** summarize, distinct and make-series: grouping operators and their aggregate calls. */
import { kusto } from '../../kql';
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { constantDefault } from './makeSeriesDefault';
import { assignedValue, elementsOf, kindOf, schemaOf, spanOf, textOf, typeOf, type Node } from './syntax';
import type { AggregateCall, ColumnDef, Expr, NamedExpr, Plan } from './types';

type Call = Kusto.Language.Syntax.FunctionCallExpression;

function isAggregateCall(node: Node, ctx: LowerContext): node is Call {
  if (kindOf(node) !== 'FunctionCallExpression') {
    return false;
  }
  const fn = node.ReferencedSymbol as Kusto.Language.Symbols.FunctionSymbol | null;
  return !!fn && ctx.globals.IsAggregateFunction(fn);
}

/** How many columns an aggregate produces: a tuple result (arg_max, percentiles) has one per element. */
function outputCount(call: Node): number {
  const t = (call as Kusto.Language.Syntax.Expression).ResultType as Kusto.Language.Symbols.TupleSymbol | null;
  return t && t.Kind === kusto().Symbols.SymbolKind.Tuple && t.Columns ? t.Columns.Count : 1;
}

function tupleNames(call: Node): string[] {
  const t = (call as Kusto.Language.Syntax.Expression).ResultType as Kusto.Language.Symbols.TupleSymbol | null;
  const out: string[] = [];
  for (let i = 0; i < (t?.Columns?.Count ?? 0); i++) {
    out.push(t!.Columns!.getItem(i)!.Name ?? '');
  }
  return out;
}

export function lowerAggregateCall(
  call: Call,
  outputs: readonly ColumnDef[],
  input: readonly ColumnDef[],
  ctx: LowerContext,
): AggregateCall {
  const name = call.ReferencedSymbol?.Name ?? '';
  const argNodes = elementsOf(call.ArgumentList?.Expressions);
  const args: Expr[] = [];
  const inner = { ...ctx, aggregate: undefined };
  for (const a of argNodes) {
    if (kindOf(a) === 'StarExpression') {
      // arg_max(x, *), take_any(*): the binder's tuple lists the columns the star stands for, after those
      // of the arguments before it.
      for (const colName of tupleNames(call).slice(args.length)) {
        const col = input.find((c) => c.name === colName);
        if (col) {
          args.push({ k: 'column', name: col.name, type: col.type, span: spanOf(a) });
        }
      }
      continue;
    }
    args.push(lowerExpr(assignedValue(a), inner));
  }
  return { name, args, outputs, span: spanOf(call) };
}

export function lowerSummarize(op: Node, input: Plan, ctx: LowerContext): Plan {
  const s = op as Kusto.Language.Syntax.SummarizeOperator;
  const span = spanOf(op);
  const schema = schemaOf(op);
  const byItems = elementsOf(s.ByClause?.Expressions);
  const keys: NamedExpr[] = byItems.map((item, i) => ({
    name: schema[i]!.name,
    expr: lowerExpr(assignedValue(item), ctx),
  }));
  const aggregates: AggregateCall[] = [];
  const finals: NamedExpr[] = [];
  let nested = false;
  let pos = keys.length;
  for (const item of elementsOf(s.Aggregates)) {
    const value = assignedValue(item);
    if (isAggregateCall(value, ctx)) {
      const outputs = schema.slice(pos, pos + outputCount(value));
      pos += outputs.length;
      aggregates.push(lowerAggregateCall(value, outputs, input.schema, ctx));
      for (const o of outputs) {
        finals.push({ name: o.name, expr: { k: 'column', name: o.name, type: o.type, span } });
      }
      continue;
    }
    // An expression over aggregates (e.g. sum(x) / count()): aggregate into hidden columns, then compute.
    nested = true;
    const out = schema[pos++]!;
    const withHook: LowerContext = {
      ...ctx,
      aggregate: (call) => {
        const hidden: ColumnDef = { name: `\u0000agg${aggregates.length}`, type: typeOf(call) };
        aggregates.push(lowerAggregateCall(call, [hidden], input.schema, ctx));
        return { k: 'column', name: hidden.name, type: hidden.type, span: spanOf(call) };
      },
    };
    finals.push({ name: out.name, expr: lowerExpr(value, withHook) });
  }
  if (!nested) {
    return { k: 'summarize', input, keys, aggregates, span, schema };
  }
  const innerSchema: ColumnDef[] = [...schema.slice(0, keys.length), ...aggregates.flatMap((a) => a.outputs)];
  const grouped: Plan = { k: 'summarize', input, keys, aggregates, span, schema: innerSchema };
  const keyCols: NamedExpr[] = keys.map((k, i) => ({
    name: k.name,
    expr: { k: 'column', name: k.name, type: schema[i]!.type, span },
  }));
  return { k: 'project', input: grouped, columns: [...keyCols, ...finals], span, schema };
}

export function lowerDistinct(op: Node, input: Plan, ctx: LowerContext): Plan {
  const d = op as Kusto.Language.Syntax.DistinctOperator;
  const span = spanOf(op);
  const schema = schemaOf(op);
  const items = elementsOf(d.Expressions);
  const keys: NamedExpr[] =
    items.length === 1 && kindOf(items[0]!) === 'StarExpression'
      ? input.schema.map((c) => ({ name: c.name, expr: { k: 'column', name: c.name, type: c.type, span } }))
      : items.map((item, i) => ({ name: schema[i]!.name, expr: lowerExpr(assignedValue(item), ctx) }));
  return { k: 'summarize', input, keys, aggregates: [], span, schema };
}

export function lowerMakeSeries(op: Node, input: Plan, ctx: LowerContext): Plan {
  const m = op as Kusto.Language.Syntax.MakeSeriesOperator;
  const span = spanOf(op);
  const schema = schemaOf(op);

  const byItems = elementsOf(m.ByClause?.Expressions);
  const keys: NamedExpr[] = byItems.map((item, i) => ({
    name: schema[i]!.name,
    expr: lowerExpr(assignedValue(item), ctx),
  }));
  let pos = keys.length;
  const aggregates = elementsOf(m.Aggregates).map((item) => {
    const ms = item as Kusto.Language.Syntax.MakeSeriesExpression;
    const value = assignedValue(ms.Expression!);
    const outputs = [schema[pos++]!];
    // A constant in place of an aggregate (`other=-1`) is the constant in every step that has rows and
    // the default elsewhere: max() over the constant is exactly that.
    const aggregate = isAggregateCall(value, ctx) ? value : undefined;
    const constant = aggregate ? undefined : constantDefault(lowerExpr(value, ctx));
    if (constant && constant.k !== 'literal') {
      throw ctx.errors.unsupported(value, 'A make-series expression that is neither an aggregate call nor a constant');
    }
    const fallbackNode = ms.DefaultExpression?.Expression;
    const fallback = fallbackNode ? constantDefault(lowerExpr(fallbackNode, ctx)) : undefined;
    if (fallback && fallback.k !== 'literal') {
      throw ctx.errors.at(fallback.span, 'KQL-ARGUMENT', 'The default of make-series must be a constant.');
    }
    const element = constant ? constant.type : typeOf(value);
    // Without `default=`, empty steps hold 0 (the reference: "Default is 0").
    return {
      element,
      call: constant
        ? { name: 'max', args: [constant], outputs, span: constant.span }
        : lowerAggregateCall(aggregate!, outputs, input.schema, ctx),
      fallback: fallback?.k === 'literal' ? fallback.value : 0,
    };
  });
  const on = m.OnClause!.Expression!;
  // kind=nonempty: an empty input still gives one row of default series (see exec/makeSeries.ts).
  const nonEmpty =
    (parameter(m.Parameters, 'kind') ?? '').toLowerCase() === 'nonempty' ? { nonEmpty: true as const } : {};
  if (kindOf(m.RangeClause!) === 'MakeSeriesInRangeClause') {
    // The binder has checked there are exactly three arguments: start, stop, step.
    const [from, to, step] = elementsOf(
      (m.RangeClause as Kusto.Language.Syntax.MakeSeriesInRangeClause).Arguments?.Expressions,
    ).map((a) => lowerExpr(a, ctx));
    return {
      k: 'makeSeries',
      input,
      aggregates,
      axis: lowerExpr(on, ctx),
      from,
      to,
      step: step!,
      keys,
      span,
      schema,
      inRange: true,
      ...nonEmpty,
    };
  }
  if (kindOf(m.RangeClause!) !== 'MakeSeriesFromToStepClause') {
    throw ctx.errors.unsupported(m.RangeClause!, `make-series '${textOf(m.RangeClause!)}'`);
  }
  const range = m.RangeClause as Kusto.Language.Syntax.MakeSeriesFromToStepClause;
  return {
    k: 'makeSeries',
    input,
    aggregates,
    axis: lowerExpr(on, ctx),
    from: range.MakeSeriesFromClause?.Expression ? lowerExpr(range.MakeSeriesFromClause.Expression, ctx) : undefined,
    to: range.MakeSeriesToClause?.Expression ? lowerExpr(range.MakeSeriesToClause.Expression, ctx) : undefined,
    step: lowerExpr(range.MakeSeriesStepClause!.Expression!, ctx),
    keys,
    span,
    schema,
    ...nonEmpty,
  };
}
