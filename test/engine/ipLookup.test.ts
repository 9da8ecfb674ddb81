/** evaluate ipv4_lookup and ipv6_lookup, against the reference's examples, a brute force and the sample workspace. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDatabase } from '../../src/data/sample';
import { explainQuery } from '../../src/engine';
import { IPV4, IPV6, IpPrefixIndex } from '../../src/engine/exec/ipPrefixIndex';
import { run, smallDatabase } from './helpers';

const IP_DATA = `let IP_Data = datatable(network:string, continent_code:string, continent_name:string, country_iso_code:string, country_name:string)
[
    "111.68.128.0/17", "AS", "Asia", "JP", "Japan",
    "5.8.0.0/19", "EU", "Europe", "RU", "Russia",
    "223.255.254.0/24", "AS", "Asia", "SG", "Singapore",
    "46.36.200.51/32", "OC", "Oceania", "CK", "Cook Islands",
    "2.20.183.0/24", "EU", "Europe", "GB", "United Kingdom",
];
`;

const IPS = "let IPs = datatable(ip:string) ['2.20.183.12', '5.8.1.2', '192.165.12.17'];\n";
const LOOKUP_COLUMNS = ['network', 'continent_code', 'continent_name', 'country_iso_code', 'country_name'];
const MATCHED = [
  ['2.20.183.12', '2.20.183.0/24', 'EU', 'Europe', 'GB', 'United Kingdom'],
  ['5.8.1.2', '5.8.0.0/19', 'EU', 'Europe', 'RU', 'Russia'],
];

test('ipv4_lookup: the reference example, matching rows only, with the lookup columns after the input ones', () => {
  const r = run(`${IP_DATA}${IPS}IPs | evaluate ipv4_lookup(IP_Data, ip, network)`);
  assert.deepEqual(r.columns, ['ip', ...LOOKUP_COLUMNS]);
  assert.deepEqual(r.rows, MATCHED);
});

test('ipv4_lookup: return_unmatched = true keeps the unmatched address with empty lookup columns', () => {
  for (const flag of ['return_unmatched = true', 'true']) {
    const r = run(`${IP_DATA}${IPS}IPs | evaluate ipv4_lookup(IP_Data, ip, network, ${flag})`);
    assert.deepEqual(r.rows, [...MATCHED, ['192.165.12.17', '', '', '', '', '']]);
  }
});

test('ipv4_lookup: extra keys must be equal too, and appear once, as the input columns', () => {
  const r = run(`${IP_DATA}let IPs = datatable(ip:string, continent_name:string, country_iso_code:string)
[
    '2.20.183.12', 'Europe', 'GB',
    '5.8.1.2', 'Europe', 'RU',
    '192.165.12.17', 'Europe', '',
    '111.68.130.1', 'Asia', 'SG',
];
IPs | evaluate ipv4_lookup(IP_Data, ip, network, continent_name, country_iso_code)`);
  assert.deepEqual(r.columns, [
    'ip',
    'continent_name',
    'country_iso_code',
    'network',
    'continent_code',
    'country_name',
  ]);
  // 111.68.130.1 is in Japan's network, but its country code says Singapore: no match.
  assert.deepEqual(r.rows, [
    ['2.20.183.12', 'Europe', 'GB', '2.20.183.0/24', 'EU', 'United Kingdom'],
    ['5.8.1.2', 'Europe', 'RU', '5.8.0.0/19', 'EU', 'Russia'],
  ]);
});

test('ipv4_lookup: overlapping networks give a row each in the lookup order; prefixes on both sides; bad text never matches', () => {
  const r = run(`let Nets = datatable(net:string, name:string)
[
    "10.1.0.0/16", "ten-one",
    "10.0.0.0/8", "ten",
    "10.1.2.3/8", "ten again (host bits ignored)",
    "not an ip", "junk",
    "0.0.0.0/0", "everything",
];
datatable(ip:string) ['10.1.200.7', '10.2.0.1', '11.0.0.1', '10.0.0.0/12', 'garbage', '']
| evaluate ipv4_lookup(Nets, ip, net)
| summarize names = make_list(name) by ip`);
  assert.deepEqual(r.rows, [
    ['10.1.200.7', ['ten-one', 'ten', 'ten again (host bits ignored)', 'everything']],
    ['10.2.0.1', ['ten', 'ten again (host bits ignored)', 'everything']],
    ['11.0.0.1', ['everything']],
    // A source network matches every network it overlaps on the shorter prefix (ipv4_is_match).
    ['10.0.0.0/12', ['ten-one', 'ten', 'ten again (host bits ignored)', 'everything']],
  ]);
});

test('ipv6_lookup: the reference example, IPv4 text read as IPv4-mapped, return_unmatched', () => {
  const lookup = `let IP_Data = datatable(network:string, continent_code:string, continent_name:string, country_iso_code:string, country_name:string)
[
    "2001:0db8:85a3::/48", "NA", "North America", "US", "United States",
    "2404:6800:4001::/48", "AS", "Asia", "JP", "Japan",
    "2a00:1450:4001::/48", "EU", "Europe", "DE", "Germany",
    "2800:3f0:4001::/48", "SA", "South America", "BR", "Brazil",
    "2c0f:fb50:4001::/48", "AF", "Africa", "KE", "Kenya",
    "192.168.0.0/16", "--", "Private", "--", "IPv4 private",
];
let IPs = datatable(ip:string)
[
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "2404:6800:4001:0001:0000:0000:0000:1234",
    "2a00:1450:4001:0002:0000:0000:0000:5678",
    "2c0f:fb50:4001:0003:0000:0000:0000:9abc",
    "2800:3f0:4001:0004:0000:0000:0000:def0",
    "2a01:110:4001::1",
    "::ffff:192.168.7.7",
];
`;
  const r = run(`${lookup}IPs | evaluate ipv6_lookup(IP_Data, ip, network)`);
  assert.deepEqual(r.columns, ['ip', ...LOOKUP_COLUMNS]);
  assert.deepEqual(
    r.rows.map((row) => [row[0], row[5]]),
    [
      ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'United States'],
      ['2404:6800:4001:0001:0000:0000:0000:1234', 'Japan'],
      ['2a00:1450:4001:0002:0000:0000:0000:5678', 'Germany'],
      ['2c0f:fb50:4001:0003:0000:0000:0000:9abc', 'Kenya'],
      ['2800:3f0:4001:0004:0000:0000:0000:def0', 'Brazil'],
      ['::ffff:192.168.7.7', 'IPv4 private'],
    ],
  );
  const all = run(`${lookup}IPs | evaluate ipv6_lookup(IP_Data, ip, network, return_unmatched = true)`);
  assert.deepEqual(all.rows[5], ['2a01:110:4001::1', '', '', '', '', '']);
});

test('ipv4_lookup: an extra key the lookup table lacks is an error naming it', () => {
  assert.throws(
    () =>
      run(`${IP_DATA}datatable(ip:string, x:string) ['1.2.3.4', 'a'] | evaluate ipv4_lookup(IP_Data, ip, network, x)`),
    /'x'/,
  );
});

/** The slow way: every address tested against every network as ipv4_is_match / ipv6_is_match compare them. */
function bruteForce(match: (a: string, n: string) => boolean, addresses: string[], networks: string[]): number[][] {
  return addresses.map((a) => networks.flatMap((n, row) => (match(a, n) ? [row] : [])));
}

function randomIpv4(next: () => number, withPrefix: boolean): string {
  // Few distinct high octets, so networks nest and overlap.
  const octets = [10 + (next() % 3), next() % 4, next() % 256, next() % 256];
  const prefix = withPrefix ? `/${next() % 33}` : '';
  return `${octets.join('.')}${prefix}`;
}

test('IpPrefixIndex: the same rows as testing every network, over random nested IPv4 and IPv6 networks', () => {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed >>> 8;
  };
  const networks = Array.from({ length: 300 }, () => randomIpv4(next, true));
  const addresses = Array.from({ length: 500 }, (_, i) => randomIpv4(next, i % 10 === 0));
  const v4 = (a: string, n: string): boolean => {
    const x = IPV4.parse(a);
    const y = IPV4.parse(n);
    if (!x || !y) {
      return false;
    }
    const p = Math.min(x.prefix, y.prefix);
    return IPV4.bounds(x.value, p)[0] === IPV4.bounds(y.value, p)[0];
  };
  const index = new IpPrefixIndex(IPV4, networks);
  const out: number[] = [];
  const got = addresses.map((a) => {
    index.matches(a, out);
    return [...out];
  });
  assert.deepEqual(got, bruteForce(v4, addresses, networks));
  assert.ok(got.filter((rows) => rows.length > 1).length > 50, 'the data has overlapping networks');

  const hex = (): string => (next() % 3).toString(16);
  const v6 = (withPrefix: boolean): string =>
    `2001:db8:${hex()}:${hex()}::${(next() % 65536).toString(16)}${withPrefix ? `/${next() % 129}` : ''}`;
  const networks6 = Array.from({ length: 200 }, () => v6(true));
  const addresses6 = Array.from({ length: 300 }, (_, i) => v6(i % 10 === 0));
  const match6 = (a: string, n: string): boolean => {
    const x = IPV6.parse(a);
    const y = IPV6.parse(n);
    if (!x || !y) {
      return false;
    }
    const p = Math.min(x.prefix, y.prefix);
    return IPV6.bounds(x.value, p)[0] === IPV6.bounds(y.value, p)[0];
  };
  const index6 = new IpPrefixIndex(IPV6, networks6);
  const got6 = addresses6.map((a) => {
    index6.matches(a, out);
    return [...out];
  });
  assert.deepEqual(got6, bruteForce(match6, addresses6, networks6));
  assert.ok(got6.filter((rows) => rows.length > 0).length > 30);
});

test('ipv4_lookup over the sample workspace: the same subnets and counts as every connection tested with ipv4_is_in_range', () => {
  const db = sampleDatabase({ now: new Date('2026-03-04T05:06:00Z') });
  const subnets = `let Subnets = datatable(Subnet:string, Site:string)
[
    "10.229.0.0/16", "Azure VNet",
    "192.168.0.0/16", "Branch offices",
    "127.0.0.0/8", "Loopback",
    "40.79.0.0/16", "Azure public",
];
`;
  const tail = '| summarize Connections = count(), Endpoints = dcount(RemoteIp) by Site | order by Site asc';
  const lookup = run(`${subnets}VMConnection | evaluate ipv4_lookup(Subnets, RemoteIp, Subnet) ${tail}`, db);
  const slow = run(
    `${subnets}VMConnection | extend k = 1 | join kind=inner (Subnets | extend k = 1) on k | where ipv4_is_in_range(RemoteIp, Subnet) ${tail}`,
    db,
  );
  assert.equal(lookup.rows.length, 4);
  assert.ok(lookup.rows.every((row) => Number(row[1]) > 0));
  assert.deepEqual(lookup.rows, slow.rows);
});

test('explain shows ipv4_lookup with its lookup table as a second input', () => {
  const text = explainQuery(
    `${IP_DATA}T | extend ip = '2.20.183.1' | evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)`,
    smallDatabase(),
  );
  assert.match(text, /evaluate ipv4_lookup\(ip in network, return_unmatched\) by a prefix index/);
  assert.match(text, /datatable/);
});
