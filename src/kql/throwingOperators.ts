/**
 * Which graph operators of a query make Kusto.Language's binder throw, found by binding the query again
 * with some of them blanked. Blanking all of them (what the first version did) hid the valid ones too: their
 * errors, hover and completion. An operator's input comes from the text before it, so operators are
 * decided in text order: with the earlier ones decided and the later ones blanked, an operator that makes
 * the bind throw is one to blank, and one that does not is kept. Bisection finds the first such operator
 * in about log2(n) binds instead of one bind per operator, and after it the rest is tried whole first, since
 * one bad operator in a query is the usual case (bench/graphRebind.ts measures both).
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
    // Operators next..mid kept, the later ones blanked; mid = count - 1 is the whole rest.
    const keepThrough = (mid: number) => attempt([...decided, ...range(mid + 1, count - 1)]).ok;
    if (keepThrough(count - 1)) {
      break;
    }
    let lo = next;
    let hi = count - 1;
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
