/**
 * A double click on a map process that has no name (a VMConnection export without ProcessName, whose
 * connections the map draws under one unnamed process per machine) opens a query, as the status line
 * promises ("double-click a node to open its query"); before, it did nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kqlString } from '../../src/kql/literals';
import { buildFleetGraph, type GraphConnection } from '../../src/render/fleetGraph';
import { queryForFleetNode } from '../../src/ui/map/mapNodeQuery';

const connection = (over: Partial<GraphConnection>): GraphConnection => ({
  machine: 'm-1',
  computer: 'cache "blue" 東京 01',
  process: '',
  processName: '',
  remoteIp: 'fd00::1',
  port: 8080,
  protocol: 'tcp',
  remoteMachine: '',
  remoteComputer: '',
  bytesSent: 1,
  bytesReceived: 2,
  linksEstablished: 1,
  linksFailed: 0,
  maliciousIps: [],
  threats: [],
  ...over,
});

test('an unnamed process opens its machine connections, the names quoted as literals', () => {
  for (const over of [{}, { process: 'p-42' }]) {
    const graph = buildFleetGraph([connection(over)]);
    const [process] = graph.processes;
    assert.ok(process);
    const query = queryForFleetNode(graph, process.id);
    assert.ok(query, `a query for ${process.label}`);
    assert.ok(query.includes(`Machine == ${kqlString('m-1')}`), query);
    assert.ok(query.includes(`let computer = ${kqlString('cache "blue" 東京 01')};`), query);
  }
});

test('a named process still opens the connections of that process', () => {
  const graph = buildFleetGraph([connection({ processName: 'my "app" 東京' })]);
  const query = queryForFleetNode(graph, graph.processes[0]!.id) ?? '';
  assert.ok(query.includes(`ProcessName == ${kqlString('my "app" 東京')}`), query);
});
