/**
 * evaluate diffpatterns(SplitColumn, A, B …): patterns whose share of set A's rows and of set B's
 * differ by at least Threshold (PercentDiffAB = |PercentA − PercentB|, in percentage points).
 *
 * Set A is the rows where tostring(SplitColumn) == A, set B where it is B; other rows take no part.
 * Every pattern that differs by the threshold has a share of at least the threshold in A or in B, so
 * the closed patterns frequent in A or in B (patternMining.ts, exact) hold them all; closed here means
 * no more specific pattern matches the same rows of A and of B.
 *
 * The reference returns "a small set of patterns", and its example shows which: `EventType = Hail,
 * DamageCrops = 0` (49.8% against 7.1%) is reported, but neither `EventType = Hail` nor
 * `DamageCrops = 0` alone, though each differs by more than the threshold (DamageCrops = 0 holds in
 * all of set A and, from the basket example's figures, in 84% of set B); and `EventType =
 * Thunderstorm Wind` is reported without `DamageCrops = 0`. So a pattern is reported when no pattern
 * more general or more specific than it differs more (at a tie, the more general one is kept): the
 * local peaks of the difference. Rows: by PercentDiffAB, largest first. The split column, which the
 * binder keeps in the output, holds the wildcard (it differs between the sets by definition).
 */
import { EvaluationError } from '../functions/types';
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { valueToString } from '../valueText';
import { columnReader } from './columnReader';
import type { ExecContext } from './context';
import { closedPatterns, encode, type Found, generalizes, patternTable, size } from './patternMining';

export function runDiffpatterns(plan: Extract<Plan, { k: 'patterns' }>, input: Table, ctx: ExecContext): Table {
  const split = plan.options.split!;
  const splitColumn = input.column(split.column)!;
  const read = columnReader(splitColumn);
  const groupOf = (row: number): number => {
    const v = read(row);
    const text = v === null ? '' : valueToString(v, splitColumn.type);
    return text === split.a ? 0 : text === split.b ? 1 : -1;
  };
  const t = plan.options.threshold * (1 - 1e-12);
  const inAOrB = (w: readonly number[], totals: readonly number[]) =>
    w[0]! >= t * totals[0]! || w[1]! >= t * totals[1]!;
  const e = encode(input, plan.options, 2, groupOf, ctx, inAOrB);
  const [totalA, totalB] = e.totals as [number, number];
  if (!(totalA > 0) || !(totalB > 0)) {
    const missing = totalA > 0 ? split.b : split.a;
    throw new EvaluationError(
      `diffpatterns: no row has ${split.column} = '${missing}', so there is no set ${totalA > 0 ? 'B' : 'A'} to compare with.`,
    );
  }
  const shares = (w: readonly number[]) => [w[0]! / totalA, w[1]! / totalB] as const;
  const found = closedPatterns(e, (w) => inAOrB(w, e.totals), plan.options.maxDimensions, ctx);
  // In percentage points from the reported percents, as the reference defines it.
  const diff = (f: Found) => {
    const [a, b] = shares(f.weights);
    return Math.abs(100 * a - 100 * b);
  };
  const differing = found.filter((f) => diff(f) >= 100 * t).map((f) => ({ f, d: diff(f), n: size(f.pattern) }));
  const peaks = differing.filter((p, i) => {
    if (i % 64 === 0) {
      ctx.check();
    }
    return !differing.some(
      (q) =>
        q !== p &&
        (q.d > p.d || (q.d === p.d && q.n < p.n)) &&
        (generalizes(q.f.pattern, p.f.pattern) || generalizes(p.f.pattern, q.f.pattern)),
    );
  });
  peaks.sort((p, q) => q.d - p.d || p.n - q.n);
  return patternTable(
    plan,
    e,
    peaks.map((p) => p.f.pattern),
    peaks.map((p, i) => {
      const [a, b] = shares(p.f.weights);
      return [i, Math.round(p.f.weights[0]!), Math.round(p.f.weights[1]!), 100 * a, 100 * b, p.d];
    }),
  );
}
