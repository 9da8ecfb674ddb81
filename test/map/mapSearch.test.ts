import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFleetGraph, type FleetConnection } from '../../src/render/fleetGraph';
import { searchGraph } from '../../src/render/mapSearch';

const row = (over: Partial<FleetConnection>): FleetConnection => ({
  machine: 'm-app',
  computer: 'app-01',
  process: 'p-1',
  processName: 'nginx',
  remoteIp: '2001:DB8::99',
  port: 443,
  protocol: 'tcp',
  remoteMachine: '',
  remoteComputer: '',
  bytesSent: 1,
  bytesReceived: 1,
  linksEstablished: 1,
  linksFailed: 0,
  maliciousIps: [],
  threats: [],
  ...over,
});

const g = buildFleetGraph([
  row({}),
  row({ remoteIp: '::ffff:8.8.8.8', port: 53 }),
  row({ remoteIp: 'not-an-ip', port: 81 }),
]);

test('the map search finds an endpoint by any spelling of its address', () => {
  const endpoint = 'endpoint:2001:db8::99:443/tcp';
  for (const text of ['2001:db8::99', '2001:DB8:0::99', ' 2001:0db8:0:0:0:0:0:99 ', '[2001:db8::99]:443']) {
    assert.equal(searchGraph(g, text)?.id, endpoint, text);
  }
  assert.equal(searchGraph(g, '::ffff:8.8.8.8')?.id, 'endpoint:8.8.8.8:53/tcp');
  assert.equal(searchGraph(g, '8.8.8.8')?.id, 'endpoint:8.8.8.8:53/tcp');
  assert.equal(searchGraph(g, 'not-an-ip')?.id, 'endpoint:not-an-ip:81/tcp');
  // The endpoint is drawn inside its group until that is opened.
  assert.match(searchGraph(g, '2001:db8::99')!.unit, /^group:443\/tcp/);
});

test('machines and processes first, as before; nothing for text on no node', () => {
  assert.deepEqual(searchGraph(g, 'APP-01'), { id: 'machine:m-app', unit: 'machine:m-app' });
  assert.equal(searchGraph(g, 'nginx')?.unit, 'machine:m-app');
  assert.equal(searchGraph(g, 'nothing here'), undefined);
  assert.equal(searchGraph(g, '   '), undefined);
  assert.equal(searchGraph(g, '2001:db8::98'), undefined);
});
