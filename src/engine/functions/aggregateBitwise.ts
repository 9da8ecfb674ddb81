/**
 * binary_all_and/or/xor: a group's longs folded with one bitwise operation, as 64-bit two's
 * complement (BigInt, since JS bit operators stop at 32 bits). Nulls are ignored; a group without
 * values gives null.
 */
import type { KqlType } from '../values';
import { fitNumber } from './define';
import type { AggregateFunction, AggregateImpl } from './types';

function bitwise(resultType: KqlType, op: (a: bigint, b: bigint) => bigint): AggregateImpl<{ acc: bigint | null }> {
  return {
    init: () => ({ acc: null }),
    step: (s, args) => {
      const v = args[0];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return s;
      }
      const b = BigInt.asIntN(64, BigInt(Math.trunc(v)));
      s.acc = s.acc === null ? b : op(s.acc, b);
      return s;
    },
    result: (s) => (s.acc === null ? null : fitNumber(Number(BigInt.asIntN(64, s.acc)), resultType)),
  };
}

export const bitwiseAggregates: AggregateFunction[] = [
  { name: 'binary_all_and', bind: (_t, r) => bitwise(r, (a, b) => a & b) as AggregateImpl },
  { name: 'binary_all_or', bind: (_t, r) => bitwise(r, (a, b) => a | b) as AggregateImpl },
  { name: 'binary_all_xor', bind: (_t, r) => bitwise(r, (a, b) => a ^ b) as AggregateImpl },
];
