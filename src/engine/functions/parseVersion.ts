/**
 * parse_version("1.2.3.4"): a version as one comparable decimal, each of the four parts (up to eight
 * digits; missing trailing parts are 0) taking eight decimal digits: 1.2.3.4 = 1 00000002 00000003 00000004.
 * The engine holds decimals as doubles, so the value is the double nearest to that exact decimal
 * (computed exactly with BigInt, then rounded once). Rounding to nearest never reverses an order, so
 * `parse_version(a) > parse_version(b)` is never wrong the other way round; two versions that differ
 * only beyond a double's ~16 significant digits (e.g. 1.2.3.4 and 1.2.3.5) compare equal.
 */
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

const PART = /^\d{1,8}$/;

export function parseVersion(text: string): number | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => PART.test(p))) {
    return null;
  }
  let exact = 0n;
  for (let i = 0; i < 4; i++) {
    exact = exact * 100_000_000n + BigInt(parts[i] ?? '0');
  }
  return Number(exact);
}

export const parseVersionFunctions: ScalarFunction[] = [
  scalar('parse_version', (types) => (args) => {
    const v = args[0];
    return v === null || v === undefined ? null : parseVersion(str(v, types[0]));
  }),
];
