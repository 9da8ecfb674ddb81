/**
 * IPv4 functions. Addresses are unsigned 32-bit numbers; text may carry a prefix (`10.0.0.0/8`), which
 * combines with a prefix argument by taking the shorter one, as the reference describes.
 */
import type { KqlType, Value } from '../values';
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

interface Ipv4 {
  address: number;
  prefix: number;
}

/**
 * Dotted-quad text (`a.b.c.d`, each part 1–3 digits up to 255) with an optional `/prefix` of 1–2
 * digits up to 32, spaces around it ignored. Read character by character, not by a regular
 * expression: ipv4_lookup parses every input row with it.
 */
export function parseIpv4Text(text: string): Ipv4 | null {
  const t = text.trim();
  const n = t.length;
  let address = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) {
        return null;
      }
      octet = octet * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3 && octet <= 255) {
      address = address * 256 + octet;
      dots++;
      digits = 0;
      octet = 0;
    } else if (c === 47) {
      break;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) {
    return null;
  }
  address = address * 256 + octet;
  let prefix = 32;
  if (i < n) {
    if (n - i - 1 < 1 || n - i - 1 > 2) {
      return null;
    }
    prefix = 0;
    for (let j = i + 1; j < n; j++) {
      const c = t.charCodeAt(j);
      if (c < 48 || c > 57) {
        return null;
      }
      prefix = prefix * 10 + (c - 48);
    }
    if (prefix > 32) {
      return null;
    }
  }
  return { address, prefix };
}

function mask(prefix: number): number {
  return prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffff : (0xffffffff << (32 - prefix)) >>> 0;
}

function masked(address: number, prefix: number): number {
  return (address & mask(prefix)) >>> 0;
}

/** An argument that is IPv4 text, or (for format_ipv4) a number holding the address. */
function ipArg(v: Value, type: KqlType | undefined): Ipv4 | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? { address: v, prefix: 32 } : null;
  }
  return parseIpv4Text(str(v, type));
}

function prefixArg(v: Value | undefined): number | null {
  if (v === undefined) {
    return 32;
  }
  return typeof v === 'number' && v >= 0 && v <= 32 ? Math.trunc(v) : null;
}

function formatAddress(a: number): string {
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => parseIpv4Text(r)!);

/** ipv4_compare: the two addresses compared on the shortest of their prefixes and the prefix argument. */
function compareIps(args: readonly Value[], types: readonly KqlType[]): number | null {
  const a = ipArg(args[0]!, types[0]);
  const b = ipArg(args[1]!, types[1]);
  const p = prefixArg(args[2]);
  if (!a || !b || p === null) {
    return null;
  }
  const prefix = Math.min(a.prefix, b.prefix, p);
  const x = masked(a.address, prefix);
  const y = masked(b.address, prefix);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const ipv4Functions: ScalarFunction[] = [
  scalar('parse_ipv4', (types) => (args) => {
    const ip = typeof args[0] === 'number' ? null : ipArg(args[0]!, types[0]);
    return ip ? masked(ip.address, ip.prefix) : null;
  }),
  scalar('parse_ipv4_mask', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    const p = prefixArg(args[1] ?? null);
    return ip && p !== null ? masked(ip.address, Math.min(ip.prefix, p)) : null;
  }),
  scalar('ipv4_is_private', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    if (!ip) {
      return null;
    }
    return PRIVATE_RANGES.some((r) => ip.prefix >= r.prefix && masked(ip.address, r.prefix) === r.address);
  }),
  scalar('ipv4_is_in_range', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    const range = ipArg(args[1]!, types[1]);
    if (!ip || !range) {
      return null;
    }
    return masked(ip.address, range.prefix) === masked(range.address, range.prefix);
  }),
  scalar('ipv4_is_in_any_range', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    if (!ip) {
      return null;
    }
    const ranges = args.slice(1).flatMap((r) => (Array.isArray(r) ? r : [r]));
    return ranges.some((r) => {
      const range = ipArg(r, 'string');
      return range !== null && masked(ip.address, range.prefix) === masked(range.address, range.prefix);
    });
  }),
  scalar('ipv4_is_match', (types) => (args) => {
    const c = compareIps(args, types);
    return c === null ? null : c === 0;
  }),
  scalar('ipv4_compare', (types) => (args) => compareIps(args, types)),
  scalar('format_ipv4', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    const p = prefixArg(args[1]);
    return ip && p !== null ? formatAddress(masked(ip.address, Math.min(ip.prefix, p))) : '';
  }),
  scalar('format_ipv4_mask', (types) => (args) => {
    const ip = ipArg(args[0]!, types[0]);
    const p = prefixArg(args[1]);
    if (!ip || p === null) {
      return '';
    }
    const prefix = Math.min(ip.prefix, p);
    return `${formatAddress(masked(ip.address, prefix))}/${prefix}`;
  }),
  scalar('ipv4_netmask_suffix', (types) => (args) => ipArg(args[0]!, types[0])?.prefix ?? null),
];
