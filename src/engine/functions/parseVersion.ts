/**
 * parse_version("1.2.3.4"): a version as one comparable decimal, each of the four parts (up to eight
 * digits; missing trailing parts are 0) taking eight decimal digits: 1.2.3.4 = 1 00000002 00000003 00000004.
 * Such a decimal passes 2^53 from version 0.1 on, so it is held exactly (an Int64 holding the BigInt,
 * under the decimal type, as a long past 2^53 is): 1.2.3.4 and 1.2.3.5 compare as different, and the
 * value prints with every digit, as Kusto prints it.
 */
import { scalar, str } from './define';
import type { ScalarFunction } from './types';
import { Int64 } from '../int64';

const PART = /^\d{1,8}$/;

export function parseVersion(text: string): number | Int64 | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => PART.test(p))) {
    return null;
  }
  let exact = 0n;
  for (let i = 0; i < 4; i++) {
    exact = exact * 100_000_000n + BigInt(parts[i] ?? '0');
  }
  return exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : new Int64(exact);
}

export const parseVersionFunctions: ScalarFunction[] = [
  scalar('parse_version', (types) => (args) => {
    const v = args[0];
    return v === null || v === undefined ? null : parseVersion(str(v, types[0]));
  }),
];
