/**
 * An index of IP networks (CIDR text) for ipv4_lookup / ipv6_lookup. The networks are grouped by
 * prefix length, each group's masked addresses sorted, so an address is found by one binary search
 * per distinct prefix length in the table (a handful in practice), not by a scan of the table.
 *
 * An address with a prefix of its own (`10.0.0.0/8`) matches a network when the two agree on the
 * shorter of their prefixes, as ipv4_is_match compares them: in a group of longer networks that is
 * the range of keys the address's prefix spans.
 */
import { parseIpv4Text } from '../functions/ipv4Functions';
import { masked, parseIpv6Text } from '../functions/ipv6Functions';

/**
 * Addresses of one family: their keys compare as the addresses do (numbers, or IPv6's eight 16-bit
 * groups as the eight UTF-16 code units of a string, which `<` compares in the same order).
 */
export interface IpFamily<V, K extends number | string> {
  readonly parse: (text: string) => { readonly value: V; readonly prefix: number } | null;
  /** The first and last key of the network of `value`'s first `prefix` bits. */
  readonly bounds: (value: V, prefix: number) => readonly [K, K];
}

export const IPV4: IpFamily<number, number> = {
  parse: (text) => {
    const ip = parseIpv4Text(text);
    return ip && { value: ip.address, prefix: ip.prefix };
  },
  bounds: (address, prefix) => {
    const first = prefix <= 0 ? 0 : (address & (0xffffffff << (32 - prefix))) >>> 0;
    return [first, first + 2 ** (32 - prefix) - 1];
  },
};

export const IPV6: IpFamily<readonly number[], string> = {
  parse: (text) => {
    const ip = parseIpv6Text(text);
    return ip && { value: ip.groups, prefix: ip.prefix };
  },
  bounds: (groups, prefix) => {
    const first = masked(groups, prefix);
    const last = first.map((g, i) => g | (0xffff >> Math.min(16, Math.max(0, prefix - 16 * i))));
    return [String.fromCharCode(...first), String.fromCharCode(...last)];
  },
};

interface PrefixGroup<K> {
  readonly prefix: number;
  /** Masked network addresses, ascending. */
  readonly keys: K[];
  /** The lookup row of each key. */
  readonly rows: Int32Array;
}

export class IpPrefixIndex<V, K extends number | string> {
  private readonly groups: PrefixGroup<K>[];

  /** `networks[row]` is the lookup row's network text; rows whose text is not a network never match. */
  constructor(
    private readonly family: IpFamily<V, K>,
    networks: readonly (string | null)[],
  ) {
    const byPrefix = new Map<number, { key: K; row: number }[]>();
    networks.forEach((text, row) => {
      const network = text === null ? null : family.parse(text);
      if (!network) {
        return;
      }
      const entries = byPrefix.get(network.prefix) ?? [];
      entries.push({ key: family.bounds(network.value, network.prefix)[0], row });
      byPrefix.set(network.prefix, entries);
    });
    this.groups = [...byPrefix].map(([prefix, entries]) => {
      // Stable: equal networks keep the lookup table's order.
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row - b.row));
      return { prefix, keys: entries.map((e) => e.key), rows: Int32Array.from(entries, (e) => e.row) };
    });
  }

  /** Every lookup row whose network holds `text`'s address, in the lookup table's order. */
  matches(text: string, out: number[]): void {
    out.length = 0;
    const address = this.family.parse(text);
    if (!address) {
      return;
    }
    for (const group of this.groups) {
      const [first, last] = this.family.bounds(address.value, Math.min(group.prefix, address.prefix));
      const { keys, rows } = group;
      // The first key ≥ first, then every key up to last.
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid]! < first) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (let i = lo; i < keys.length && keys[i]! <= last; i++) {
        out.push(rows[i]!);
      }
    }
    if (out.length > 1) {
      out.sort((a, b) => a - b);
    }
  }
}
