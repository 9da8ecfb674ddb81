import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { generateSampleWorkspace } from '../../src/data/sample';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { engineWorkerScript } from '../builtBundle';

const NOW = '2026-11-23T12:00:00Z';
const ws = generateSampleWorkspace({ now: new Date(NOW) });
const byName = new Map(ws.fleet.machines.map((m) => [m.name, m]));

describe('machines tree over the local backend and the sample workspace', () => {
  let backend: LocalBackend;
  let model: MachinesModel;
  let roots: FleetNode[];
  before(async () => {
    backend = new LocalBackend({
      source: { kind: 'sample', now: NOW },
      workerScript: engineWorkerScript(),
    });
    model = new MachinesModel({ backend: () => backend, runOptions: () => ({ timeRange: { duration: 'PT24H' } }) });
    roots = await model.children();
  });
  after(() => backend.dispose());

  const machine = (name: string): FleetNode => roots.find((r) => viewOf(r).label === name)!;
  const group = async (name: string, label: string): Promise<FleetNode[]> => {
    const g = (await model.children(machine(name))).find((n) => viewOf(n).label === label)!;
    return model.children(g);
  };

  test('lists every machine of the fleet, sorted, with its OS and first IP', () => {
    assert.deepEqual(
      roots.map((r) => viewOf(r).label),
      ws.fleet.machines.map((m) => m.name).sort(),
    );
    const demo = viewOf(machine('acme-demo'));
    assert.equal(demo.description, `windows · ${byName.get('acme-demo')!.ips[0]}`);
    assert.match(demo.tooltip, /Machine: m-4b9c93f9-bc37-46df-b43c-899ba829e07b/);
  });

  test('flags exactly the machines with traffic to or from malicious IPs, and says which', () => {
    const flagged = roots.filter((r) => viewOf(r).warning).map((r) => viewOf(r).label);
    assert.deepEqual(flagged, ['acme-build01', 'acme-demo', 'acme-nginx01', 'onprem-web01']);
    assert.match(viewOf(machine('onprem-web01')).tooltip, /Connected to malicious IP 45\.142\.212\.61 \(C2\)/);
  });

  test("a machine's processes are its fleet processes, with user and command line", async () => {
    const procs = await group('acme-demo', 'Processes');
    const expected = byName
      .get('acme-demo')!
      .processes.map((p) => p.software.executable)
      .sort();
    assert.deepEqual(
      procs.map((p) => viewOf(p).label),
      expected,
    );
    const w3wp = viewOf(procs.find((p) => viewOf(p).label === 'w3wp.exe')!);
    assert.equal(w3wp.description, 'IIS APPPOOL\\AcmeStore');
    assert.match(w3wp.tooltip, /Command line: c:\\windows\\system32\\inetsrv\\w3wp\.exe -ap "AcmeStore"/);
  });

  test('bound ports: wildcard binds marked, loopback binds in their own group', async () => {
    const ports = await group('admdemo-appsvr', 'Bound ports');
    const fleet = byName.get('admdemo-appsvr')!;
    const loopbackPorts = fleet.processes.flatMap((p) =>
      p.ports.filter((b) => b.bind === 'loopback').map((b) => b.port),
    );
    const loopbackGroup = ports.find((p) => p.kind === 'loopback')!;
    const inLoopback = (await model.children(loopbackGroup)).map((n) => viewOf(n).label);
    assert.deepEqual(
      inLoopback,
      loopbackPorts.map((p) => `127.0.0.1:${p}/tcp`),
    );
    const reachable = ports.filter((p) => p.kind === 'port').map(viewOf);
    assert.ok(reachable.length > 0);
    assert.ok(reachable.every((v) => !v.label.startsWith('127.')));
    const wildcardPorts = fleet.processes.flatMap((p) =>
      p.ports.filter((b) => b.bind === 'wildcard').map((b) => b.port),
    );
    for (const port of wildcardPorts) {
      const v = reachable.find((x) => x.label === `0.0.0.0:${port}/tcp`);
      assert.ok(v, `wildcard bind of port ${port}`);
      assert.match(v.description ?? '', /^wildcard/);
    }
  });

  test('outbound dependencies resolve monitored remotes through their IPs and flag failed links', async () => {
    const deps = (await group('acme-demo', 'Outbound dependencies')).map(viewOf);
    const expected = [
      ...new Set(
        ws.links
          .filter((l) => 'machine' in l.client && l.client.machine.name === 'acme-demo' && 'machine' in l.server)
          .map((l) => ('machine' in l.server ? `${l.server.machine.name} (${l.server.ip}:${l.port}/tcp)` : '')),
      ),
    ].sort();
    const monitored = deps
      .filter((d) => d.icon === 'vm-connect' || /^acme-|^onprem-|^admdemo-/.test(d.label))
      .map((d) => d.label)
      .sort();
    assert.deepEqual(monitored, expected);
    for (const d of deps.filter((x) => x.warning)) {
      assert.match(d.tooltip, /failed links|malicious/);
    }
  });

  test('inbound clients include the RDP brute force, flagged as malicious', async () => {
    const inbound = (await group('acme-demo', 'Inbound clients')).map(viewOf);
    const rdp = inbound.find((v) => v.label === '185.220.101.45 → :3389/tcp')!;
    assert.ok(rdp, inbound.map((v) => v.label).join('\n'));
    assert.equal(rdp.warning, true);
    assert.match(rdp.tooltip, /malicious IP 185\.220\.101\.45/);
    // Listed first, with the malicious icon; clients with only failed links get another icon, after it.
    assert.equal(inbound[0], rdp, `first of ${inbound.length}: ${inbound[0]!.label}`);
    assert.deepEqual([rdp.icon, rdp.flag], ['shield', 'malicious']);
    const failedOnly = inbound.filter((v) => v.flag === 'failed');
    assert.ok(failedOnly.every((v) => v.icon === 'debug-disconnect' && inbound.indexOf(v) > 0));
  });
});
