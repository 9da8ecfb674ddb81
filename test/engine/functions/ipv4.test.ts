// The IPv4 functions' examples from the Kusto reference, with the outputs it states.

import assert from 'node:assert/strict';
import { test, describe } from 'node:test';
import { parseIpv4Text } from '../../../src/engine/functions/ipv4Functions';
import { column, printed, rows } from './helpers';

describe('IPv4 functions', () => {
  test('parse_ipv4 applies the prefix', () => {
    assert.deepEqual(
      column(
        "datatable(ip_string: string) ['192.168.1.1', '192.168.1.1/24', '255.255.255.255/31', 'not an ip', '1.2.3.256'] | extend ip_long = parse_ipv4(ip_string)",
        1,
      ),
      [3232235777, 3232235776, 4294967294, null, null],
    );
  });
  test('parse_ipv4_mask', () => {
    assert.equal(printed('print parse_ipv4_mask("127.0.0.1", 24)').print_0, 2130706432);
    assert.equal(printed('print parse_ipv4_mask("192.1.168.2", 31)').print_0, 3221334018);
  });
  test('ipv4_is_private', () => {
    assert.deepEqual(
      column(
        "datatable(ip_string:string) ['10.1.2.3', '192.168.1.1/24', '127.0.0.1', '172.16.5.4', '172.32.0.1'] | extend result = ipv4_is_private(ip_string)",
        1,
      ),
      [true, true, false, true, false],
    );
  });
  test('ipv4_is_in_range', () => {
    assert.deepEqual(
      column(
        "datatable(ip_address:string, ip_range:string) ['192.168.1.1', '192.168.1.1', '192.168.1.1', '192.168.1.255/24', '192.168.2.1', '192.168.1.0/24'] | extend result = ipv4_is_in_range(ip_address, ip_range)",
        2,
      ),
      [true, true, false],
    );
  });
  test('ipv4_is_match and ipv4_compare with prefixes in the text', () => {
    const pairs =
      "['192.168.1.0', '192.168.1.0', '192.168.1.1/24', '192.168.1.255', '192.168.1.1', '192.168.1.255/24', '192.168.1.1/30', '192.168.1.255/24']";
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string) ${pairs} | extend result = ipv4_is_match(ip1_string, ip2_string)`,
        2,
      ),
      [true, true, true, true],
    );
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string) ${pairs} | extend result = ipv4_compare(ip1_string, ip2_string)`,
        2,
      ),
      [0, 0, 0, 0],
    );
    assert.equal(printed("print ipv4_is_match('192.168.1.1/24', '192.168.1.255')").print_0, true);
  });
  test('ipv4_is_match and ipv4_compare with a prefix argument', () => {
    const t =
      "datatable(ip1_string:string, ip2_string:string, prefix:long) ['192.168.1.1', '192.168.1.0', 31, '192.168.1.1/24', '192.168.1.255', 31, '192.168.1.1', '192.168.1.255', 24]";
    assert.deepEqual(column(`${t} | extend result = ipv4_is_match(ip1_string, ip2_string, prefix)`, 3), [
      true,
      true,
      true,
    ]);
    assert.deepEqual(column(`${t} | extend result = ipv4_compare(ip1_string, ip2_string, prefix)`, 3), [0, 0, 0]);
    assert.deepEqual(
      printed(
        "print a = ipv4_compare('10.0.0.1', '10.0.0.2'), b = ipv4_compare('10.0.0.3', '10.0.0.2'), c = ipv4_compare('bad', '10.0.0.2')",
      ),
      { a: -1, b: 1, c: null },
    );
  });
  test('format_ipv4 and format_ipv4_mask', () => {
    const q =
      "datatable(address:string, mask:long) ['192.168.1.1', 24, '192.168.1.1', 32, '192.168.1.1/24', 32, '192.168.1.1/24', long(-1)] | extend result = format_ipv4(address, mask), result_mask = format_ipv4_mask(address, mask)";
    assert.deepEqual(
      rows(q).map((r) => r.slice(2)),
      [
        ['192.168.1.0', '192.168.1.0/24'],
        ['192.168.1.1', '192.168.1.1/32'],
        ['192.168.1.0', '192.168.1.0/24'],
        ['', ''],
      ],
    );
    assert.equal(printed('print format_ipv4(3232236031, 24)').print_0, '192.168.1.0');
  });
  test('ipv4_netmask_suffix', () => {
    assert.deepEqual(
      column(
        "datatable(ip_string:string) ['10.1.2.3', '192.168.1.1/24', '127.0.0.1/16'] | extend cidr_suffix = ipv4_netmask_suffix(ip_string)",
        1,
      ),
      [32, 24, 16],
    );
  });
});

test('parseIpv4Text reads exactly what the pattern a.b.c.d[/p] (1–3 digits ≤ 255, prefix 1–2 digits ≤ 32) accepts', () => {
  // The parser reads characters one by one for speed; the regular expression it replaced is the reference.
  const pattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
  const reference = (text: string): { address: number; prefix: number } | null => {
    const m = pattern.exec(text.trim());
    const octets = m ? [m[1], m[2], m[3], m[4]].map(Number) : [];
    const prefix = m?.[5] === undefined ? 32 : Number(m[5]);
    if (!m || octets.some((o) => o > 255) || prefix > 32) {
      return null;
    }
    return { address: octets.reduce((a, o) => a * 256 + o, 0), prefix };
  };
  let seed = 3;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 8) % n;
  };
  const digits = (): string => Array.from({ length: next(5) }, () => String(next(10) === 0 ? 9 : next(3))).join('');
  const separators = ['.', '.', '.', '.', '..', '/', ' ', 'x'];
  const samples = [
    '1.2.3.4',
    ' 10.0.0.1/8 ',
    '255.255.255.255/32',
    '256.1.1.1',
    '1.2.3.4/33',
    '1.2.3.4/',
    '1.2.3',
    '1..2.3',
    '0001.2.3.4',
    '1.2.3.4/008',
    '.1.2.3',
    '1.2.3.4.',
  ];
  for (let i = 0; i < 20000; i++) {
    const parts = Array.from({ length: 3 + next(3) }, digits);
    const text = parts.reduce((a, p) => a + separators[next(separators.length)] + p);
    samples.push(next(3) === 0 ? `${text}/${digits()}` : next(5) === 0 ? ` ${text} ` : text);
  }
  for (const s of samples) {
    assert.deepEqual(parseIpv4Text(s), reference(s), JSON.stringify(s));
  }
  assert.ok(samples.filter((s) => reference(s) !== null).length > 100, 'the random texts include addresses');
});
