/**
 * The fleet view of a big fleet: 2,000 machines were laid out whole (85 s on a loaded machine, a grid
 * of unlabelled dots). Past FLEET_MACHINE_LIMIT it draws the flagged and busiest machines, keeps the
 * ones the user opened or focused, and says how many of how many it drew; smaller fleets are whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFleetGraph, type FleetConnection } from '../../src/render/fleetGraph';
import { FLEET_MACHINE_LIMIT, type ViewOptions, visibleGraph } from '../../src/render/fleetView';

function connection(i: number, links: number, extra: Partial<FleetConnection> = {}): FleetConnection {
  return {
    machine: `m-${i}`,
    computer: `vm-${i}`,
    process: `m-${i}/app`,
    processName: 'app',
    remoteIp: `52.1.${i % 250}.1`,
    port: 443,
    protocol: 'tcp',
    remoteMachine: '',
    remoteComputer: '',
    bytesSent: 0,
    bytesReceived: 0,
    linksEstablished: links,
    linksFailed: 0,
    maliciousIps: [],
    threats: [],
    ...extra,
  };
}

const FLEET: ViewOptions = {
  mode: 'fleet',
  focus: [],
  expanded: new Set(),
  grown: new Set(),
  weight: 'links',
  externals: true,
};

const machinesOf = (v: ReturnType<typeof visibleGraph>) => v.nodes.filter((n) => n.kind === 'machine');

test('2,000 machines: the fleet view draws the limit, flagged and busiest first, and says so', () => {
  // Machine i makes i links: the busiest are the highest numbers; m-7 is malicious, m-8 fails.
  const rows = Array.from({ length: 2000 }, (_, i) => connection(i, i + 1));
  rows[7] = connection(7, 1, { maliciousIps: ['52.1.7.1'], threats: ['Botnet'] });
  rows[8] = connection(8, 1, { linksFailed: 5 });
  const graph = buildFleetGraph(rows);
  const view = visibleGraph(graph, FLEET);
  const drawn = machinesOf(view).map((n) => n.label);
  assert.equal(drawn.length, FLEET_MACHINE_LIMIT);
  assert.deepEqual(view.limited, { shown: FLEET_MACHINE_LIMIT, of: 2000 });
  assert.ok(drawn.includes('vm-7') && drawn.includes('vm-8'), 'flagged machines are drawn');
  assert.ok(drawn.includes('vm-1999') && !drawn.includes('vm-100'), 'the busiest are drawn, the quiet ones not');
  // A machine the user expanded stays drawn though it is quiet.
  const opened = visibleGraph(graph, { ...FLEET, expanded: new Set(['machine:m-100']) });
  assert.ok(machinesOf(opened).some((n) => n.label === 'vm-100'));
  assert.equal(machinesOf(opened).length, FLEET_MACHINE_LIMIT);
  // Focus mode on a quiet machine is not limited: it and its neighbours.
  const focus = visibleGraph(graph, { ...FLEET, mode: 'focus', focus: ['machine:m-100'] });
  assert.equal(focus.limited, undefined);
  assert.ok(machinesOf(focus).some((n) => n.label === 'vm-100'));
});

test('a fleet within the limit is drawn whole', () => {
  const graph = buildFleetGraph(Array.from({ length: FLEET_MACHINE_LIMIT }, (_, i) => connection(i, 1)));
  const view = visibleGraph(graph, FLEET);
  assert.equal(machinesOf(view).length, FLEET_MACHINE_LIMIT);
  assert.equal(view.limited, undefined);
});
