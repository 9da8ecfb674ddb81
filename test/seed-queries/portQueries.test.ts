import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupBy, machine, records, runSeed, sorted, sum, ws } from './workspace';

/** Distinct non-loopback ports of each machine, from the generator's own model. */
function openPortsByMachine(): Map<string, number> {
  const m = new Map<string, number>();
  for (const mach of ws.fleet.machines) {
    const ports = new Set(
      mach.processes.flatMap((p) => p.ports.filter((b) => b.bind !== 'loopback').map((b) => b.port)),
    );
    m.set(mach.name, ports.size);
  }
  return m;
}

test("open-ports-by-machine counts each machine's non-loopback ports, most first", () => {
  const r = runSeed('open-ports-by-machine');
  assert.deepEqual(r.columns, ['Computer', 'Machine', 'OpenPorts']);
  const expected = openPortsByMachine();
  assert.equal(r.rows.length, expected.size);
  for (const row of r.objects) {
    assert.equal(row.OpenPorts, expected.get(row.Computer as string), String(row.Computer));
    assert.equal(row.Machine, machine(row.Computer as string).resourceName);
  }
  const counts = r.objects.map((o) => o.OpenPorts as number);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
  assert.equal(r.objects[0]!.Computer, 'acme-dc01');
  assert.equal(r.objects[0]!.OpenPorts, 7);
  assert.equal(r.objects.find((o) => o.Computer === 'acme-demo')!.OpenPorts, 5);
});

test('bound-ports-list gives every machine, port and process the fleet binds, loopback included', () => {
  const r = runSeed('bound-ports-list');
  const expected = ws.fleet.machines.flatMap((m) =>
    m.processes.flatMap((p) => p.ports.map((b) => [m.name, b.port, p.software.executable])),
  );
  assert.deepEqual(sorted(r.rows), sorted(expected));
  assert.ok(r.rows.some((x) => x[0] === 'acme-app01' && x[1] === 6379 && x[2] === 'redis-server'));
});

test("port-aggregate-behavior sums each port's traffic and keeps its latest LinksLive", () => {
  const r = runSeed('port-aggregate-behavior');
  assert.deepEqual(r.columns, [
    'Machine',
    'Computer',
    'ProcessName',
    'Ip',
    'Port',
    'IsWildcardBind',
    'BytesSent',
    'BytesReceived',
    'LinksEstablished',
    'LinksTerminated',
    'LinksLive',
  ]);
  const raw = records('VMBoundPort', [
    'Machine',
    'Computer',
    'ProcessName',
    'Ip',
    'Port',
    'IsWildcardBind',
    'BytesSent',
    'BytesReceived',
    'LinksEstablished',
    'LinksTerminated',
    'LinksLive',
    'TimeGenerated',
  ]).filter((x) => x.Ip !== '127.0.0.1');
  const groups = groupBy(raw, (x) => [x.Machine, x.Computer, x.ProcessName, x.Ip, x.Port, x.IsWildcardBind].join('|'));
  assert.equal(r.rows.length, groups.size);
  for (const o of r.objects) {
    const g = groups.get([o.Machine, o.Computer, o.ProcessName, o.Ip, o.Port, o.IsWildcardBind].join('|'))!;
    assert.ok(g, JSON.stringify(o));
    assert.equal(o.BytesSent, sum(g.map((x) => x.BytesSent)));
    assert.equal(o.BytesReceived, sum(g.map((x) => x.BytesReceived)));
    assert.equal(o.LinksEstablished, sum(g.map((x) => x.LinksEstablished)));
    assert.equal(o.LinksTerminated, sum(g.map((x) => x.LinksTerminated)));
    const latest = g.reduce((a, b) => ((b.TimeGenerated as number) > (a.TimeGenerated as number) ? b : a));
    assert.equal(o.LinksLive, latest.LinksLive);
  }
  // Ordered by Machine, Computer, Port, Ip, ProcessName (all descending: order by's default).
  const keys = r.objects.map((o) => o.Machine as string);
  assert.deepEqual(keys, [...keys].sort().reverse());
  // sqlservr on acme-sql01 listens on every interface: with traffic it reports its specific IP, flagged as a wildcard bind.
  const sql = r.objects.find((o) => o.Computer === 'acme-sql01' && o.Port === 1433 && o.Ip === '10.229.243.20')!;
  assert.equal(sql.IsWildcardBind, true);
  assert.ok((sql.BytesSent as number) > 0);
  // acme-sql02 binds 1433 on one interface only.
  const sql2 = r.objects.filter((o) => o.Computer === 'acme-sql02' && o.Port === 1433);
  assert.deepEqual(
    sql2.map((o) => [o.Ip, o.IsWildcardBind]),
    [['10.229.243.21', false]],
  );
});

test("bound-ports-of-computer lists admdemo-appsvr's ports and processes", () => {
  const r = runSeed('bound-ports-of-computer');
  const m = machine('admdemo-appsvr');
  const expected = m.processes.flatMap((p) => p.ports.map((b) => [b.port, p.software.executable]));
  assert.deepEqual(sorted(r.rows), sorted(expected));
  assert.ok(r.rows.some((x) => x[0] === 8080 && x[1] === 'java.exe'));
});

test('process-port-score ranks processes by their distinct open ports', () => {
  const r = runSeed('process-port-score');
  const raw = records('VMBoundPort', ['ProcessName', 'Port', 'Protocol', 'Ip']).filter((x) => x.Ip !== '127.0.0.1');
  const byProcess = groupBy(raw, (x) => x.ProcessName as string);
  assert.equal(r.rows.length, byProcess.size);
  for (const o of r.objects) {
    const ports = new Set(byProcess.get(o.ProcessName as string)!.map((x) => `${x.Port}/${x.Protocol}`));
    assert.equal(o.OpenPorts, ports.size, String(o.ProcessName));
  }
  // svchost.exe holds RDP (3389) and RPC (135); lsass.exe LDAP, LDAPS and Kerberos.
  assert.equal(r.objects.find((o) => o.ProcessName === 'svchost.exe')!.OpenPorts, 2);
  assert.equal(r.objects.find((o) => o.ProcessName === 'lsass.exe')!.OpenPorts, 3);
  const counts = r.objects.map((o) => o.OpenPorts as number);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
});

test("wb-open-ports counts the selected computers' open ports", () => {
  const r = runSeed('wb-open-ports');
  const expected = openPortsByMachine();
  assert.deepEqual(
    sorted(r.rows),
    sorted([
      ['acme-demo', expected.get('acme-demo')],
      ['admdemo-appsvr', expected.get('admdemo-appsvr')],
    ]),
  );
  assert.equal(r.render, 'columnchart');
});

test('wb-active-ports counts ports with traffic per computer and hour', () => {
  const r = runSeed('wb-active-ports');
  const raw = records('VMBoundPort', [
    'Computer',
    'TimeGenerated',
    'PortId',
    'BytesSent',
    'BytesReceived',
    'LinksLive',
  ]).filter(
    (x) =>
      (x.Computer === 'acme-demo' || x.Computer === 'admdemo-appsvr') &&
      ((x.BytesSent as number) > 0 || (x.BytesReceived as number) > 0 || (x.LinksLive as number) > 0),
  );
  const hour = 36_000_000_000;
  const groups = groupBy(raw, (x) => `${x.Computer}|${Math.floor((x.TimeGenerated as number) / hour) * hour}`);
  assert.equal(r.rows.length, groups.size);
  assert.equal(r.rows.length, 48);
  for (const o of r.objects) {
    const g = groups.get(`${o.Computer}|${o.TimeGenerated}`)!;
    assert.equal(o.ActivePorts, new Set(g.map((x) => x.PortId)).size);
  }
});
