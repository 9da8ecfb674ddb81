/**
 * `a + b`, `a - b`, `a * b` of two int, long or real columns into an int, long or real column, such as
 * `BytesSent + BytesReceived` over a filtered table, the commonest computed column. vectorKernels.ts's
 * general loop reads each operand through a helper and calls the operator as a closure per row; here
 * the arrays are read into locals and the operator is inlined, which was most of that loop's time.
 * The values are what inlineArithmetic gives (a finite result truncated for long, to 32 bits for int,
 * real as is; a null operand gives null; a non-finite long or int is null).
 */
import type { NumberRange } from '../column';
import type { KqlType } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import type { NumberSelection } from './lazy';

// A module-local copy: a transpiled import is a getter call on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export interface PairResult {
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
  /** As numberRange gives it: null when every value is null. */
  readonly range: NumberRange | null;
}

const OPS = { AddExpression: 0, SubtractExpression: 1, MultiplyExpression: 2 } as const;

/**
 * Undefined when the operator or a type is not one of these, or when a long result leaves ±(2^53−1)
 * (the row-by-row path keeps it exact).
 */
export function pairArithmetic(
  op: string,
  type: KqlType,
  left: NumberSelection,
  right: NumberSelection,
  n: number,
  ctx: ExecContext,
): PairResult | undefined {
  const code = OPS[op as keyof typeof OPS];
  if (code === undefined || (type !== 'long' && type !== 'int' && type !== 'real')) {
    return undefined;
  }
  const { values: av, nulls: an } = left.source;
  const { values: bv, nulls: bn } = right.source;
  const ar = left.rows;
  const br = right.rows;
  const real = type === 'real';
  const int = type === 'int';
  const values = new Float64Array(n);
  let nulls: Uint8Array | undefined;
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = false;
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      // Row −1 of a selection is a null row.
      const ra = ar === undefined ? i : ar[i]!;
      const rb = br === undefined ? i : br[i]!;
      if (ra < 0 || rb < 0 || (an !== undefined && an[ra] !== 0) || (bn !== undefined && bn[rb] !== 0)) {
        (nulls ??= new Uint8Array(n))[i] = 1;
        continue;
      }
      const a = av[ra]!;
      const b = bv[rb]!;
      let v = code === 0 ? a + b : code === 1 ? a - b : a * b;
      if (real) {
        if (v !== v) {
          hasNaN = true;
          values[i] = v;
          continue;
        }
      } else if (v - v !== 0) {
        // Infinity or NaN: not a long or an int.
        (nulls ??= new Uint8Array(n))[i] = 1;
        continue;
      } else {
        v = int ? Math.trunc(v) | 0 : Math.trunc(v);
      }
      values[i] = v;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
  }
  if (type === 'long' && min <= max && !(min >= -MAX_SAFE && max <= MAX_SAFE)) {
    return undefined;
  }
  return { values, nulls, range: min <= max || hasNaN ? { min, max, hasNaN } : null };
}
