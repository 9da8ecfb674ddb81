/**
 * evaluate basket: every frequent pattern, exactly (the reference names the Apriori algorithm; the
 * patterns are enumerated closed-first, see patternMining.ts, which finds the same ones).
 *
 * Which frequent patterns are reported: the closed ones, those no more specific pattern matches with
 * the same rows. The reference's example shows it: `DamageCrops = 0` is reported alone (96.4%) beside
 * `Damage = NO, DamageCrops = 0` (77.7%), so more than the maximal patterns are reported; but
 * `Damage = NO` alone, which is frequent too, is not: Damage is NO only when DamageCrops +
 * DamageProperty is 0, so `Damage = NO` matches exactly the rows of `Damage = NO, DamageCrops = 0`
 * and adds nothing (likewise `EventType = Hail, Damage = NO`). Every frequent pattern is one of the
 * reported ones less some of its values, with the count of the smallest reported one holding it.
 *
 * A pattern is frequent when its rows' weight is at least Threshold of all rows' weight. The
 * reference's Kusto samples rows to find the first frequent values, so near the threshold its answer
 * may differ from run to run; this one is exact. Rows: by Count, largest first.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import type { ExecContext } from './context';
import { closedPatterns, encode, patternTable, size } from './patternMining';

export function runBasket(plan: Extract<Plan, { k: 'patterns' }>, input: Table, ctx: ExecContext): Table {
  // A hair under the threshold, so that 0.2 of 10 rows (2.0000000000000004 by doubles) takes 2 rows.
  const share = plan.options.threshold * (1 - 1e-12);
  const frequent = (w: readonly number[], totals: readonly number[]) => w[0]! > 0 && w[0]! >= totals[0]! * share;
  const e = encode(input, plan.options, 1, () => 0, ctx, frequent);
  const total = e.totals[0]!;
  const found = closedPatterns(e, (w) => frequent(w, e.totals), plan.options.maxDimensions, ctx);
  found.sort((a, b) => b.weights[0]! - a.weights[0]! || size(a.pattern) - size(b.pattern));
  return patternTable(
    plan,
    e,
    found.map((f) => f.pattern),
    found.map((f, i) => [i, Math.round(f.weights[0]!), (100 * f.weights[0]!) / total]),
  );
}
