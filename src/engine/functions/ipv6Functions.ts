/**
 * IPv6 functions. Addresses are eight 16-bit groups. IPv4 text (and `::a.b.c.d`, as the reference's
 * examples show) is read as the IPv4-mapped address ::ffff:a.b.c.d, and a prefix written on IPv4 text
 * counts IPv4 bits, so `192.168.1.1/24` keeps the top 96 + 24 bits.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { KqlType, Value } from '../values';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

export interface Ipv6 {
  groups: number[];
  prefix: number;
}

function ipv4Groups(text: string): number[] {
  const [a, b, c, d] = text.split('.').map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}

/** The 8 groups of an address without a prefix, or null when Node's isIPv6/isIPv4 rejects it. */
function parseAddress(text: string): { groups: number[]; isV4: boolean } | null {
  if (isIPv4(text)) {
    return { groups: [0, 0, 0, 0, 0, 0xffff, ...ipv4Groups(text)], isV4: true };
  }
  // Zone ids (fe80::1%eth0) are accepted by isIPv6 but are not part of an address value.
  if (!isIPv6(text) || text.includes('%')) {
    return null;
  }
  let tail: number[] = [];
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = ipv4Groups(text.slice(lastColon + 1));
    body = text.slice(0, lastColon + 1);
    // "::" before the IPv4 part keeps its second colon; a lone trailing ":" does not stand for a group.
    if (!body.endsWith('::')) {
      body = body.slice(0, -1);
    }
  }
  const hex = (part: string): number[] => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const gap = body.indexOf('::');
  let groups: number[];
  if (gap >= 0) {
    const head = hex(body.slice(0, gap));
    const rest = [...hex(body.slice(gap + 2)), ...tail];
    groups = [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    groups = [...hex(body), ...tail];
  }
  if (groups.length !== 8) {
    return null;
  }
  // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d both stand for the IPv4 address.
  const v4 = tail.length === 2 && groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0 || groups[5] === 0xffff);
  if (v4) {
    groups[5] = 0xffff;
  }
  return { groups, isV4: v4 };
}

/** IPv6 or IPv4 text with an optional `/prefix` (IPv4 bits on IPv4 text), or null. */
export function parseIpv6Text(text: string): Ipv6 | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  const parsed = parseAddress(slash < 0 ? t : t.slice(0, slash));
  if (!parsed) {
    return null;
  }
  let prefix = 128;
  if (slash >= 0) {
    const p = t.slice(slash + 1);
    const max = parsed.isV4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) {
      return null;
    }
    prefix = Number(p) + (parsed.isV4 ? 96 : 0);
  }
  return { groups: masked(parsed.groups, prefix), prefix };
}

export function masked(groups: readonly number[], prefix: number): number[] {
  return groups.map((g, i) => {
    const bits = Math.min(16, Math.max(0, prefix - 16 * i));
    return bits === 0 ? 0 : g & ((0xffff << (16 - bits)) & 0xffff);
  });
}

function compareGroups(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 8; i++) {
    if (a[i] !== b[i]) {
      return a[i]! < b[i]! ? -1 : 1;
    }
  }
  return 0;
}

export function formatIpv6(groups: readonly number[]): string {
  return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
}

function ipArg(v: Value | undefined, type: KqlType | undefined): Ipv6 | null {
  return v === null || v === undefined || typeof v === 'object' ? null : parseIpv6Text(str(v, type));
}

/** The prefix argument, 0 to 128 bits; absent is 128, anything else out of range is null. */
function prefixArg(v: Value | undefined): number | null {
  if (v === undefined) {
    return 128;
  }
  return typeof v === 'number' && v >= 0 && v <= 128 ? Math.trunc(v) : null;
}

/** ipv6_compare: the two addresses compared on the shortest of their prefixes and the prefix argument. */
function compareIps(args: readonly Value[], types: readonly KqlType[]): number | null {
  const a = ipArg(args[0], types[0]);
  const b = ipArg(args[1], types[1]);
  const p = prefixArg(args[2]);
  if (!a || !b || p === null) {
    return null;
  }
  const prefix = Math.min(a.prefix, b.prefix, p);
  return compareGroups(masked(a.groups, prefix), masked(b.groups, prefix));
}

function inRange(ip: Ipv6, range: Ipv6): boolean {
  return compareGroups(masked(ip.groups, range.prefix), range.groups) === 0;
}

export const ipv6Functions: ScalarFunction[] = [
  scalar('parse_ipv6', (types) => (args) => {
    const ip = ipArg(args[0], types[0]);
    return ip ? formatIpv6(ip.groups) : '';
  }),
  scalar('parse_ipv6_mask', (types) => (args) => {
    const ip = ipArg(args[0], types[0]);
    const p = prefixArg(args[1] ?? null);
    return ip && p !== null ? formatIpv6(masked(ip.groups, Math.min(ip.prefix, p))) : '';
  }),
  scalar('ipv6_compare', (types) => (args) => compareIps(args, types)),
  scalar('ipv6_is_match', (types) => (args) => {
    const c = compareIps(args, types);
    return c === null ? null : c === 0;
  }),
  scalar('ipv6_is_in_range', (types) => (args) => {
    const ip = ipArg(args[0], types[0]);
    const range = ipArg(args[1], types[1]);
    return ip && range ? inRange(ip, range) : null;
  }),
  scalar('ipv6_is_in_any_range', (types) => (args) => {
    const ip = ipArg(args[0], types[0]);
    if (!ip) {
      return null;
    }
    const ranges = args.slice(1).flatMap((r) => (Array.isArray(r) ? r : [r]));
    return ranges.some((r) => {
      const range = typeof r === 'string' ? parseIpv6Text(r) : null;
      return range !== null && inRange(ip, range);
    });
  }),
];
