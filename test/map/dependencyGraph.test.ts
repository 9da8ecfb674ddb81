import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildDependencyGraph, edgeWidth, MAX_EDGE_WIDTH, type GraphConnection } from '../../src/render/dependencyGraph';

function conn(over: Partial<GraphConnection>): GraphConnection {
  return {
    machine: 'm-1', computer: 'web', process: 'p-1', processName: 'nginx', remoteIp: '10.0.0.5', port: 1433, protocol: 'tcp',
    remoteMachine: '', remoteComputer: '', bytesSent: 100, bytesReceived: 0, linksEstablished: 1, linksFailed: 0,
    maliciousIps: [], threats: [], ...over,
  };
}

describe('dependency graph', () => {
  test('machine → process → endpoint, with monitored remotes as machine nodes and bytes summed per edge', () => {
    const g = buildDependencyGraph([
      conn({ remoteMachine: 'm-2', remoteComputer: 'db', bytesSent: 600, bytesReceived: 400 }),
      conn({ remoteMachine: 'm-2', remoteComputer: 'db', port: 1434, bytesSent: 1000 }),
      conn({ process: 'p-9', processName: 'curl', remoteIp: '203.0.113.9', port: 80, linksFailed: 2, maliciousIps: ['203.0.113.9'], threats: ['Botnet'] }),
    ]);
    assert.deepEqual(g.nodes.map((n) => [n.id, n.kind, n.label]).sort(), [
      ['endpoint:203.0.113.9:80/tcp', 'endpoint', '203.0.113.9:80'],
      ['machine:m-1', 'machine', 'web'],
      ['machine:m-2', 'machine', 'db'],
      ['process:m-1/p-1', 'process', 'nginx'],
      ['process:m-1/p-9', 'process', 'curl'],
    ]);
    const edges = new Map(g.edges.map((e) => [e.id, e]));
    assert.equal(edges.get('connects:process:m-1/p-1->machine:m-2')!.bytes, 2000);
    assert.equal(edges.get('runs:machine:m-1->process:m-1/p-1')!.bytes, 2000);
    const bad = edges.get('connects:process:m-1/p-9->endpoint:203.0.113.9:80/tcp')!;
    assert.deepEqual([bad.linksFailed, bad.malicious, bad.label], [2, true, '100 B · 2 failed']);
    const remote = g.nodes.find((n) => n.id === 'endpoint:203.0.113.9:80/tcp')!;
    assert.deepEqual([remote.failed, remote.malicious], [true, true]);
    assert.match(remote.detail, /Malicious: 203\.0\.113\.9 \(Botnet\)/);
    assert.equal(g.nodes.find((n) => n.id === 'machine:m-1')!.seed, true);
    assert.equal(g.nodes.find((n) => n.id === 'machine:m-2')!.seed, false);
    assert.equal(edges.get('connects:process:m-1/p-1->machine:m-2')!.width, MAX_EDGE_WIDTH);
    assert.ok(bad.width > 1 && bad.width < MAX_EDGE_WIDTH);
  });

  test('loopback endpoints stay per machine; two seeds linked through a resolved IP share one node', () => {
    const g = buildDependencyGraph([
      conn({ remoteIp: '127.0.0.1', port: 5432 }),
      conn({ machine: 'm-2', computer: 'db', process: 'p-5', remoteIp: '127.0.0.1', port: 5432 }),
      conn({ machine: 'm-2', computer: 'db', process: 'p-5', remoteIp: '10.0.0.4', port: 443, remoteMachine: 'm-1', remoteComputer: 'web' }),
    ]);
    const ids = g.nodes.map((n) => n.id);
    assert.ok(ids.includes('endpoint:m-1/127.0.0.1:5432/tcp'));
    assert.ok(ids.includes('endpoint:m-2/127.0.0.1:5432/tcp'));
    assert.equal(ids.filter((id) => id === 'machine:m-1').length, 1);
    assert.ok(g.edges.some((e) => e.source === 'process:m-2/p-5' && e.target === 'machine:m-1'));
    assert.ok(g.nodes.filter((n) => n.kind === 'machine').every((n) => n.seed));
  });

  test('past the endpoint limit the lightest endpoints are left out and counted', () => {
    const rows = Array.from({ length: 10 }, (_, i) => conn({ remoteIp: `198.51.100.${i}`, bytesSent: i * 10 }));
    const g = buildDependencyGraph(rows, { maxEndpoints: 3 });
    assert.deepEqual(g.nodes.filter((n) => n.kind === 'endpoint').map((n) => n.remoteIp).sort(), ['198.51.100.7', '198.51.100.8', '198.51.100.9']);
    assert.equal(g.omittedEndpoints, 7);
  });

  test('edge width grows with the logarithm of bytes, from 1 to the maximum', () => {
    assert.equal(edgeWidth(0, 1000), 1);
    assert.equal(edgeWidth(1000, 1000), MAX_EDGE_WIDTH);
    assert.ok(edgeWidth(10, 1000) < edgeWidth(100, 1000));
  });
});
