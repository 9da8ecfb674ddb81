/**
 * make-series: per group, one aggregate value per step of the axis over [from, to), as dynamic arrays,
 * with the default where a step has no rows; the axis column holds the steps' start values.
 */
import { columnFromValues } from '../column';
import { binDatetime, binNumber } from '../functions/calendarTicks';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { type DynamicValue, type KqlType, realInDynamic, type Value } from '../values';
import { formatDatetimeInDynamic } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, toDynamic } from './expr';
import { bindAggregate, groupRows } from './summarize';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

const MAX_STEPS = 1_000_000;

export function runMakeSeries(plan: P<'makeSeries'>, input: Table, ctx: ExecContext): Table {
  const one = new Table([], 1);
  const axis = compileExpr(plan.axis, input, ctx);
  const step = compileExpr(plan.step, one, ctx)(0);
  if (typeof step !== 'number' || !(step > 0)) {
    throw ctx.errors.at(plan.step.span, 'KQL-ARGUMENT', 'The step of make-series must be a positive constant.');
  }
  let from = plan.from ? compileExpr(plan.from, one, ctx)(0) : undefined;
  let to = plan.to ? compileExpr(plan.to, one, ctx)(0) : undefined;
  if (plan.inRange) {
    // `in range(start, stop, step)`: the steps are bin(axis, step), so the first is bin(start, step), and
    // the step holding `stop` is the last.
    if (typeof from !== 'number' || typeof to !== 'number') {
      throw ctx.errors.at(
        plan.span,
        'KQL-ARGUMENT',
        'The start and stop of make-series … in range(start, stop, step) must be constants.',
      );
    }
    const bin = plan.axis.type === 'datetime' ? binDatetime : binNumber;
    from = bin(from, step);
    to = bin(to, step) + step;
  }
  if (typeof from !== 'number' || typeof to !== 'number') {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < input.rowCount; i++) {
      const v = axis(i);
      if (typeof v === 'number') {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    // Without `from`, the first bin with data (bins as bin() makes them); without `to`, the upper
    // bound of the last bin with data, so the series ends with that bin and no empty one after it.
    if (typeof from !== 'number') {
      from = Number.isFinite(min) ? (plan.axis.type === 'datetime' ? binDatetime : binNumber)(min, step) : 0;
    }
    if (typeof to !== 'number') {
      to = Number.isFinite(max) ? from + (Math.floor((max - from) / step) + 1) * step : from;
    }
  }
  const start = from;
  const steps = Math.max(0, Math.ceil((to - start) / step));
  if (steps > MAX_STEPS) {
    throw ctx.errors.at(
      plan.span,
      'KQL-LIMIT',
      `make-series would produce ${steps} steps; the embedded engine allows at most ${MAX_STEPS}.`,
    );
  }
  const keyFns = plan.keys.map((k) => compileExpr(k.expr, input, ctx));
  const { groupOf, firstRows } = groupRows(
    keyFns,
    plan.keys.map((k) => k.expr.type),
    input,
    ctx,
  );
  // kind=nonempty over no rows: one row, its keys null (strings empty) and every series all defaults.
  const emptyRow = plan.nonEmpty === true && input.rowCount === 0;
  const groups = emptyRow ? 1 : plan.keys.length === 0 ? (input.rowCount > 0 ? 1 : 0) : firstRows.length;
  // Each step's aggregate is bound at its own type (avg: real), not the series' dynamic.
  const aggs = plan.aggregates.map((a) =>
    bindAggregate({ ...a.call, outputs: [{ ...a.call.outputs[0]!, type: a.element }] }, input, ctx),
  );
  // states[agg][group * steps + step], created on first use.
  const states = aggs.map(() => new Map<number, unknown>());
  const argValues = aggs.map((a) => new Array<Value>(a.args.length));
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = axis(i);
    if (typeof t !== 'number') {
      continue;
    }
    const s = Math.floor((t - start) / step);
    if (s < 0 || s >= steps) {
      continue;
    }
    const slot = groupOf[i]! * steps + s;
    aggs.forEach((a, j) => {
      const values = argValues[j]!;
      for (let k = 0; k < a.args.length; k++) {
        values[k] = a.args[k]!(i);
      }
      const st = states[j]!;
      st.set(slot, a.impl.step(st.has(slot) ? st.get(slot) : a.impl.init(), values));
    });
  }
  const cols: TableColumn[] = [];
  plan.keys.forEach((k, i) => {
    const type = plan.schema[i]!.type;
    const values = emptyRow ? [type === 'string' ? '' : null] : firstRows.slice(0, groups).map((r) => keyFns[i]!(r));
    cols.push({ name: plan.schema[i]!.name, column: columnFromValues(type, values) });
  });
  aggs.forEach((a, j) => {
    const out = a.call.outputs[0]!;
    const element = plan.aggregates[j]!.element;
    const fallback = seriesElement(plan.aggregates[j]!.fallback, element);
    const series: DynamicValue[] = [];
    for (let g = 0; g < groups; g++) {
      const arr: DynamicValue[] = new Array(steps);
      for (let s = 0; s < steps; s++) {
        const slot = g * steps + s;
        arr[s] = states[j]!.has(slot) ? seriesElement(a.impl.result(states[j]!.get(slot)) as Value, element) : fallback;
      }
      series.push(arr);
    }
    cols.push({ name: out.name, column: columnFromValues('dynamic', series) });
  });
  const axisValues: DynamicValue[] = [];
  for (let s = 0; s < steps; s++) {
    const v = start + s * step;
    axisValues.push(plan.axis.type === 'datetime' ? formatDatetimeInDynamic(v) : v);
  }
  const axisName = plan.schema[plan.schema.length - 1]!.name;
  cols.push({ name: axisName, column: columnFromValues('dynamic', new Array(groups).fill(axisValues)) });
  return new Table(cols, groups);
}

/** One step of a series: a real stays a real (1.0, not 1), datetimes and timespans as their text. */
function seriesElement(v: Value, element: KqlType): DynamicValue {
  if ((element === 'real' || element === 'decimal') && typeof v === 'number') {
    return realInDynamic(v);
  }
  return toDynamic(v, element);
}
