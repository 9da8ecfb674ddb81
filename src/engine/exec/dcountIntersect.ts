/**
 * evaluate dcount_intersect: each input row with s0 … s(n−1) appended, the distinct counts of S1,
 * S1 ∩ S2, …, S1 ∩ … ∩ Sn, where Si is the row's i-th hll() value. The engine's hll() values hold
 * their distinct keys exactly (functions/distinctSketch.ts), so the intersections are exact. A null
 * set (hll() of no values) is empty; a value that is not an hll() value is an error naming its row.
 */
import { columnFromValues } from '../column';
import { keysOf } from '../functions/distinctSketch';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

export function runDcountIntersect(
  plan: Extract<Plan, { k: 'dcountIntersect' }>,
  input: Table,
  ctx: ExecContext,
): Table {
  const sets = plan.sketches.map((s) => compileExpr(s, input, ctx));
  chargeMemory(input.rowCount * sets.length * BYTES.slot, 'evaluate dcount_intersect');
  const counts: Value[][] = sets.map(() => new Array<Value>(input.rowCount));
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    let common: Set<string> | undefined;
    sets.forEach((set, i) => {
      const value = set(r);
      const keys = value === null ? [] : keysOf(value);
      if (keys === null) {
        throw ctx.errors.at(
          plan.sketches[i]!.span,
          'KQL-ARGUMENT',
          `dcount_intersect: set ${i + 1} of row ${r + 1} is not an hll() value.`,
        );
      }
      common = common === undefined ? new Set(keys) : new Set(keys.filter((k) => common!.has(k)));
      counts[i]![r] = common.size;
    });
  }
  const added = plan.schema.slice(input.columns.length);
  return new Table(
    [...input.columns, ...added.map((c, i) => ({ name: c.name, column: columnFromValues('long', counts[i]!) }))],
    input.rowCount,
  );
}
