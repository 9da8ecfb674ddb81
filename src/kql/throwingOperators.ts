/**
 * Which graph operators of a query make Kusto.Language's binder throw, found by binding the query again
 * with some of them blanked. Blanking all of them (what the first version did) hid the valid ones too: their
 * errors, hover and completion. An operator's input comes from the text before it, so operators are
 * decided in text order: with the earlier ones decided and the later ones blanked, an operator that makes
 * the bind throw is one to blank, and one that does not is kept. The first is found by bisection; after
 * each, the rest is tried whole (one bad operator is the usual case), else a gallop from it finds the next
 * (so a run of bad operators costs about two binds each, not a bisection each). One bind per operator
 * would bind a block of 50 valid ones 50 times: bench/graphRebind.ts measures the three.
 *
 * Each bind costs as much as the query's own (some 50 ms for a block of 50 graph operators, more under
 * load), and the language server gives a block's analysis 3 s: five bad operators among fifty took 40
 * binds, two seconds, and under load the block showed "Not analysed" instead of its errors. So the search
 * has a budget of binds, and of time where its caller has a deadline: once either is spent, the operators
 * not yet decided are blanked together, unchecked (the first version's coarse way, for those only). The
 * first throwing operator is always found (its bisection costs a dozen binds even among a thousand
 * operators), so the query keeps an error at an operator that does throw, and the engine, which runs no
 * query with an error, never runs one with operators blanked.
 */

/** One bind of the query with these operators (indices in text order) blanked. */
export type BindAttempt<T> = (blanked: readonly number[]) => BindOutcome<T>;

export type BindOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface ThrowingOperators<T> {
  /** Indices of the operators to blank, ascending: those that throw and the unchecked ones. */
  readonly blanked: readonly number[];
  /**
   * Those of `blanked` the budget left undecided, ascending: some of them throw, the others may be valid.
   * Empty when the search finished.
   */
  readonly unchecked: readonly number[];
  /** The bind with exactly `blanked` blanked. */
  readonly value: T;
  /** Binds made, for measuring. */
  readonly binds: number;
}

/**
 * Binds the search may make once it has found the first throwing operator. One bad operator among up to a
 * thousand costs at most 11 (its bisection, the rest whole); up to three among fifty at most 27, wherever
 * they are; five 32 to 40, all fifty 105. bench/graphRebind.ts measures the cost with and without it.
 */
export const REBIND_BUDGET = 28;

export interface SearchBudget {
  readonly binds: number;
  /** True once the caller's time for the search is up (the language server's analysis has a deadline). */
  readonly expired?: () => boolean;
}

/**
 * Given `count` operators and a query that throws with none blanked, the operators to blank, each one that
 * throws given those before it, and once the budget is spent the undecided rest. The bind with all of them
 * blanked throwing too propagates its error: the throw is not theirs.
 */
export function findThrowingOperators<T>(
  count: number,
  bind: BindAttempt<T>,
  budget: SearchBudget = { binds: REBIND_BUDGET },
): ThrowingOperators<T> {
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
  // Operators next..last kept, the later ones blanked (last = count - 1 is the whole rest): whether that
  // binds, or undefined once the budget is spent and one throwing operator is known.
  const spent = () => binds >= budget.binds || budget.expired?.() === true;
  const keepThrough = (last: number): boolean | undefined => {
    const blanked = [...decided, ...range(last + 1, count - 1)];
    if (decided.length > 0 && !memo.has(blanked.join(',')) && spent()) {
      return undefined;
    }
    return attempt(blanked).ok;
  };
  let unchecked: number[] = [];
  let next = 0;
  search: while (next < count) {
    const rest = keepThrough(count - 1);
    if (rest === undefined) {
      unchecked = range(next, count - 1);
      break;
    }
    if (rest) {
      break;
    }
    // The first operator that throws lies in lo..hi, and next..lo-1 bind kept. After one was found the
    // next is often close (a run of bad operators): gallop from it so each costs a bind or two; the first
    // is found by bisection.
    let lo = next;
    let hi = count - 1;
    for (let step = 1; next > 0 && lo + step - 1 < hi; step *= 2) {
      const probe = lo + step - 1;
      const kept = keepThrough(probe);
      if (kept === undefined) {
        unchecked = range(lo, count - 1);
        break search;
      }
      if (!kept) {
        hi = probe;
        break;
      }
      lo = probe + 1;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const kept = keepThrough(mid);
      if (kept === undefined) {
        unchecked = range(lo, count - 1);
        break search;
      }
      if (kept) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    decided.push(lo);
    next = lo + 1;
  }
  // Out of budget this is keepThrough(lo - 1), made already unless lo never moved since the first
  // operator (then it is the bind with every operator blanked): at most one bind past the budget.
  const blanked = [...decided, ...unchecked];
  const final = attempt(blanked);
  if (!final.ok) {
    throw final.error;
  }
  return { blanked, unchecked, value: final.value, binds };
}
