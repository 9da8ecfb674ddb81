import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalIp, ipKey, isLinkLocalIp, isLoopbackIp, isPrivateIp } from '../../src/render/ipAddress';

test('IPv6 addresses in RFC 5952 form, whatever their spelling', () => {
  const cases: [string, string][] = [
    ['fd00:0::2', 'fd00::2'],
    ['FD00:0000:0000:0000:0000:0000:0000:0002', 'fd00::2'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal runs
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'], // the longest run
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // one zero group is not compressed
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::ffff:7f00:1', '::ffff:127.0.0.1'],
    ['::FFFF:127.0.0.1', '::ffff:127.0.0.1'],
    ['fe80::0001%eth0', 'fe80::1%eth0'],
    [' 2001:db8::99 ', '2001:db8::99'],
  ];
  for (const [given, canonical] of cases) {
    assert.equal(canonicalIp(given), canonical, given);
  }
});

test('text that is no address, IPv4 and hostile input are left as they are', () => {
  for (const text of [
    '',
    '10.0.0.1',
    'not an ip',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    'fd00::1.2.3.999',
    'g::1',
    '::ffff:1.2.3',
  ]) {
    assert.equal(canonicalIp(text), text.trim(), text);
  }
  assert.equal(canonicalIp(`${'1:'.repeat(10_000)}1`).length, 20_001, 'a long hostile value returns');
});

test('machines match by address: an IPv4-mapped address is its IPv4 address', () => {
  assert.equal(ipKey('fd00:0::2'), ipKey('fd00::2'));
  assert.equal(ipKey('::ffff:10.0.0.7'), '10.0.0.7');
  assert.equal(ipKey('::ffff:a00:7'), '10.0.0.7');
  assert.notEqual(ipKey('fd00::2'), ipKey('fd00::3'));
});

test('loopback, link-local and private compared as addresses', () => {
  for (const ip of ['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3']) {
    assert.equal(isLoopbackIp(ip), true, ip);
  }
  for (const ip of ['128.0.0.1', '::2', 'fd00::1', '1::']) {
    assert.equal(isLoopbackIp(ip), false, ip);
  }
  for (const ip of ['fe80::1', 'FE80:0::1%eth0', 'febf::1', '169.254.1.1']) {
    assert.equal(isLinkLocalIp(ip), true, ip);
  }
  for (const ip of ['fec0::1', 'fe7f::1', '2001:db8::1', '10.0.0.1']) {
    assert.equal(isLinkLocalIp(ip), false, ip);
  }
  for (const ip of ['fd00::1', 'fc00::1', 'FD12:3456::1', '10.1.2.3', '::ffff:192.168.1.1', '172.31.0.1']) {
    assert.equal(isPrivateIp(ip), true, ip);
  }
  for (const ip of ['fe80::1', '2001:db8::1', 'fd', '8.8.8.8', '172.32.0.1']) {
    assert.equal(isPrivateIp(ip), false, ip);
  }
});
