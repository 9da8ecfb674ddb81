import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildFleetGraph, resolveRemoteMachine, subnetOf, type FleetConnection } from '../../src/render/fleetGraph';
import { visibleGraph, type ViewOptions } from '../../src/render/fleetView';

function row(p: Partial<FleetConnection> & Pick<FleetConnection, 'machine' | 'remoteIp' | 'port'>): FleetConnection {
  return {
    computer: p.machine.replace('m-', ''),
    process: `${p.machine}/${p.processName ?? 'app'}`,
    processName: 'app',
    protocol: 'tcp',
    remoteMachine: '',
    remoteComputer: '',
    bytesSent: 100,
    bytesReceived: 900,
    linksEstablished: 2,
    linksFailed: 0,
    maliciousIps: [],
    threats: [],
    ...p,
  };
}

const FLEET: FleetConnection[] = [
  row({ machine: 'm-web', remoteIp: '10.0.1.5', port: 1433, remoteMachine: 'm-sql', remoteComputer: 'sql' }),
  row({ machine: 'm-web', remoteIp: '10.0.1.7', port: 6379 }), // monitored, but only known through knownIps
  row({ machine: 'm-web', processName: 'agent', remoteIp: '20.50.1.1', port: 443 }),
  row({ machine: 'm-web', processName: 'agent', remoteIp: '20.50.9.9', port: 443, linksFailed: 3 }),
  row({ machine: 'm-sql', processName: 'agent', remoteIp: '20.50.1.1', port: 443 }),
  row({
    machine: 'm-web',
    processName: 'curl',
    remoteIp: '45.1.2.3',
    port: 443,
    maliciousIps: ['45.1.2.3'],
    threats: ['Botnet'],
  }),
  row({ machine: 'm-web', remoteIp: '192.168.7.20', port: 5432 }),
  row({ machine: 'm-web', remoteIp: '192.168.8.20', port: 5432 }),
  row({ machine: 'm-web', remoteIp: '127.0.0.1', port: 9000 }),
];
const KNOWN = new Map([['10.0.1.7', 'm-cache']]);

const fleet: ViewOptions = {
  mode: 'fleet',
  focus: [],
  expanded: new Set(),
  grown: new Set(),
  weight: 'links',
  externals: true,
};

describe('fleet graph: IP → machine resolution', () => {
  test('the query resolution wins, then known IPs, loopback is the machine itself, others stay unmonitored', () => {
    assert.equal(resolveRemoteMachine(FLEET[0]!, KNOWN), 'm-sql');
    assert.equal(resolveRemoteMachine(FLEET[1]!, KNOWN), 'm-cache');
    assert.equal(resolveRemoteMachine(FLEET[8]!, KNOWN), 'm-web');
    assert.equal(resolveRemoteMachine(FLEET[2]!, KNOWN), '');
  });

  test('a resolved remote becomes the machine node, not an endpoint', () => {
    const g = buildFleetGraph(FLEET, { knownIps: KNOWN });
    assert.deepEqual(
      g.machines.map((m) => m.machine),
      ['m-cache', 'm-sql', 'm-web'],
    );
    assert.ok(
      !g.endpoints.some((e) => e.remoteIp === '10.0.1.5' || e.remoteIp === '10.0.1.7' || e.remoteIp === '127.0.0.1'),
    );
    assert.ok(g.links.some((l) => l.target === 'machine:m-cache'));
  });
});

describe('fleet graph: grouping', () => {
  const g = buildFleetGraph(FLEET, { knownIps: KNOWN, seeds: ['m-web'] });

  test('public endpoints group per port, private ones per port and /24', () => {
    assert.equal(subnetOf('192.168.7.20'), '192.168.7.0/24');
    assert.equal(subnetOf('20.50.1.1'), 'internet');
    const byLabel = Object.fromEntries(g.groups.map((x) => [x.label, x.endpointIds.length]));
    assert.deepEqual(byLabel, {
      '3 external endpoints · 443/tcp': 3,
      '1 external endpoint in 192.168.7.0/24 · 5432/tcp': 1,
      '1 external endpoint in 192.168.8.0/24 · 5432/tcp': 1,
    });
    assert.equal(g.groups.find((x) => x.port === 443)!.malicious, true);
  });

  test('processes belong to their machine; the machine carries malicious and failed flags', () => {
    const web = g.machines.find((m) => m.machine === 'm-web')!;
    assert.deepEqual(
      g.processes
        .filter((p) => p.machineId === web.id)
        .map((p) => p.label)
        .sort(),
      ['agent', 'app', 'curl'],
    );
    assert.deepEqual([web.seed, web.malicious, web.failed], [true, true, true]);
  });

  test('fleet view: collapsed machines and groups, edges summed to them, no self-loop for loopback', () => {
    const v = visibleGraph(g, fleet);
    assert.deepEqual(v.nodes.map((n) => n.kind).sort(), ['group', 'group', 'group', 'machine', 'machine', 'machine']);
    const toInternet = v.edges.find((e) => e.source === 'machine:m-web' && e.target.startsWith('group:443'))!;
    assert.deepEqual([toInternet.links, toInternet.failed, toInternet.malicious, toInternet.bytes], [6, 3, true, 3000]);
    assert.match(toInternet.tooltip, /^6 links, 3 failed\n2\.9 KB\nport 443\nmalicious remote$/);
    assert.ok(v.edges.every((e) => e.source !== e.target));
    assert.ok(v.edges.every((e) => e.width >= 1 && e.width <= 8));
  });

  test('fleet view without externals draws machines only', () => {
    const v = visibleGraph(g, { ...fleet, externals: false });
    assert.deepEqual(v.nodes.map((n) => n.label).sort(), ['m-cache', 'sql', 'web']);
    assert.equal(v.hidden, 3);
  });

  test('expanding a machine shows its processes inside it, expanding a group its endpoints', () => {
    const group = g.groups.find((x) => x.port === 443)!.id;
    const v = visibleGraph(g, { ...fleet, expanded: new Set(['machine:m-web', group]) });
    const inside = v.nodes
      .filter((n) => n.parent === 'machine:m-web')
      .map((n) => n.label)
      .sort();
    assert.deepEqual(inside, ['agent', 'app', 'curl']);
    const endpoints = v.nodes
      .filter((n) => n.parent === group)
      .map((n) => n.label)
      .sort();
    assert.deepEqual(endpoints, ['20.50.1.1:443', '20.50.9.9:443', '45.1.2.3:443']);
    // The curl process's link now ends at the malicious endpoint itself; sql's agent still at its collapsed machine.
    assert.ok(
      v.edges.some((e) => e.source.includes('curl') && e.target === 'endpoint:45.1.2.3:443/tcp' && e.malicious),
    );
    assert.ok(v.edges.some((e) => e.source === 'machine:m-sql' && e.target === 'endpoint:20.50.1.1:443/tcp'));
    assert.ok(
      !v.edges.some((e) => e.source === 'machine:m-web'),
      "an open machine draws its processes' links, not its own",
    );
  });

  test('focus: one hop out, and growing a neighbour adds its hop', () => {
    const chain = buildFleetGraph([
      row({ machine: 'm-a', remoteIp: '10.0.0.2', port: 80, remoteMachine: 'm-b' }),
      row({ machine: 'm-b', remoteIp: '10.0.0.3', port: 80, remoteMachine: 'm-c' }),
      row({ machine: 'm-c', remoteIp: '10.0.0.4', port: 80, remoteMachine: 'm-d' }),
    ]);
    const focus: ViewOptions = { ...fleet, mode: 'focus', focus: ['machine:m-a'] };
    assert.deepEqual(
      visibleGraph(chain, focus).nodes.map((n) => n.id),
      ['machine:m-a', 'machine:m-b'],
    );
    assert.deepEqual(
      visibleGraph(chain, { ...focus, grown: new Set(['machine:m-b']) }).nodes.map((n) => n.id),
      ['machine:m-a', 'machine:m-b', 'machine:m-c'],
    );
    // Growing a machine that is not on screen does nothing.
    assert.equal(visibleGraph(chain, { ...focus, grown: new Set(['machine:m-d']) }).nodes.length, 2);
    assert.equal(visibleGraph(chain, focus).hidden, 2);
  });

  test('weight by bytes or links changes widths, not membership', () => {
    const skew = buildFleetGraph([
      row({ machine: 'm-a', remoteIp: '1.1.1.1', port: 53, bytesSent: 1, bytesReceived: 0, linksEstablished: 1000 }),
      row({ machine: 'm-a', remoteIp: '2.2.2.2', port: 80, bytesSent: 1e9, bytesReceived: 0, linksEstablished: 1 }),
    ]);
    const byLinks = visibleGraph(skew, { ...fleet, weight: 'links' });
    const byBytes = visibleGraph(skew, { ...fleet, weight: 'bytes' });
    const w = (v: typeof byLinks, port: string) => v.edges.find((e) => e.target.startsWith(`group:${port}/`))!.width;
    assert.ok(w(byLinks, '53') > w(byLinks, '80'));
    assert.ok(w(byBytes, '80') > w(byBytes, '53'));
  });

  test('edge changes merge: new beats worse', () => {
    const c = buildFleetGraph([
      row({ machine: 'm-a', remoteIp: '10.0.0.2', port: 80, remoteMachine: 'm-b', change: 'worse' }),
      row({ machine: 'm-a', remoteIp: '10.0.0.2', port: 81, remoteMachine: 'm-b', change: 'new' }),
    ]);
    assert.equal(visibleGraph(c, fleet).edges[0]!.change, 'new');
  });
});

describe('fleet graph: IPv6 addresses compared as addresses', () => {
  const row = (over: Partial<FleetConnection>): FleetConnection => ({
    machine: 'm-app',
    computer: 'app',
    process: 'p-1',
    processName: 'app',
    remoteIp: 'fd00::2',
    port: 5432,
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

  test('two spellings of one address are one endpoint, named in RFC 5952 form', () => {
    const g = buildFleetGraph([row({ remoteIp: 'fd00:0::2' }), row({ remoteIp: 'FD00::0002' }), row({})]);
    assert.deepEqual(
      g.endpoints.map((e) => [e.remoteIp, e.label]),
      [['fd00::2', '[fd00::2]:5432']],
    );
    assert.equal(g.links.length, 1);
    assert.equal(g.links[0]!.links, 3);
  });

  test('an IPv4-mapped endpoint is its IPv4 address, as the Machines view names it; the tooltip brackets IPv6', () => {
    const g = buildFleetGraph([
      row({ remoteIp: '::ffff:8.8.8.8', port: 53 }),
      row({ remoteIp: '8.8.8.8', port: 53 }),
      row({}),
    ]);
    assert.deepEqual(
      g.endpoints.map((e) => e.label),
      ['8.8.8.8:53', '[fd00::2]:5432'],
    );
    const all = new Set([...g.groups.map((x) => x.id)]);
    const details = visibleGraph(g, { ...fleet, expanded: all })
      .nodes.filter((n) => n.kind === 'endpoint')
      .map((n) => n.detail.split('\n')[0]);
    assert.deepEqual(details, ['8.8.8.8:53/tcp', '[fd00::2]:5432/tcp']);
  });

  test("an inventory address matches a connection's other spelling of it", () => {
    const g = buildFleetGraph([row({ remoteIp: 'fd00:0::2' })], { knownIps: new Map([['fd00::2', 'm-db']]) });
    assert.deepEqual(g.endpoints, []);
    assert.equal(g.links[0]!.target, 'machine:m-db');
  });

  test('an IPv4-mapped loopback is the machine itself; link-local is not the internet', () => {
    assert.equal(resolveRemoteMachine(row({ remoteIp: '::ffff:127.0.0.1' }), new Map()), 'm-app');
    assert.equal(resolveRemoteMachine(row({ remoteIp: '0:0:0:0:0:0:0:1' }), new Map()), 'm-app');
    assert.equal(subnetOf('fe80::1%eth0'), 'link-local IPv6');
    assert.equal(subnetOf('169.254.10.1'), 'link-local');
    assert.equal(subnetOf('::ffff:192.168.7.20'), '192.168.7.0/24');
    assert.equal(subnetOf('fd00:0::9'), 'private IPv6');
    assert.equal(subnetOf('2001:db8::9'), 'internet');
    const g = buildFleetGraph([row({ remoteIp: 'fe80::9', port: 22 })]);
    assert.deepEqual(
      g.groups.map((x) => x.label),
      ['1 external endpoint in link-local IPv6 · 22/tcp'],
    );
  });
});
