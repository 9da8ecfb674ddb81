// The IPv6 and IPv4 text-match functions' examples from the Kusto reference, with the outputs it states.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { column, printed } from './helpers';

describe('IPv6 functions', () => {
  test('parse_ipv6 maps IPv4 into ::ffff:0:0/96', () => {
    assert.deepEqual(
      column(
        "datatable(ipv4: string) ['192.168.255.255', '192.168.255.255/24', '255.255.255.255', 'nonsense', '1::2::3', 'fe80::1%eth0'] | extend ipv6 = parse_ipv6(ipv4)",
        1,
      ),
      [
        '0000:0000:0000:0000:0000:ffff:c0a8:ffff',
        '0000:0000:0000:0000:0000:ffff:c0a8:ff00',
        '0000:0000:0000:0000:0000:ffff:ffff:ffff',
        '',
        '',
        '',
      ],
    );
    assert.equal(printed("print parse_ipv6('FE80::1')").print_0, 'fe80:0000:0000:0000:0000:0000:0000:0001');
  });
  test('parse_ipv6_mask', () => {
    const q = `datatable(ip_string: string, netmask: long) ['192.168.255.255', 120, '192.168.255.255/24', 124, '255.255.255.255', 128,
'fe80::85d:e82c:9446:7994', 128, 'fe80::85d:e82c:9446:7994/120', 124, '::192.168.255.255', 128, '::192.168.255.255/24', 128, 'fe80::1', 129]
| extend ip6_canonical = parse_ipv6_mask(ip_string, netmask)`;
    assert.deepEqual(column(q, 2), [
      '0000:0000:0000:0000:0000:ffff:c0a8:ff00',
      '0000:0000:0000:0000:0000:ffff:c0a8:ff00',
      '0000:0000:0000:0000:0000:ffff:ffff:ffff',
      'fe80:0000:0000:0000:085d:e82c:9446:7994',
      'fe80:0000:0000:0000:085d:e82c:9446:7900',
      '0000:0000:0000:0000:0000:ffff:c0a8:ffff',
      '0000:0000:0000:0000:0000:ffff:c0a8:ff00',
      '',
    ]);
  });
  const pairs = `'192.168.1.1', '192.168.1.1', '192.168.1.1/24', '192.168.1.255', '192.168.1.1', '192.168.1.255/24', '192.168.1.1/30', '192.168.1.255/24',
'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998',
'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998/120', 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998/120',
'192.168.1.1', '::ffff:c0a8:0101', '192.168.1.1/24', '::ffff:c0a8:01ff', '::ffff:c0a8:0101', '192.168.1.255/24', '::192.168.1.1/30', '192.168.1.255/24'`;
  const withPrefix = `'192.168.1.1', '192.168.1.0', 31, '192.168.1.1/24', '192.168.1.255', 31, '192.168.1.1', '192.168.1.255', 24,
'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127, 'fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120,
'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', 127, '192.168.1.1/24', '::ffff:c0a8:01ff', 127,
'::ffff:c0a8:0101', '192.168.1.255', 120, '::192.168.1.1/30', '192.168.1.255/24', 127`;
  test('ipv6_compare', () => {
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string) [${pairs}] | extend result = ipv6_compare(ip1_string, ip2_string)`,
        2,
      ),
      Array(12).fill(0),
    );
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string, prefix:long) [${withPrefix}] | extend result = ipv6_compare(ip1_string, ip2_string, prefix)`,
        3,
      ),
      Array(9).fill(0),
    );
    assert.deepEqual(
      printed(
        "print a = ipv6_compare('::1', '::2'), b = ipv6_compare('fe80::', '::ffff'), c = ipv6_compare('bad', '::1'), d = ipv6_compare('10.0.0.1', 'fe80::')",
      ),
      { a: -1, b: 1, c: null, d: -1 },
    );
  });
  test('ipv6_is_match', () => {
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string) [${pairs}] | extend result = ipv6_is_match(ip1_string, ip2_string)`,
        2,
      ),
      Array(12).fill(true),
    );
    assert.deepEqual(
      column(
        `datatable(ip1_string:string, ip2_string:string, prefix:long) [${withPrefix}] | extend result = ipv6_is_match(ip1_string, ip2_string, prefix)`,
        3,
      ),
      Array(9).fill(true),
    );
    assert.deepEqual(printed("print a = ipv6_is_match('::1', '::2'), b = ipv6_is_match('::1', 'x')"), {
      a: false,
      b: null,
    });
  });
  test('ipv6_is_in_range', () => {
    const q = `datatable(ip_address:string, ip_range:string) ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112',
'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60',
'x', '::/0'] | extend result = ipv6_is_in_range(ip_address, ip_range)`;
    assert.deepEqual(column(q, 2), [true, true, false, null]);
  });
  test('ipv6_is_in_any_range', () => {
    const q = `let LocalNetworks=dynamic(["a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112", "0:0:0:0:0:ffff:c0a8:ac/60"]);
datatable(IP:string) ["a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", "a5e:f127:8a9d:146d:e102:b5d3:c755:abce", "a5e:f127:8a9d:146d:e102:b5d3:c755:abcf", "a5e:f127:8a9d:146d:e102:b5d3:c756:abd1"]
| extend IsLocal=ipv6_is_in_any_range(IP, LocalNetworks)`;
    assert.deepEqual(column(q, 1), [true, true, true, false]);
    assert.equal(printed("print ipv6_is_in_any_range('10.1.2.3', '::1', '10.0.0.0/8')").print_0, true);
  });
});

describe('IPv4 text match', () => {
  test('has_ipv4', () => {
    assert.deepEqual(
      printed(`print a = has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1'),
b = has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256'), c = has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1'),
d = has_ipv4('from: 192.168.1.1, 10.1.1.115 and 10.1.1.201', '10.1.1.11'), e = has_ipv4('', '1.2.3.4')`),
      { a: true, b: false, c: false, d: false, e: false },
    );
  });
  test('has_ipv4_prefix', () => {
    assert.deepEqual(
      printed(`print a = has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.'),
b = has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0'), c = has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.'),
d = has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.'), e = has_ipv4_prefix('at 127.0.0.1', '127.0.0.1')`),
      { a: true, b: false, c: false, d: false, e: true },
    );
  });
  test('has_any_ipv4 and has_any_ipv4_prefix', () => {
    assert.deepEqual(
      printed(`print a = has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2'),
b = has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.0.1', '127.0.0.2'])),
c = has_any_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', dynamic(["127.0.0.256", "192.168.1.1"])),
d = has_any_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1')`),
      { a: true, b: true, c: false, d: false },
    );
    assert.deepEqual(
      printed(`print a = has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.', '192.168.'),
b = has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(["127.0.", "192.168."])),
c = has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0'),
d = has_any_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.')`),
      { a: true, b: true, c: false, d: false },
    );
  });
  test('ipv4_range_to_cidr_list', () => {
    assert.deepEqual(
      printed(
        'print start_IP="1.1.128.0", end_IP="1.1.140.255" | project ipv4_range_list = ipv4_range_to_cidr_list(start_IP, end_IP)',
      ).ipv4_range_list,
      ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24'],
    );
    assert.deepEqual(
      printed(
        'print a = ipv4_range_to_cidr_list("0.0.0.0", "255.255.255.255"), b = ipv4_range_to_cidr_list("10.0.0.1", "10.0.0.1"), c = ipv4_range_to_cidr_list("x", "10.0.0.1")',
      ),
      { a: ['0.0.0.0/0'], b: ['10.0.0.1/32'], c: null },
    );
  });
});
