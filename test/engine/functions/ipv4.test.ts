// The IPv4 functions' examples from the Kusto reference, with the outputs it states.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
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
