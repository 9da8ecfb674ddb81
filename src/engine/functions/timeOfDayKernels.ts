/**
 * Kernels for hourofday(t) and datetime_part("hour"|"minute"|"second"|"millisecond", t) with a constant
 * part: modular arithmetic on the ticks instead of building calendar fields per row. Within a Date's
 * range they give what the functions' own implementations give; beyond it the row kernel asks the
 * implementation and the column kernel declines.
 */
import { TICKS_PER_MILLISECOND, type Value } from '../values';
import {
  CHECK_INTERVAL as CHECK_EVERY,
  type CallShape,
  type ColumnKernel,
  type RowEvaluator,
  type ScalarImpl,
} from './types';

// Module-local copies: a transpiled import is a getter call on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const MS_TICKS = TICKS_PER_MILLISECOND;

/** Milliseconds per unit and per enclosing unit, for the time-of-day parts (Date's own arithmetic). */
const TIME_OF_DAY_PARTS: Record<string, readonly [number, number]> = {
  hour: [3_600_000, 86_400_000],
  minute: [60_000, 3_600_000],
  second: [1_000, 60_000],
  millisecond: [1, 1_000],
};

/** Beyond this many milliseconds from 1970 a Date is invalid: the implementation decides what such values give. */
const MAX_MS = 8.64e15;

/** Which call shapes have a kernel: the datetime argument's index and the part's unit and period. */
export type TimeOfDayShape = (call: CallShape) => { arg: number; unit: number; period: number } | undefined;

/** hourofday(t): the hour of a datetime. */
export const hourOfDayShape: TimeOfDayShape = (call) =>
  call.argTypes.length === 1 && call.argTypes[0] === 'datetime' && integral(call) ? at(0, 'hour') : undefined;

/** datetime_part(part, t) with a constant time-of-day part. */
export const datetimePartShape: TimeOfDayShape = (call) => {
  const part = call.constArgs[0];
  if (call.argTypes.length !== 2 || call.argTypes[1] !== 'datetime' || typeof part !== 'string' || !integral(call)) {
    return undefined;
  }
  return at(1, part.trim().toLowerCase());
};

function integral(call: CallShape): boolean {
  return call.resultType === 'int' || call.resultType === 'long';
}

function at(arg: number, partName: string): { arg: number; unit: number; period: number } | undefined {
  const sizes = TIME_OF_DAY_PARTS[partName];
  return sizes && { arg, unit: sizes[0], period: sizes[1] };
}

/** The part of a datetime in ticks within a Date's range, else undefined. */
function partOf(t: number, unit: number, period: number): number | undefined {
  const ms = Math.floor(t / MS_TICKS);
  if (!(ms >= -MAX_MS && ms <= MAX_MS)) {
    return undefined;
  }
  return Math.floor((ms - Math.floor(ms / period) * period) / unit);
}

/** The row kernel of a time-of-day function: `impl` (the function bound) for what the arithmetic leaves. */
export function timeOfDayRowKernel(shape: TimeOfDayShape) {
  return (
    call: CallShape,
    args: readonly RowEvaluator[],
    _rows: unknown,
    impl: ScalarImpl | undefined,
  ): RowEvaluator | undefined => {
    const s = shape(call);
    const read = s && args[s.arg];
    if (!s || !read || !impl) {
      return undefined;
    }
    const { unit, period } = s;
    const generic = call.argTypes.length === 1 ? (t: Value) => impl([t]) : (t: Value) => impl([call.constArgs[0]!, t]);
    return (row) => {
      const t = read(row);
      if (typeof t !== 'number') {
        return generic(t);
      }
      const v = partOf(t, unit, period);
      return v === undefined ? generic(t) : v;
    };
  };
}

/** The whole-column kernel of a time-of-day function over its datetime argument. */
export function timeOfDayColumnKernel(shape: TimeOfDayShape) {
  return (call: CallShape): ColumnKernel | undefined => {
    const s = shape(call);
    if (!s) {
      return undefined;
    }
    const { unit, period } = s;
    return {
      arg: s.arg,
      run(input, n, check) {
        const { values: source, nulls: sourceNulls } = input.source;
        const rows = input.rows;
        const values = new Float64Array(n);
        let nulls: Uint8Array | undefined;
        for (let start = 0; start < n; start += CHECK_INTERVAL) {
          check();
          const end = Math.min(n, start + CHECK_INTERVAL);
          for (let i = start; i < end; i++) {
            const r = rows ? rows[i]! : i;
            if (r < 0 || (sourceNulls !== undefined && sourceNulls[r] !== 0)) {
              (nulls ??= new Uint8Array(n))[i] = 1;
              continue;
            }
            const ms = Math.floor(source[r]! / MS_TICKS);
            if (!(ms >= -MAX_MS && ms <= MAX_MS)) {
              // Beyond a Date's range: the implementation decides, row by row.
              return undefined;
            }
            values[i] = Math.floor((ms - Math.floor(ms / period) * period) / unit);
          }
        }
        return { values, nulls };
      },
    };
  };
}
