/**
 * A plan as text, one operator a line with its input indented below it (what `explain` and
 * `kql --explain` print, and what the optimizer's snapshot tests compare).
 */

import type { DynamicValue, KqlType, Value } from '../values';
import { canonicalJson, formatDatetime, formatTimespan } from '../valueText';
import type { AggregateCall, Expr, GraphPattern, NamedExpr, Plan, QueryPlan, SortKey } from './types';

export function printQueryPlan(plan: QueryPlan): string {
  const seen = new Set<number>();
  return plan.outputs.map((p) => printPlan(p, seen)).join('\n');
}

export function printPlan(plan: Plan, seen = new Set<number>()): string {
  const lines: string[] = [];
  const visit = (p: Plan, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (p.k === 'shared') {
      if (seen.has(p.id)) {
        lines.push(`${pad}shared #${p.id} (as above)`);
        return;
      }
      seen.add(p.id);
      lines.push(`${pad}shared #${p.id}`);
      visit(p.plan, depth + 1);
      return;
    }
    lines.push(pad + describe(p));
    for (const input of inputsOf(p)) {
      visit(input, depth + 1);
    }
  };
  visit(plan, 0);
  return lines.join('\n');
}

function inputsOf(p: Plan): Plan[] {
  switch (p.k) {
    case 'table':
    case 'print':
    case 'range':
    case 'datatable':
      return [];
    case 'shared':
      return [p.plan];
    case 'join':
    case 'lookup':
      return [p.left, p.right];
    case 'geoLookup':
    case 'ipLookup':
      return [p.input, p.lookup];
    case 'newActivityMetrics':
      return p.lookback ? [p.input, p.lookback.plan] : [p.input];
    case 'union':
    case 'search':
    case 'find':
      return p.inputs.map((i) => i.plan);
    case 'makeGraph':
      return [p.input, ...p.nodes.map((n) => n.plan)];
    default:
      return [p.input];
  }
}

function describe(p: Plan): string {
  switch (p.k) {
    case 'table':
      return p.columns ? `table ${p.name} (reads ${p.columns.join(', ') || 'no column'})` : `table ${p.name}`;
    case 'filter':
      return `where ${expr(p.predicate)}`;
    case 'extend':
    case 'serialize':
      return [p.k, p.columns.map(named).join(', ')].filter(Boolean).join(' ');
    case 'project':
      return `project ${p.columns.map(named).join(', ')}`;
    case 'print':
      return `print ${p.columns.map(named).join(', ')}`;
    case 'select':
      return `select ${p.schema.map((c, i) => (p.sources[i] === c.name ? c.name : `${c.name} = ${p.sources[i]}`)).join(', ')}`;
    case 'summarize': {
      const aggs = p.aggregates.map(aggregate).join(', ');
      const keys = p.keys.map(named).join(', ');
      return `summarize ${aggs}${keys ? `${aggs ? ' ' : ''}by ${keys}` : ''}`;
    }
    case 'sort':
      return `sort by ${p.keys.map(sortKey).join(', ')}`;
    case 'top':
      return `top ${expr(p.count)} by ${p.keys.map(sortKey).join(', ')}`;
    case 'take':
      return `take ${expr(p.count)}`;
    case 'join':
    case 'lookup':
      return `${p.k} kind=${p.kind} on ${p.leftKeys.map((l, i) => `${l} == ${p.rightKeys[i]}`).join(', ')}`;
    case 'geoLookup':
      return `evaluate geo_${p.shape}_lookup(${p.key}, ${expr(p.longitude)}, ${expr(p.latitude)}${p.radius !== undefined ? `, radius=${p.radius}` : ''}${p.returnUnmatched ? ', return_unmatched' : ''}) by an S2 cell index`;
    case 'rowsNear':
      return `evaluate rows_near(${expr(p.condition)}, ${p.before}, ${p.after})`;
    case 'dcountIntersect':
      return `evaluate dcount_intersect(${p.sketches.map(expr).join(', ')})`;
    case 'rollingPercentile':
      return `evaluate rolling_percentile(${[p.value, p.percentile, p.index, p.binSize, p.binsPerWindow, ...p.dims].map(expr).join(', ')})`;
    case 'sequenceDetect':
      return `evaluate sequence_detect(${[p.timeline, p.stepWindow, p.maxSpan, ...p.steps, ...p.dims].map(expr).join(', ')})`;
    case 'activeUsersCount':
      return `evaluate active_users_count(${[p.id, p.timeline, p.start, p.end, p.lookback, p.period, p.activePeriods, p.bin, ...p.dims].map(expr).join(', ')})`;
    case 'activityCountsMetrics':
      return `evaluate activity_counts_metrics(${[p.id, p.timeline, p.start, p.end, p.window, ...p.dims].map(expr).join(', ')})`;
    case 'activityEngagement':
      return `evaluate activity_engagement(${[p.id, p.timeline, ...(p.period ? [p.period.start, p.period.end] : []), p.inner, p.outer, ...p.dims].map(expr).join(', ')})`;
    case 'activityMetrics':
      return `evaluate activity_metrics(${[p.id, p.timeline, ...(p.period ? [p.period.start, p.period.end] : []), p.window, ...p.dims].map(expr).join(', ')})`;
    case 'newActivityMetrics':
      return `evaluate new_activity_metrics(${[p.id, p.timeline, p.start, p.end, p.window, ...(p.cohort ? [p.cohort] : []), ...p.dims].map(expr).join(', ')}${p.lookback ? `, lookback by ${p.lookback.column}` : ''})`;
    case 'sessionCount':
      return `evaluate session_count(${[p.id, p.timeline, p.start, p.end, p.bin, p.lookback, ...p.dims].map(expr).join(', ')})`;
    case 'slidingWindowCounts':
      return `evaluate sliding_window_counts(${[p.id, p.timeline, p.start, p.end, p.lookback, p.bin, ...p.dims].map(expr).join(', ')})`;
    case 'ipLookup':
      return `evaluate ${p.family}_lookup(${expr(p.source)} in ${p.lookupKey}${p.extraKeys.map((k) => `, ${k}`).join('')}${p.returnUnmatched ? ', return_unmatched' : ''}) by a prefix index`;
    case 'funnelSequence':
    case 'funnelSequenceCompletion':
      return `evaluate ${p.k === 'funnelSequence' ? 'funnel_sequence' : 'funnel_sequence_completion'}(${[p.id, p.timeline, p.start, p.end, ...(p.k === 'funnelSequence' ? [p.stepWindow, p.bin, p.state, p.sequence] : [p.bin, p.state, p.sequence, p.periods])].map(expr).join(', ')})`;
    case 'patterns':
      return `evaluate ${p.plugin}${p.options.split ? `(${p.options.split.column}, '${p.options.split.a}', '${p.options.split.b}')` : '()'}${p.options.weight ? ` weighted by ${p.options.weight}` : ''}`;
    case 'union':
      return `union${p.withSource ? ` withsource=${p.withSource}` : ''}`;
    case 'range':
      return `range ${p.schema[0]?.name ?? ''} from ${expr(p.from)} to ${expr(p.to)} step ${expr(p.step)}`;
    case 'render':
      return `render ${p.render.visualization}`;
    case 'as':
      return `as ${p.name}`;
    case 'makeGraph':
      return `make-graph ${p.source} ${p.undirected ? '--' : '-->'} ${p.target}${p.nodeIdProperty !== undefined ? ` with_node_id=${p.nodeIdProperty}` : p.nodes.length ? ` with ${p.nodes.map((n) => `(node table) on ${n.key}`).join(', ')}` : ''}`;
    case 'graphMatch':
      return `${p.match.shortest ? `graph-shortest-paths output=${p.match.shortest}` : `graph-match cycles=${p.match.cycles}`} ${p.match.patterns.map(graphPattern).join(', ')}${p.match.elementFilters.map((f) => ` [${printName(f.variable)}: ${expr(f.predicate)}]`).join('')}${p.match.where ? ` where ${expr(p.match.where)}` : ''} project ${p.match.columns.map(named).join(', ')}`;
    case 'graphToTable':
      return `graph-to-table ${p.entity}${p.idColumns.map((c) => ` with_${c.of === 'node' ? 'node' : c.of}_id=${c.name}`).join('')}`;
    case 'graphMarkComponents':
      return `graph-mark-components kind=${p.strong ? 'strong' : 'weak'} with_component_id=${p.column}`;
    case 'parse':
      return p.where ? 'parse-where' : 'parse';
    case 'mvExpand':
      return `mv-expand ${mvExpandArgs(p)}`;
    case 'mvApply':
      return `mv-apply ${mvExpandArgs(p.expand)} on (subquery)`;
    case 'makeSeries':
      return makeSeries(p);
    default:
      return p.k;
  }
}

function mvExpandArgs(p: Extract<Plan, { k: 'mvExpand' }>): string {
  const kind = p.bagsAsArrays ? 'kind=array ' : '';
  const index = p.itemIndex !== undefined ? `with_itemindex=${p.itemIndex} ` : '';
  const limit = p.limit !== undefined ? ` limit ${p.limit}` : '';
  return `${kind}${index}${p.columns.map(named).join(', ')}${limit}`;
}

function makeSeries(p: Extract<Plan, { k: 'makeSeries' }>): string {
  const aggs = p.aggregates.map((a) => `${aggregate(a.call)} default=${literal(a.fallback, a.element)}`).join(', ');
  const range = p.inRange
    ? ` in range(${p.from ? expr(p.from) : ''}, ${p.to ? expr(p.to) : ''}, ${expr(p.step)})`
    : `${p.from ? ` from ${expr(p.from)}` : ''}${p.to ? ` to ${expr(p.to)}` : ''} step ${expr(p.step)}`;
  const keys = p.keys.length ? ` by ${p.keys.map(named).join(', ')}` : '';
  return `make-series${p.nonEmpty ? ' kind=nonempty' : ''} ${aggs} on ${expr(p.axis)}${range}${keys}`;
}

function graphPattern(p: GraphPattern): string {
  const arrow = (e: GraphPattern['edges'][number]): string => {
    const inside = `${printName(e.name)}${e.variableLength ? `*${e.min}..${e.max}` : ''}`;
    return e.direction === 'in' ? `<-[${inside}]-` : e.direction === 'out' ? `-[${inside}]->` : `-[${inside}]-`;
  };
  return p.nodes.map((n, i) => `(${printName(n)})${i < p.edges.length ? arrow(p.edges[i]!) : ''}`).join('');
}

function named(c: NamedExpr): string {
  if (c.outputs) {
    return `(${c.outputs.map((o) => o.name).join(', ')}) = ${expr(c.expr)}`;
  }
  return c.expr.k === 'column' && c.expr.name === c.name ? c.name : `${c.name} = ${expr(c.expr)}`;
}

function aggregate(a: AggregateCall): string {
  const call = `${a.name}(${a.args.map(expr).join(', ')})`;
  return a.outputs.length === 1 ? `${printName(a.outputs[0]!.name)} = ${call}` : call;
}

function sortKey(k: SortKey): string {
  return `${expr(k.expr)} ${k.descending ? 'desc' : 'asc'}${k.nullsFirst ? ' nulls first' : ''}`;
}

/** Hidden names (the optimizer's partial aggregates start with U+0000) printed visibly. */
function printName(name: string): string {
  return name.replace(/\u0000/g, '$');
}

const OPERATORS: Record<string, string> = {
  AddExpression: '+',
  SubtractExpression: '-',
  MultiplyExpression: '*',
  DivideExpression: '/',
  ModuloExpression: '%',
  EqualExpression: '==',
  NotEqualExpression: '!=',
  LessThanExpression: '<',
  LessThanOrEqualExpression: '<=',
  GreaterThanExpression: '>',
  GreaterThanOrEqualExpression: '>=',
  AndExpression: 'and',
  OrExpression: 'or',
  EqualTildeExpression: '=~',
  BangTildeExpression: '!~',
  UnaryMinusExpression: '-',
  UnaryPlusExpression: '+',
};

/** 'NotHasCsExpression' → '!has_cs' where no symbol is listed. */
function operatorText(op: string): string {
  const known = OPERATORS[op];
  if (known) {
    return known;
  }
  const words = op
    .replace(/Expression$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return words.startsWith('not_') ? `!${words.slice(4)}` : words;
}

export function expr(e: Expr): string {
  switch (e.k) {
    case 'column':
      return printName(e.name);
    case 'literal':
      return literal(e.value, e.type);
    case 'call':
      return `${e.name}(${e.args.map(expr).join(', ')})`;
    case 'binary':
      return `(${expr(e.left)} ${operatorText(e.op)} ${expr(e.right)})`;
    case 'unary':
      return `${operatorText(e.op)}${expr(e.operand)}`;
    case 'list':
      return `(${expr(e.left)} ${operatorText(e.op)} (${e.items.map(expr).join(', ')}))`;
    case 'between':
      return `(${expr(e.value)} ${e.negated ? '!between' : 'between'} (${expr(e.low)} .. ${expr(e.high)}))`;
    case 'index':
      return `${expr(e.target)}[${expr(e.key)}]`;
    case 'rowNumber':
      return `row_number(${e.start ? expr(e.start) : ''})`;
    case 'shift':
      return `${e.offset < 0 ? 'prev' : 'next'}(${expr(e.expr)}, ${Math.abs(e.offset)}${e.fallback ? `, ${expr(e.fallback)}` : ''})`;
    case 'scalarQuery':
      return `toscalar(${printPlan(e.plan)
        .split('\n')
        .map((l) => l.trim())
        .join(' <- ')})`;
    case 'tableColumn':
      return `(${printPlan(e.plan)
        .split('\n')
        .map((l) => l.trim())
        .join(' <- ')})`;
    case 'searchTerm':
      return e.op
        ? `(* ${operatorText(e.op)} ${JSON.stringify(e.term)})`
        : `${e.column ? `${e.column}:` : ''}${JSON.stringify(e.term)}`;
    case 'packAll':
      return 'pack_all()';
  }
}

function literal(value: Value, type: KqlType): string {
  if (value === null || value === undefined) {
    return `${type}(null)`;
  }
  switch (type) {
    case 'string':
      return JSON.stringify(value);
    case 'datetime':
      return `datetime(${formatDatetime(value as number)})`;
    case 'timespan':
      return `timespan(${formatTimespan(value as number)})`;
    case 'dynamic':
      return `dynamic(${canonicalJson(value as DynamicValue)})`;
    case 'bool':
      return value ? 'true' : 'false';
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return type === 'long' ? String(value) : `${type}(${String(value)})`;
    default:
      return String(value);
  }
}
