/** The to*() conversion functions, parse_json and tohex. A value that does not convert gives null. */
import { valueToString } from '../valueText';
import type { Value } from '../values';
import * as c from './convert';
import { scalar } from './define';
import type { ScalarFunction } from './types';

export const conversionFunctions: ScalarFunction[] = [
  scalar(
    'tostring',
    ([t]) =>
      (args) =>
        valueToString(args[0]!, t ?? 'dynamic'),
  ),
  scalar(
    'toint',
    ([t]) =>
      (args) =>
        c.toInt(args[0]!, t!),
  ),
  scalar(
    'tolong',
    ([t]) =>
      (args) =>
        c.toLong(args[0]!, t!),
  ),
  scalar(
    'toreal',
    ([t]) =>
      (args) =>
        c.toReal(args[0]!, t!),
    ['todouble'],
  ),
  scalar(
    'todecimal',
    ([t]) =>
      (args) =>
        c.toReal(args[0]!, t!),
  ),
  scalar('tobool', () => (args) => c.toBool(args[0]!), ['toboolean']),
  scalar(
    'todatetime',
    ([t]) =>
      (args) =>
        c.toDatetime(args[0]!, t!),
  ),
  scalar(
    'totimespan',
    ([t]) =>
      (args) =>
        c.toTimespan(args[0]!, t!),
    ['totime'],
  ),
  scalar('toguid', () => (args) => c.toGuid(args[0]!)),
  scalar(
    'todynamic',
    ([t]) =>
      (args) => {
        const v = args[0]!;
        return t === 'string' ? c.parseJson(v as string) : c.toDynamic(v, t!);
      },
    ['parse_json', 'toobject', 'parsejson'],
  ),
  scalar(
    'tohex',
    ([t]) =>
      (args) =>
        tohex(args[0]!, args[1] ?? null, t === 'int'),
  ),
];

/** tohex(): two's complement for negatives (32-bit for int, 64-bit for long), left-padded to the minimum length. */
function tohex(v: Value, minLength: Value, is32: boolean): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return '';
  }
  let n = BigInt(Math.trunc(v));
  if (n < 0n) {
    n += is32 ? 1n << 32n : 1n << 64n;
  }
  const hex = n.toString(16);
  return typeof minLength === 'number' && minLength > 0 ? hex.padStart(Math.min(minLength, 64), '0') : hex;
}
