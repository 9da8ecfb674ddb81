import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIpAddress } from '../../src/render/ipAddress';
import { exportedAs, firstAddress, listedAddress, shownAddress } from '../../src/ui/machines/addressText';
import { isLoopback, isWildcardIp } from '../../src/ui/machines/fleetRows';

test('an address is shown in one form, whatever its spelling; other text as it is, cut short', () => {
  assert.equal(shownAddress('FD00:0:0:0::2'), 'fd00::2');
  assert.equal(shownAddress('::FFFF:10.0.0.7'), '10.0.0.7');
  assert.equal(shownAddress('FE80::0001%eth0'), 'fe80::1%eth0');
  assert.equal(shownAddress(' 10.0.0.1 '), '10.0.0.1');
  assert.equal(shownAddress(''), '(no address)');
  assert.equal(shownAddress('   '), '(no address)');
  assert.equal(shownAddress('not-an-ip'), 'not-an-ip');
  assert.equal(shownAddress('y'.repeat(500)), `${'y'.repeat(39)}…`);
  assert.equal(listedAddress('::FFFF:10.0.0.7'), '::ffff:10.0.0.7');
  assert.equal(listedAddress('y'.repeat(500)), `${'y'.repeat(79)}… (500 characters)`);
});

test("a machine's row shows its first address, past garbage", () => {
  assert.equal(firstAddress(['not-an-ip', '', 'fd00::9']), 'fd00::9');
  assert.equal(firstAddress(['not-an-ip']), 'not-an-ip');
  assert.equal(firstAddress([]), undefined);
});

test('the tooltip names the spellings only when the export spelt the address otherwise', () => {
  assert.equal(exportedAs('fd00::2', ['fd00::2']), '');
  assert.equal(exportedAs('fd00::2', []), '');
  assert.equal(exportedAs('fd00::2', ['fd00::2', 'FD00:0::2']), 'Exported as FD00:0::2, fd00::2');
  assert.equal(exportedAs('10.0.0.7', ['::ffff:10.0.0.7']), 'Exported as ::ffff:10.0.0.7');
});

test('what is an address', () => {
  for (const ip of ['10.0.0.1', '255.255.255.255', '::', '::1', 'fd00:0::2', '::ffff:10.0.0.7', 'fe80::1%eth0']) {
    assert.equal(isIpAddress(ip), true, ip);
  }
  for (const text of ['', 'not-an-ip', '256.0.0.1', '10.0.0', '1::2::3', ':::', '%eth0', 'x'.repeat(500)]) {
    assert.equal(isIpAddress(text), false, text);
  }
});

test('loopback and wildcard binds are known in any spelling', () => {
  for (const ip of ['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost']) {
    assert.equal(isLoopback(ip), true, ip);
  }
  for (const ip of ['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0', '*']) {
    assert.equal(isWildcardIp(ip), true, ip);
  }
  assert.equal(isLoopback('not-an-ip'), false);
  assert.equal(isWildcardIp(''), false);
});
