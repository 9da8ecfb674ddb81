/**
 * evaluate new_activity_metrics: the rows from Start to End are binned by Window from Start; an id's
 * cohort is the bin it is first seen in (per combination of the dimensions), and ids the Lookback
 * table holds are in no cohort and never new. For each cohort bin `from` (only the one holding Cohort
 * when given), each bin `to` from `from` to the last, and each combination of the dimensions with
 * rows in the period: dcount_new_values is the ids of `to` not seen in any bin up to `from` (for
 * `to` = `from`, the cohort itself, as the reference's example counts it), dcount_retained_values the
 * cohort's ids seen in `to`, dcount_churn_values the rest of the cohort, and the rates those over
 * the cohort (NaN for an empty cohort). Every pair is a row, empty bins included, as the reference's
 * example lists a last day without data; rows come by `from`, then `to`, then dimensions in order of
 * first appearance. Rows outside Start…End are left out, as the Lookback parameter implies.
 */
import { columnFromValues } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { hashKey } from '../valueCompare';
import type { Value } from '../values';
import { type ActivityRows, forEachIdBins, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';
import { type TimelineAxis, timelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'new_activity_metrics';
const WHAT = `evaluate ${PLUGIN}`;

type NewMetricsPlan = Extract<Plan, { k: 'newActivityMetrics' }>;

export function runNewActivityMetrics(
  plan: NewMetricsPlan,
  input: Table,
  lookback: Table | undefined,
  ctx: ExecContext,
): Table {
  const axis = timelineAxis(PLUGIN, plan.timeline.type, plan.start, plan.end, plan.window, ctx, 'Window');
  const start = Number(constantArgument(plan.start, PLUGIN, 'Start', ctx));
  const end = Number(constantArgument(plan.end, PLUGIN, 'End', ctx));
  const bins = axis.bins;
  const cohorts = cohortBins(plan, axis, ctx);
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const seenBefore = lookbackIds(plan, rows, input, lookback, ctx);
  const inPeriod = (r: number): boolean => {
    const k = rows.bin[r]!;
    const t = rows.time[r]!;
    return k >= 0 && k < bins && t >= start && t <= end;
  };
  const groups = rows.dimensions.groups;
  const active = new Uint8Array(groups);
  for (let r = 0; r < rows.count; r++) {
    if (inPeriod(r)) {
      active[rows.group[r]!] = 1;
    }
  }
  // seen[(g * bins + first) * bins + k]: the ids of group g first seen in bin `first` that are in bin k.
  chargeMemory(groups * bins * bins * BYTES.slot, WHAT);
  const seen = new Float64Array(groups * bins * bins);
  const fresh = (r: number): boolean => inPeriod(r) && seenBefore[rows.id[r]!] !== 1;
  forEachIdBins(rows, fresh, ctx, WHAT, (group, held) => {
    const base = (group * bins + held[0]!) * bins;
    for (const k of held) {
      seen[base + k]! += 1;
    }
  });
  const at = (g: number, first: number, k: number): number => seen[(g * bins + first) * bins + k]!;

  const out: Value[][] = [[], [], [], [], [], [], []];
  const rowGroups: number[] = [];
  for (const from of cohorts) {
    for (let to = from; to < bins; to++) {
      if ((to & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      for (let g = 0; g < groups; g++) {
        if (active[g] === 0) {
          continue;
        }
        const cohort = at(g, from, from);
        const retained = at(g, from, to);
        let newValues = to === from ? cohort : 0;
        for (let first = from + 1; first <= to; first++) {
          newValues += at(g, first, to);
        }
        const churned = cohort - retained;
        rowGroups.push(g);
        const values = [
          axis.valueAt(from),
          axis.valueAt(to),
          newValues,
          retained,
          churned,
          cohort > 0 ? retained / cohort : Number.NaN,
          cohort > 0 ? churned / cohort : Number.NaN,
        ];
        values.forEach((v, i) => {
          out[i]!.push(v);
        });
      }
    }
  }
  chargeMemory(rowGroups.length * plan.schema.length * BYTES.boxed, WHAT);
  return output(plan, out, rowGroups, rows);
}

/** Every bin, or with a Cohort the bin holding it (an error when that is outside Start…End). */
function cohortBins(plan: NewMetricsPlan, axis: TimelineAxis, ctx: ExecContext): number[] {
  if (!plan.cohort) {
    return Array.from({ length: axis.bins }, (_, k) => k);
  }
  const k = axis.indexOf(constantArgument(plan.cohort, PLUGIN, 'Cohort', ctx));
  if (k === null || k < 0 || k >= axis.bins) {
    throw ctx.errors.at(plan.cohort.span, 'KQL-ARGUMENT', `${PLUGIN}: Cohort is a time from Start to End.`);
  }
  return [k];
}

/** Per id number of the input, 1 when the Lookback table holds that id. */
function lookbackIds(
  plan: NewMetricsPlan,
  rows: ActivityRows,
  input: Table,
  lookback: Table | undefined,
  ctx: ExecContext,
): Uint8Array {
  const marked = new Uint8Array(rows.ids);
  if (!lookback || !plan.lookback) {
    return marked;
  }
  // The lowering checked the column is there; the plan's schema is the table's.
  const column = lookback.column(plan.lookback.column)!;
  const keys = new Set<string | number>();
  chargeMemory(lookback.rowCount * BYTES.boxed, WHAT);
  for (let r = 0; r < lookback.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = column.get(r);
    if (v !== null && v !== undefined) {
      keys.add(hashKey(v, column.type));
    }
  }
  const idOf = compileExpr(plan.id, input, ctx);
  for (let r = 0; r < rows.count; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    if (rows.id[r]! >= 0 && keys.has(hashKey(idOf(r), plan.id.type))) {
      marked[rows.id[r]!] = 1;
    }
  }
  return marked;
}

/** from, to, the dimension values, then the five metrics, named and typed as the binder says. */
function output(plan: NewMetricsPlan, out: Value[][], rowGroups: number[], rows: ActivityRows): Table {
  const schema = plan.schema;
  const dimCount = plan.dims.length;
  const dimValues = Array.from({ length: rows.dimensions.groups }, (_, g) => rows.dimensions.valuesOf(g));
  const column = (i: number, values: readonly Value[]): TableColumn => ({
    name: schema[i]!.name,
    column: columnFromValues(schema[i]!.type, values),
  });
  const columns: TableColumn[] = [column(0, out[0]!), column(1, out[1]!)];
  for (let d = 0; d < dimCount; d++) {
    columns.push(
      column(
        2 + d,
        rowGroups.map((g) => dimValues[g]![d]!),
      ),
    );
  }
  for (let i = 2; i < out.length; i++) {
    columns.push(column(dimCount + i, out[i]!));
  }
  return new Table(columns, rowGroups.length);
}
