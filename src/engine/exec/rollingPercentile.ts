/**
 * evaluate rolling_percentile: rows are binned as bin(IndexColumn, BinSize) does; for each
 * combination of the dimensions and each bin holding rows, the Percentile of the values in that bin
 * and the BinsPerWindow − 1 bins before it (bins by position, empty ones included), by the nearest
 * rank as percentile() computes it. Null values are left out (a window of none gives null); rows
 * with a null index count nowhere. Rows come per combination of the dimensions, in their ascending
 * order (as the reference's example lists them), then by bin.
 */
import { nearestRank } from '../functions/aggregateStatistics';
import { binDatetimeTicks, binNumber } from '../functions/calendarTicks';
import { Int64 } from '../int64';
import type { Expr, Plan } from '../plan/types';
import type { Table } from '../table';
import { compareValues } from '../valueCompare';
import type { Value } from '../values';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { groupByDimensions, groupedOutput } from './dimensionGroups';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'rolling_percentile';
const WHAT = `evaluate ${PLUGIN}`;

type RollingPlan = Extract<Plan, { k: 'rollingPercentile' }>;

/** One bin of one group: its start (in the index's type) and the non-null values of its rows. */
interface Bin {
  readonly start: Value;
  readonly at: number;
  readonly values: Value[];
}

export function runRollingPercentile(plan: RollingPlan, input: Table, ctx: ExecContext): Table {
  const percentile = Number(constantArgument(plan.percentile, PLUGIN, 'Percentile', ctx));
  check(plan.percentile, percentile >= 0 && percentile <= 100, 'Percentile is from 0 to 100.', ctx);
  const size = Number(constantArgument(plan.binSize, PLUGIN, 'BinSize', ctx));
  check(plan.binSize, size > 0, 'BinSize is more than 0.', ctx);
  const windowBins = Number(constantArgument(plan.binsPerWindow, PLUGIN, 'BinsPerWindow', ctx));
  check(plan.binsPerWindow, Number.isInteger(windowBins) && windowBins >= 1, 'BinsPerWindow is 1 or more.', ctx);

  const dimensions = groupByDimensions(plan.dims, input, ctx);
  const { groupOf, groups } = dimensions;
  const binsOf: Map<number, Bin>[] = Array.from({ length: groups }, () => new Map());
  const indexOf = compileExpr(plan.index, input, ctx);
  const valueAt = compileExpr(plan.value, input, ctx);
  const binStart =
    plan.index.type === 'datetime'
      ? (v: number | Int64): Value => binDatetimeTicks(v, size)
      : (v: number | Int64): Value => binNumber(Number(v), size);
  chargeMemory(input.rowCount * BYTES.boxed, WHAT);
  let firstKey: number | undefined;
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const index = indexOf(r);
    if (typeof index !== 'number' && !(index instanceof Int64)) {
      continue;
    }
    const start = binStart(index);
    const key = Number(start);
    const bins = binsOf[groupOf[r]!]!;
    let bin = bins.get(key);
    if (bin === undefined) {
      // Bins are whole sizes apart: counted from the first bin seen, their positions are whole numbers.
      firstKey ??= key;
      bin = { start, at: Math.round((key - firstKey) / size), values: [] };
      bins.set(key, bin);
    }
    const value = valueAt(r);
    if (value !== null && value !== undefined && !(typeof value === 'number' && Number.isNaN(value))) {
      bin.values.push(value);
    }
  }

  const order = Array.from({ length: groups }, (_, g) => g);
  const dimValues = order.map((g) => dimensions.valuesOf(g));
  order.sort((a, b) => {
    for (let d = 0; d < plan.dims.length; d++) {
      const c = compareValues(dimValues[a]![d]!, dimValues[b]![d]!, plan.dims[d]!.type);
      if (c !== 0) {
        return c;
      }
    }
    return 0;
  });
  const starts: Value[] = [];
  const rowGroups: number[] = [];
  const results: Value[] = [];
  let largestWindow = 0;
  for (const g of order) {
    const bins = [...binsOf[g]!.values()].sort((a, b) => a.at - b.at);
    for (let i = 0; i < bins.length; i++) {
      ctx.check();
      const window: Value[] = [];
      for (let j = i; j >= 0 && bins[i]!.at - bins[j]!.at < windowBins; j--) {
        for (const v of bins[j]!.values) {
          window.push(v);
        }
      }
      if (window.length > largestWindow) {
        chargeMemory((window.length - largestWindow) * BYTES.slot, WHAT);
        largestWindow = window.length;
      }
      window.sort((a, b) => compareValues(a, b, plan.value.type));
      starts.push(bins[i]!.start);
      rowGroups.push(g);
      results.push(nearestRank(window, percentile));
    }
  }
  return groupedOutput(plan.schema, starts, rowGroups, dimensions, plan.dims.length, [results]);
}

function check(arg: Expr, ok: boolean, message: string, ctx: ExecContext): void {
  if (!ok) {
    throw ctx.errors.at(arg.span, 'KQL-ARGUMENT', `${PLUGIN}: ${message}`);
  }
}
