import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedProcesses } from '../../src/data/sample/inventory';
import { machine, NOW_TICKS, records, runSeed, sorted, ws } from './workspace';

const DAY_TICKS = 864_000_000_000;

test("known-machines gives each machine's latest inventory record", () => {
  const r = runSeed('known-machines');
  assert.equal(r.rows.length, ws.fleet.machines.length);
  assert.equal(r.columns[0], 'ResourceId');
  const latest = new Map<string, number>();
  for (const x of records('ServiceMapComputer_CL', ['ResourceId', 'TimeGenerated'])) {
    latest.set(x.ResourceId as string, Math.max(latest.get(x.ResourceId as string) ?? 0, x.TimeGenerated as number));
  }
  for (const o of r.objects) {
    assert.equal(o.TimeGenerated, latest.get(o.ResourceId as string));
    assert.equal(o.ComputerName_s, machine(o.Computer as string).name);
  }
});

test('last-reboot gives days since boot per machine, oldest boot first', () => {
  const r = runSeed('last-reboot');
  assert.deepEqual(r.columns, ['Computer', 'DaysSinceBoot', 'BootTime_t']);
  assert.equal(r.rows.length, ws.fleet.machines.length);
  for (const o of r.objects) {
    const m = machine(o.Computer as string);
    assert.equal(o.DaysSinceBoot, NOW_TICKS - (o.BootTime_t as number));
    assert.ok(Math.abs((o.DaysSinceBoot as number) / DAY_TICKS - m.bootDaysAgo) < 0.001, m.name);
  }
  assert.equal(r.objects[0]!.Computer, 'onprem-web01');
  const boots = r.objects.map((o) => o.BootTime_t as number);
  assert.deepEqual(
    boots,
    [...boots].sort((a, b) => a - b),
  );
});

test('azure-vm-summary lists the Azure VMs with their image and region', () => {
  const r = runSeed('azure-vm-summary');
  const expected = ws.fleet.machines
    .filter((m) => m.azure)
    .map((m) => [m.name, m.azure!.offering, m.azure!.location, m.azure!.sku]);
  assert.deepEqual(sorted(r.rows), sorted(expected));
  assert.equal(r.rows.length, 23);
  assert.ok(r.rows.some((x) => x[0] === 'acme-sql01' && x[1] === 'SQL2019-WS2019' && x[3] === 'Enterprise'));
  assert.ok(!r.rows.some((x) => String(x[0]).startsWith('onprem-')));
});

test("physical-memory gives each computer's memory in MB", () => {
  const r = runSeed('physical-memory');
  assert.deepEqual(r.columns, ['PhysicalMemory_d', 'ComputerName_s']);
  assert.deepEqual(sorted(r.rows), sorted(ws.fleet.machines.map((m) => [m.memoryMB, m.name])));
  assert.ok(r.rows.some((x) => x[0] === 262144 && x[1] === 'onprem-hv01'));
});

test('computer-inventory gives name, OS, DNS names and IPs of every computer', () => {
  const r = runSeed('computer-inventory');
  const expected = ws.fleet.machines.map((m) => [
    m.name,
    m.osFullName,
    JSON.stringify([m.fqdn]),
    JSON.stringify(m.ips),
  ]);
  assert.deepEqual(sorted(r.rows), sorted(expected));
});

test('sql-processes finds the processes whose command line contains "sql"', () => {
  const r = runSeed('sql-processes');
  const expected = ws.fleet.machines.flatMap((m) =>
    connectedProcesses(m, ws.links)
      .filter((p) => p.software.commandLine.includes('sql'))
      .map((p) => [m.name, p.software.executable]),
  );
  assert.deepEqual(sorted(r.objects.map((o) => [o.Computer, o.ExecutableName_s])), sorted(expected));
  const exes = new Set(r.objects.map((o) => o.ExecutableName_s));
  assert.ok(exes.has('sqlservr.exe') && exes.has('mysqld') && exes.has('java.exe'));
  assert.equal(new Set(r.objects.map((o) => o.ResourceId)).size, r.rows.length);
});

test('machine-by-resource-name finds acme-demo by its m- name', () => {
  const r = runSeed('machine-by-resource-name');
  assert.equal(r.rows.length, 1);
  assert.equal(r.objects[0]!.ComputerName_s, 'acme-demo');
  assert.equal(r.objects[0]!.ResourceName_s, 'm-4b9c93f9-bc37-46df-b43c-899ba829e07b');
});

test('machine-by-ip finds admdemo-appsvr by 10.229.243.232', () => {
  const r = runSeed('machine-by-ip');
  assert.equal(r.rows.length, 1);
  assert.equal(r.objects[0]!.ComputerName_s, 'admdemo-appsvr');
  assert.equal(r.objects[0]!.Ipv4Addresses_s, '["10.229.243.232","10.229.244.232"]');
});

test("machine-processes lists admdemo-appsvr's processes, one latest record each", () => {
  const r = runSeed('machine-processes');
  const m = machine('admdemo-appsvr');
  const expected = connectedProcesses(m, ws.links).map((p) => [p.id, p.software.executable]);
  assert.deepEqual(sorted(r.objects.map((o) => [o.ResourceName_s, o.ExecutableName_s])), sorted(expected));
  assert.ok(r.objects.every((o) => o.MachineResourceName_s === 'm-559dbcd8-3130-454d-8d1d-f624e57961bc'));
});

test('sql-server-computers lists the computers with a process matching *sql* anywhere', () => {
  const r = runSeed('sql-server-computers');
  // search "*sql*" matches "sql" in any column, any case: computer names, command lines, product names.
  const processTable = ws.database.table('ServiceMapProcess_CL')!;
  const machines = new Set<string>();
  for (let i = 0; i < processTable.rowCount; i++) {
    if (
      processTable.columns.some(
        (c) => c.column.type === 'string' && String(c.column.get(i)).toLowerCase().includes('sql'),
      )
    ) {
      machines.add(processTable.column('MachineResourceName_s')!.get(i) as string);
    }
  }
  const expected = ws.fleet.machines.filter((m) => machines.has(m.resourceName)).map((m) => [m.name]);
  assert.deepEqual(sorted(r.rows), sorted(expected));
  for (const name of ['acme-sql01', 'acme-sql02', 'onprem-erp01', 'acme-mysql01', 'acme-pg01']) {
    assert.ok(
      r.rows.some((x) => x[0] === name),
      name,
    );
  }
  assert.ok(!r.rows.some((x) => x[0] === 'acme-dc01'));
});

test('curl-versions lists the four curl versions in the fleet', () => {
  const r = runSeed('curl-versions');
  assert.deepEqual(sorted(r.rows.map((x) => x[0])), ['7.19.7', '7.29.0', '7.58.0', '7.68.0']);
});

test('centos-computers lists the CentOS machines', () => {
  const r = runSeed('centos-computers');
  const expected = ws.fleet.machines.filter((m) => m.osFullName.includes('CentOS')).map((m) => m.name);
  assert.deepEqual(sorted(r.rows.map((x) => x[0])), sorted(expected));
  assert.equal(r.rows.length, 8);
});
