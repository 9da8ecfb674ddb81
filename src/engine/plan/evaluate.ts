/**
 * `evaluate` plugins: `narrow()`, `rows_near(…)`, and `bag_unpack(…)` and `pivot(…)`. With an output schema their
 * columns are known before the data is read; without one the data decides them (see runtimeColumns.ts
 * for where that is allowed). The geo lookups are in geoLookup.ts, the IP lookups in ipLookup.ts;
 * basket, autocluster and diffpatterns in patternPlugins.ts; the activity plugins each in its own file
 * (ACTIVITY_PLUGINS).
 */
import { lowerActiveUsersCount } from './activeUsersCount';
import { lowerActivityCountsMetrics } from './activityCountsMetrics';
import { lowerActivityEngagement } from './activityEngagement';
import { lowerActivityMetrics } from './activityMetrics';
import type { LowerContext } from './context';
import { lowerDcountIntersect } from './dcountIntersect';
import { lowerExpr } from './expressions';
import { lowerFunnelSequence, lowerFunnelSequenceCompletion } from './funnelSequence';
import { lowerGeoLookup } from './geoLookup';
import { lowerIpLookup } from './ipLookup';
import { notLastError } from './multiResult';
import { lowerNewActivityMetrics } from './newActivityMetrics';
import { outsideReason } from './outsidePlugins';
import { lowerPatternPlugin } from './patternPlugins';
import { lowerRollingPercentile } from './rollingPercentile';
import { endsQueryResult, runtimeColumnsRefusal } from './runtimeColumns';
import { lowerSequenceDetect } from './sequenceDetect';
import { lowerSessionCount } from './sessionCount';
import { lowerSlidingWindowCounts } from './slidingWindowCounts';
import { lowerAggregateCall } from './summarize';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf, typeOf } from './syntax';
import type { Expr, Plan } from './types';

type PluginLowerer = (
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
) => Plan;

const schemaClause = (op: Node) => (op as Kusto.Language.Syntax.EvaluateOperator).Schema;

/**
 * Every plugin the engine runs, by name: the plugins over activity in time (and hll() intersections)
 * each lowered in its own file, the lookups, the pattern miners, and the reshaping ones here.
 * `preview` is not here: it ends the query statement with two results (multiResult.ts).
 */
const PLUGINS = new Map<string, PluginLowerer>([
  ['narrow', (_call, input, _ctx, op) => ({ k: 'narrow', input, span: spanOf(op), schema: schemaOf(op) })],
  ['bag_unpack', (call, input, ctx, op) => lowerBagUnpack(call, schemaClause(op), input, ctx, op)],
  ['pivot', (call, input, ctx, op) => lowerPivot(call, schemaClause(op), input, ctx, op)],
  ['rows_near', lowerRowsNear],
  ['geo_polygon_lookup', (call, input, ctx, op) => lowerGeoLookup('geo_polygon_lookup', call, input, ctx, op)],
  ['geo_line_lookup', (call, input, ctx, op) => lowerGeoLookup('geo_line_lookup', call, input, ctx, op)],
  ['ipv4_lookup', (call, input, ctx, op) => lowerIpLookup('ipv4_lookup', call, input, ctx, op)],
  ['ipv6_lookup', (call, input, ctx, op) => lowerIpLookup('ipv6_lookup', call, input, ctx, op)],
  ['basket', (call, input, ctx, op) => lowerPatternPlugin('basket', call, input, ctx, op)],
  ['autocluster', (call, input, ctx, op) => lowerPatternPlugin('autocluster', call, input, ctx, op)],
  ['diffpatterns', (call, input, ctx, op) => lowerPatternPlugin('diffpatterns', call, input, ctx, op)],
  ['sliding_window_counts', lowerSlidingWindowCounts],
  ['active_users_count', lowerActiveUsersCount],
  ['activity_counts_metrics', lowerActivityCountsMetrics],
  ['rolling_percentile', lowerRollingPercentile],
  ['sequence_detect', lowerSequenceDetect],
  ['dcount_intersect', lowerDcountIntersect],
  ['funnel_sequence', lowerFunnelSequence],
  ['funnel_sequence_completion', lowerFunnelSequenceCompletion],
  ['activity_engagement', lowerActivityEngagement],
  ['activity_metrics', lowerActivityMetrics],
  ['new_activity_metrics', lowerNewActivityMetrics],
  ['session_count', lowerSessionCount],
]);

/** The names of the plugins the engine lowers (preview aside), for the coverage test. */
export function evaluatePluginNames(): string[] {
  return [...PLUGINS.keys()].sort();
}

export function lowerEvaluate(op: Node, input: Plan, ctx: LowerContext): Plan {
  const e = op as Kusto.Language.Syntax.EvaluateOperator;
  const call = e.FunctionCall;
  const name = (call?.ReferencedSymbol?.Name ?? (call ? textOf(call.Name) : '')).toLowerCase();
  const span = spanOf(op);
  if (name === 'preview') {
    throw notLastError(op, ctx);
  }
  const lower = call ? PLUGINS.get(name) : undefined;
  if (lower && call) {
    return lower(call, input, ctx, op);
  }
  const outside = outsideReason(name);
  if (outside) {
    throw ctx.errors.at(
      span,
      'KQL-UNSUPPORTED',
      `evaluate ${name} reaches outside the query's data (${outside}), which the local engine does not do; run it on Log Analytics.`,
    );
  }
  throw ctx.errors.unsupported(op, `The plugin 'evaluate ${name || textOf(op)}'`);
}

/** rows_near(Condition, NumRows [, RowsAfter]): the counts are constants, 0 or more. */
function lowerRowsNear(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const [conditionNode, ...countNodes] = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  const counts = countNodes.map((node, i) => {
    const value = lowerExpr(node, ctx);
    const n = value.k === 'literal' ? Number(value.value) : Number.NaN;
    if (value.k !== 'literal' || !Number.isInteger(n) || n < 0) {
      throw ctx.errors.at(
        spanOf(node),
        'KQL-ARGUMENT',
        `rows_near: ${i === 0 ? 'NumRows' : 'RowsAfter'} is a constant count of rows, 0 or more.`,
      );
    }
    return n;
  });
  if (!conditionNode || counts.length === 0) {
    throw ctx.errors.at(spanOf(call), 'KQL-ARGUMENT', 'rows_near takes a condition and a number of rows.');
  }
  const condition = lowerExpr(conditionNode, ctx);
  return {
    k: 'rowsNear',
    input,
    condition,
    before: counts[0]!,
    after: counts[1] ?? counts[0]!,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

/**
 * pivot(PivotColumn [, Aggregation] [, Column…]) : (schema): one row per value of the listed columns
 * (by default every column but the pivot column and those the aggregation reads), one column per
 * pivot value the schema names.
 */
function lowerPivot(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  schemaClause: Kusto.Language.Syntax.EvaluateSchemaClause | null,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const open = !schemaClause?.Schema;
  if (open && !endsQueryResult(op)) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-UNSUPPORTED',
      runtimeColumnsRefusal(
        'pivot',
        'evaluate pivot(Direction, count(), Computer) : (Computer:string, inbound:long, outbound:long)',
      ),
    );
  }
  const argNodes = elementsOf(call.ArgumentList?.Expressions);
  const pivot = lowerExpr(argNodes[0]!, ctx);
  const aggregateNode =
    argNodes[1] &&
    kindOf(argNodes[1]) === 'FunctionCallExpression' &&
    ctx.globals.IsAggregateFunction((argNodes[1] as Kusto.Language.Syntax.Expression).ReferencedSymbol as never)
      ? (argNodes[1] as Kusto.Language.Syntax.FunctionCallExpression)
      : undefined;
  const schema = schemaOf(op);
  const hidden = { name: '\u0000pivot', type: aggregateNode ? typeOf(aggregateNode) : ('long' as const) };
  const aggregate = aggregateNode
    ? lowerAggregateCall(aggregateNode, [hidden], input.schema, ctx)
    : { name: 'count', args: [], outputs: [hidden], span: spanOf(op) };
  const listed = argNodes.slice(aggregateNode ? 2 : 1).map((a) => lowerExpr(a, ctx));
  const read = new Set<string>([pivot, ...aggregate.args].flatMap((e) => (e.k === 'column' ? [e.name] : [])));
  const keys =
    listed.length > 0
      ? listed.map((e) => (e.k === 'column' ? e.name : ''))
      : input.schema.map((c) => c.name).filter((n) => !read.has(n));
  return { k: 'pivot', input, pivot, aggregate, keys: keys.filter((k) => k !== ''), open, span: spanOf(op), schema };
}

function lowerBagUnpack(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  schemaClause: Kusto.Language.Syntax.EvaluateSchemaClause | null,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const rowSchema = schemaClause?.Schema;
  if (!rowSchema && !endsQueryResult(op)) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-UNSUPPORTED',
      runtimeColumnsRefusal('bag_unpack', 'evaluate bag_unpack(d) : (*, Name:string, Age:long)'),
    );
  }
  const args = bagUnpackArguments(call, ctx);
  const constant = (i: number): unknown => (args[i]?.k === 'literal' ? args[i].value : undefined);
  const prefix = typeof constant(1) === 'string' ? (constant(1) as string) : '';
  const conflict = typeof constant(2) === 'string' ? (constant(2) as string).toLowerCase() : 'error';
  if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') {
    throw ctx.errors.at(
      args[2]!.span,
      'KQL-ARGUMENT',
      `columnsConflict is 'error', 'replace_source' or 'keep_source', not '${conflict}'.`,
    );
  }
  const ignored = Array.isArray(constant(3))
    ? (constant(3) as unknown[]).filter((x): x is string => typeof x === 'string')
    : [];
  const source = args[0]!;
  const unpacked = source.k === 'column' ? source.name : undefined;
  if (!rowSchema) {
    const open = { prefix, conflict: conflict as 'error' | 'replace_source' | 'keep_source' };
    return { k: 'bagUnpack', input, source, columns: [], ignored, open, span: spanOf(op), schema: schemaOf(op) };
  }
  const star = !!rowSchema.AsteriskToken;
  const declared = new Set(
    elementsOf(rowSchema.Columns).map((d) => nameText((d as Kusto.Language.Syntax.NameAndTypeDeclaration).Name)),
  );
  const inputNames = new Set(input.schema.map((c) => c.name).filter((n) => n !== unpacked));
  const columns = schemaOf(op).map((c) => {
    const fromBag = declared.has(c.name) && !(star && inputNames.has(c.name) && conflict === 'keep_source');
    if (fromBag && star && inputNames.has(c.name) && conflict === 'error') {
      throw ctx.errors.at(
        spanOf(op),
        'KQL-ARGUMENT',
        `bag_unpack: '${c.name}' is both an input column and a column of the output schema; set columnsConflict to 'replace_source' or 'keep_source'.`,
      );
    }
    return fromBag
      ? { name: c.name, type: c.type, key: c.name.startsWith(prefix) ? c.name.slice(prefix.length) : c.name }
      : { name: c.name, type: c.type, key: undefined };
  });
  return { k: 'bagUnpack', input, source, columns, ignored, span: spanOf(op), schema: schemaOf(op) };
}

/** The reference names bag_unpack's optional arguments; a named one goes to its position. */
const BAG_UNPACK_PARAMETERS = ['column', 'outputcolumnprefix', 'columnsconflict', 'ignoredproperties'];

function bagUnpackArguments(call: Kusto.Language.Syntax.FunctionCallExpression, ctx: LowerContext): Expr[] {
  const args: Expr[] = [];
  elementsOf(call.ArgumentList?.Expressions).forEach((a, i) => {
    if (kindOf(a) !== 'SimpleNamedExpression') {
      args[i] = lowerExpr(a, ctx);
      return;
    }
    const named = a as Kusto.Language.Syntax.SimpleNamedExpression;
    const at = BAG_UNPACK_PARAMETERS.indexOf(nameText(named.Name).toLowerCase());
    if (at < 0) {
      throw ctx.errors.at(
        spanOf(a),
        'KQL-ARGUMENT',
        `bag_unpack has no parameter '${nameText(named.Name)}'; its optional ones are OutputColumnPrefix, columnsConflict and ignoredProperties.`,
      );
    }
    args[at] = lowerExpr(named.Expression!, ctx);
  });
  return args;
}
