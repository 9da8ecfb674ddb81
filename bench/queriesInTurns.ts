/**
 * Runs a bench's queries in turns (each run times every query once, so load that comes and goes
 * touches all of them alike) and gives each query's median wall time and the first cell of its answer.
 */
import { type Database, executeQuery } from '../src/engine';

export interface TurnTimes {
  /** Median milliseconds per query, in the order given. */
  readonly medians: number[];
  /** Each query's first cell (a count), to print beside its time as a check. */
  readonly answers: unknown[];
}

export function timeInTurns(db: Database, queries: readonly string[], runs: number): TurnTimes {
  const times = queries.map(() => [] as number[]);
  const answers = queries.map(() => undefined as unknown);
  for (let r = 0; r < runs; r++) {
    queries.forEach((query, k) => {
      const t0 = performance.now();
      const result = executeQuery(query, db, {});
      times[k]!.push(performance.now() - t0);
      answers[k] = result.tables[0]!.table.rows()[0]?.[0];
    });
  }
  return { medians: times.map(median), answers };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
