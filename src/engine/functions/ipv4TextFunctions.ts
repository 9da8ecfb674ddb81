/**
 * IPv4 text-match functions (has_ipv4, has_ipv4_prefix and their _any forms) and
 * ipv4_range_to_cidr_list. An address counts as present in a text only where it stands whole, a
 * valid address delimited by characters that are not letters or digits.
 */
import type { KqlType, Value } from '../values';
import { scalar, str } from './define';
import { parseIpv4Text } from './ipv4Functions';
import type { ScalarFunction } from './types';

const ADDRESS_IN_TEXT = /(?<![A-Za-z0-9])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![A-Za-z0-9])/g;

/** The valid IPv4 addresses standing whole in a text, as written. */
function addressesIn(text: string): string[] {
  return [...text.matchAll(ADDRESS_IN_TEXT)].map((m) => m[0]).filter((a) => parseIpv4Text(a) !== null);
}

/** A lookup address: plain dotted IPv4, no prefix. */
function validAddress(text: string): number | null {
  const ip = text.includes('/') ? null : parseIpv4Text(text);
  return ip ? ip.address : null;
}

/** A lookup prefix: a whole address, or one to three octets each followed by a dot (`192.168.`). */
function validPrefix(text: string): boolean {
  return validAddress(text) !== null || /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){1,3}$/.test(text);
}

/** The lookup values of a has_any_* call: the arguments after the source, arrays flattened. */
function lookups(args: readonly Value[], types: readonly KqlType[]): string[] {
  return args.slice(1).flatMap((a, i) => {
    if (Array.isArray(a)) {
      return a.filter((x): x is string => typeof x === 'string');
    }
    return a === null || a === undefined || typeof a === 'object' ? [] : [str(a, types[i + 1])];
  });
}

function hasAddress(source: string, wanted: readonly string[]): boolean {
  const targets = new Set(wanted.map(validAddress).filter((a): a is number => a !== null));
  return targets.size > 0 && addressesIn(source).some((a) => targets.has(parseIpv4Text(a)!.address));
}

function hasPrefix(source: string, wanted: readonly string[]): boolean {
  const prefixes = wanted.filter(validPrefix);
  // A whole address as the prefix matches only itself, not a longer address starting with its text.
  return (
    prefixes.length > 0 &&
    addressesIn(source).some((a) => prefixes.some((p) => (p.endsWith('.') ? a.startsWith(p) : a === p)))
  );
}

/** The CIDR blocks covering start..end: at each step the largest aligned block that does not overshoot. */
function rangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  let at = start;
  while (at <= end) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (33 - size);
      if (at % block !== 0 || at + block - 1 > end) {
        break;
      }
      size--;
    }
    const a = at;
    out.push(`${[a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.')}/${size}`);
    at += 2 ** (32 - size);
  }
  return out;
}

export const ipv4TextFunctions: ScalarFunction[] = [
  scalar('has_ipv4', (types) => (args) => hasAddress(str(args[0] ?? '', types[0]), lookups(args.slice(0, 2), types))),
  scalar('has_any_ipv4', (types) => (args) => hasAddress(str(args[0] ?? '', types[0]), lookups(args, types))),
  scalar(
    'has_ipv4_prefix',
    (types) => (args) => hasPrefix(str(args[0] ?? '', types[0]), lookups(args.slice(0, 2), types)),
  ),
  scalar('has_any_ipv4_prefix', (types) => (args) => hasPrefix(str(args[0] ?? '', types[0]), lookups(args, types))),
  scalar('ipv4_range_to_cidr_list', (types) => (args) => {
    const text = (i: number): string | null => (typeof args[i] === 'string' ? str(args[i]!, types[i]) : null);
    const [s, e] = [text(0), text(1)];
    const start = s === null ? null : validAddress(s);
    const end = e === null ? null : validAddress(e);
    return start === null || end === null ? null : rangeToCidrs(start, end);
  }),
];
