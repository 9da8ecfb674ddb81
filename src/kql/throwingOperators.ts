/**
 * Which graph operators of a query make Kusto.Language's binder throw, found by binding the query again
 * with some of them blanked. Blanking all of them (what the first version did) hid the valid ones too: their
 * errors, hover and completion. An operator's input comes from the text before it, so operators are
 * decided in text order: with the earlier ones decided and the later ones blanked, an operator that makes
 * the bind throw is one to blank, and one that does not is kept. The first is found by bisection; after
 * each, the rest is tried whole (one bad operator is the usual case), else a gallop from it finds the next
 * (so a run of bad operators costs about two binds each, not a bisection each). One bind per operator
 * would bind a block of 50 valid ones 50 times: bench/graphRebind.ts measures the three.
 */

/** One bind of the query with these operators (indices in text order) blanked. */
export type BindAttempt<T> = (blanked: readonly number[]) => BindOutcome<T>;

export type BindOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface ThrowingOperators<T> {
  /** Indices of the operators to blank, ascending. */
  readonly blanked: readonly number[];
  /** The bind with exactly those blanked. */
  readonly value: T;
  /** Binds made, for measuring. */
  readonly binds: number;
}

/**
 * Given `count` operators and a query that throws with none blanked, the operators to blank, each one that
 * throws given those before it. The bind with all of them blanked throwing too propagates its error: the
 * throw is not theirs.
 */
export function findThrowingOperators<T>(count: number, bind: BindAttempt<T>): ThrowingOperators<T> {
  const memo = new Map<string, BindOutcome<T>>();
  // With nothing blanked the query threw: that is why we are here.
  memo.set('', { ok: false, error: undefined });
  let binds = 0;
  const attempt = (blanked: readonly number[]): BindOutcome<T> => {
    const key = blanked.join(',');
    let outcome = memo.get(key);
    if (!outcome) {
      binds++;
      outcome = bind(blanked);
      memo.set(key, outcome);
    }
    return outcome;
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const decided: number[] = [];
  let next = 0;
  while (next < count) {
    // Operators next..last kept, the later ones blanked; last = count - 1 is the whole rest.
    const keepThrough = (last: number) => attempt([...decided, ...range(last + 1, count - 1)]).ok;
    if (keepThrough(count - 1)) {
      break;
    }
    // The first operator that throws lies in lo..hi. After one was found the next is often close (a run
    // of bad operators): gallop from it so each costs a bind or two; the first is found by bisection.
    let lo = next;
    let hi = count - 1;
    for (let step = 1; next > 0 && lo + step - 1 < hi; step *= 2) {
      const probe = lo + step - 1;
      if (!keepThrough(probe)) {
        hi = probe;
        break;
      }
      lo = probe + 1;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (keepThrough(mid)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    decided.push(lo);
    next = lo + 1;
  }
  const final = attempt(decided);
  if (!final.ok) {
    throw final.error;
  }
  return { blanked: decided, value: final.value, binds };
}
