/** Math functions. Results are fitted to the result type the binder gave (round(int) stays int). */
import { Int64, longFromBigInt } from '../int64';
import type { Value } from '../values';
import { fitNumber, scalar, strict, withVolatility } from './define';
import type { ScalarFunction } from './types';

/** Rounds half away from zero at `precision` decimals (negative: tens, hundreds…), decimal-exact. */
export function roundTo(x: number, precision = 0): number {
  if (!Number.isFinite(x)) {
    return x;
  }
  const p = Math.trunc(precision);
  const shifted = Math.round(Number(`${Math.abs(x)}e${p}`));
  const back = Number(`${shifted}e${-p}`);
  return x < 0 ? -back : back;
}

/** A one-argument real function; `domain` says which inputs give null instead of a value. */
function real(name: string, fn: (x: number) => number, domain: (x: number) => boolean = () => true): ScalarFunction {
  return strict(name, (args, _types, resultType) => {
    const x = args[0] as number;
    return domain(x) ? fitNumber(fn(x), resultType) : null;
  });
}

const nonNegative = (x: number): boolean => x >= 0;

/** binary_*(): two's-complement bit operations on 64-bit longs. */
function bits(name: string, fn: (a: bigint, b: bigint) => bigint): ScalarFunction {
  return strict(name, (args) => {
    const a = args[0];
    const b = args[1] ?? 0;
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) {
      return null;
    }
    return Number(BigInt.asIntN(64, fn(BigInt(Math.trunc(a)), BigInt(Math.trunc(b)))));
  });
}

function isNumberValue(v: Value): v is number {
  return typeof v === 'number';
}

export const mathFunctions: ScalarFunction[] = [
  // A long past 2^53 is an Int64: its absolute value is taken exactly (wrapping at -2^63, as long arithmetic does).
  strict('abs', (args, _t, r) => {
    const x = args[0];
    return x instanceof Int64
      ? fitNumber(longFromBigInt(x.big < 0n ? -x.big : x.big), r)
      : fitNumber(Math.abs(x as number), r);
  }),
  strict('round', (args, _t, r) => fitNumber(roundTo(args[0] as number, (args[1] as number | undefined) ?? 0), r)),
  strict('ceiling', (args, _t, r) => fitNumber(Math.ceil(args[0] as number), r)),
  real('exp', Math.exp),
  real('exp2', (x) => 2 ** x),
  real('exp10', (x) => 10 ** x),
  real('log', Math.log, nonNegative),
  real('log10', Math.log10, nonNegative),
  real('log2', Math.log2, nonNegative),
  real('sqrt', Math.sqrt, nonNegative),
  real('cos', Math.cos),
  real('sin', Math.sin),
  real('tan', Math.tan),
  real('acos', Math.acos),
  real('asin', Math.asin),
  real('atan', Math.atan),
  real('cot', (x) => 1 / Math.tan(x)),
  real('degrees', (x) => (x * 180) / Math.PI),
  real('radians', (x) => (x * Math.PI) / 180),
  strict('atan2', (args) => Math.atan2(args[0] as number, args[1] as number)),
  strict('pow', (args, _t, r) => fitNumber((args[0] as number) ** (args[1] as number), r)),
  strict('sign', (args, _t, r) => fitNumber(Math.sign(args[0] as number), r)),
  scalar('pi', () => () => Math.PI),
  withVolatility(
    scalar(
      'rand',
      () => (args) =>
        isNumberValue(args[0] ?? null) ? Math.floor(Math.random() * (args[0] as number)) : Math.random(),
    ),
    'row',
  ),
  scalar('isnan', () => (args) => isNumberValue(args[0]!) && Number.isNaN(args[0])),
  scalar('isinf', () => (args) => isNumberValue(args[0]!) && !Number.isNaN(args[0]) && !Number.isFinite(args[0])),
  scalar('isfinite', () => (args) => isNumberValue(args[0]!) && Number.isFinite(args[0])),
  bits('binary_and', (a, b) => a & b),
  bits('binary_or', (a, b) => a | b),
  bits('binary_xor', (a, b) => a ^ b),
  bits('binary_not', (a) => ~a),
  // Shifts past 63 bits clear (or sign-fill) the value, as on a 64-bit long.
  bits('binary_shift_left', (a, b) => (b < 0n || b > 63n ? 0n : a << b)),
  bits('binary_shift_right', (a, b) => (b < 0n ? 0n : a >> (b > 63n ? 63n : b))),
];
