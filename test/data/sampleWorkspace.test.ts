import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSampleWorkspace } from '../../src/data/sample';
import type { Table } from '../../src/engine/table';
import { ticksFromMs } from '../../src/engine/values';
import { CATALOGUE } from '../../src/schema/catalogue';

const now = new Date('2026-11-23T12:00:30Z');
const ws = generateSampleWorkspace({ now });

function tableOf(name: string): Table {
  return ws.database.table(name)!;
}

test('the same seed and now give the same tables, row for row', () => {
  const again = generateSampleWorkspace({ now });
  for (const t of ws.tables) {
    const u = again.database.table(t.name!)!;
    assert.equal(u.rowCount, t.rowCount, t.name);
    assert.deepEqual(u.rows(500), t.rows(500), t.name);
    assert.deepEqual(u.rows().slice(-200), t.rows().slice(-200), t.name);
  }
});

test('another seed gives other identifiers but the same named machines', () => {
  const other = generateSampleWorkspace({ now, seed: 7 });
  const names = (w: typeof ws) => w.fleet.machines.map((m) => m.name);
  assert.deepEqual(names(other), names(ws));
  assert.notEqual(other.fleet.tenantId, ws.fleet.tenantId);
  assert.equal(other.fleet.machines[0]!.resourceName, 'm-4b9c93f9-bc37-46df-b43c-899ba829e07b');
});

test('every catalogue table has every column with the catalogue type, in catalogue order', () => {
  for (const schema of CATALOGUE) {
    const t = tableOf(schema.name);
    assert.ok(t, schema.name);
    assert.deepEqual(
      t.schema,
      schema.columns.map((c) => ({ name: c.name, type: c.type })),
      schema.name,
    );
    assert.ok(t.rowCount > 0, schema.name);
  }
});

test('every column holds real values somewhere (no column left all empty), reserved ones aside', () => {
  const reserved = new Set(['VMConnection.RemoteClassification']);
  for (const schema of CATALOGUE) {
    const t = tableOf(schema.name);
    for (const c of t.columns) {
      if (reserved.has(`${schema.name}.${c.name}`)) {
        continue;
      }
      let filled = false;
      for (let i = 0; i < t.rowCount && !filled; i++) {
        const v = c.column.get(i);
        filled = v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
      }
      assert.ok(filled, `${schema.name}.${c.name} is empty in every row`);
    }
  }
});

test('records cover the 24 hours before the minute-aligned now', () => {
  const time = tableOf('VMConnection').column('TimeGenerated')!;
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time.get(i) as number;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  const nowTicks = ticksFromMs(Date.parse('2026-11-23T12:00:00Z'));
  assert.equal(min, nowTicks - 24 * 36_000_000_000);
  assert.equal(max, nowTicks - 600_000_000);
});

test('inbound and outbound ends of monitored links match minute by minute; failures are outbound only', () => {
  const t = tableOf('VMConnection');
  const col = (n: string) => t.column(n)!;
  const [dir, src, dst, port, time, sent, recv, est, failed, proc] = [
    'Direction',
    'SourceIp',
    'DestinationIp',
    'DestinationPort',
    'TimeGenerated',
    'BytesSent',
    'BytesReceived',
    'LinksEstablished',
    'LinksFailed',
    'Process',
  ].map(col);
  const inbound = new Map<string, [number, number, number]>();
  for (let i = 0; i < t.rowCount; i++) {
    if (dir!.get(i) === 'inbound') {
      assert.equal(failed!.get(i), 0);
      inbound.set(`${src!.get(i)}|${dst!.get(i)}|${port!.get(i)}|${time!.get(i)}`, [
        sent!.get(i) as number,
        recv!.get(i) as number,
        est!.get(i) as number,
      ]);
    }
  }
  let matched = 0;
  for (let i = 0; i < t.rowCount; i++) {
    if (dir!.get(i) !== 'outbound' || (est!.get(i) as number) === 0) {
      continue;
    }
    const other = inbound.get(`${src!.get(i)}|${dst!.get(i)}|${port!.get(i)}|${time!.get(i)}`);
    if (other) {
      matched++;
      assert.deepEqual(other, [recv!.get(i), sent!.get(i), est!.get(i)], `row ${i} (${proc!.get(i)})`);
    }
  }
  assert.ok(matched > 10_000, `${matched} matched pairs`);
});

test('connections include localhost, internet remotes with geolocation and malicious remotes with threat intel', () => {
  const t = tableOf('VMConnection');
  const rows = t.rows();
  const idx = (n: string) => t.columnIndex(n);
  assert.ok(rows.some((r) => r[idx('RemoteIp')] === '127.0.0.1' && r[idx('Direction')] === 'inbound'));
  const internet = rows.find((r) => r[idx('RemoteCountry')] === 'Sweden')!;
  assert.equal(typeof internet[idx('RemoteLatitude')], 'number');
  const malicious = rows.filter((r) => r[idx('MaliciousIp')] !== '');
  assert.deepEqual(
    new Set(malicious.map((r) => r[idx('IndicatorThreatType')])),
    new Set(['Botnet', 'C2', 'Watchlist', 'CryptoMining']),
  );
  for (const r of malicious) {
    assert.equal(r[idx('MaliciousIp')], r[idx('RemoteIp')]);
    for (const c of [
      'Description',
      'TLPLevel',
      'Confidence',
      'FirstReportedDateTime',
      'LastReportedDateTime',
      'IsActive',
      'ReportReferenceLink',
      'AdditionalInformation',
    ]) {
      assert.notEqual(r[idx(c)], '', c);
    }
    assert.equal(typeof r[idx('Severity')], 'number');
  }
  const benign = rows.find((r) => r[idx('MaliciousIp')] === '')!;
  assert.equal(benign[idx('Severity')], null);
  assert.equal(benign[idx('IndicatorThreatType')], '');
});

test('the named machines of the seed queries exist with their documented identifiers', () => {
  const byName = new Map(ws.fleet.machines.map((m) => [m.name, m]));
  assert.equal(byName.get('acme-demo')!.resourceName, 'm-4b9c93f9-bc37-46df-b43c-899ba829e07b');
  assert.equal(byName.get('admdemo-appsvr')!.resourceName, 'm-559dbcd8-3130-454d-8d1d-f624e57961bc');
  assert.equal(byName.get('acme-app01')!.resourceName, 'm-82412a7a-6a32-45a9-a8d6-538354224a25');
  assert.ok(byName.get('admdemo-appsvr')!.ips.includes('10.229.243.232'));
  assert.ok(ws.fleet.machines.length >= 28 && ws.fleet.machines.length <= 32);
  assert.ok(ws.fleet.machines.some((m) => m.virtualMachineType === 'vmware'));
  assert.ok(ws.fleet.machines.some((m) => !m.azure && m.virtualMachineType === 'hyperv'));
});

test('VMBoundPort folds wildcard binds with traffic into the specific IP and keeps idle ones on 0.0.0.0', () => {
  const rows = tableOf('VMBoundPort').rows();
  const t = tableOf('VMBoundPort');
  const idx = (n: string) => t.columnIndex(n);
  const sqlRows = rows.filter((r) => r[idx('Computer')] === 'acme-sql01' && r[idx('Port')] === 1433);
  assert.ok(
    sqlRows.some(
      (r) =>
        r[idx('Ip')] === '10.229.243.20' && r[idx('IsWildcardBind')] === true && (r[idx('BytesSent')] as number) > 0,
    ),
  );
  assert.ok(
    sqlRows
      .filter((r) => r[idx('Ip')] === '0.0.0.0')
      .every((r) => r[idx('BytesSent')] === 0 && r[idx('ResponseTimeMax')] === null),
  );
  const loopback = rows.filter((r) => r[idx('Ip')] === '127.0.0.1');
  assert.ok(loopback.length > 0 && loopback.every((r) => r[idx('IsWildcardBind')] === false));
});

test('scale multiplies VMConnection rows and leaves the other tables alone', () => {
  const scaled = generateSampleWorkspace({ now, scale: 3 });
  const base = tableOf('VMConnection').rowCount;
  const rows = scaled.database.table('VMConnection')!.rowCount;
  assert.ok(rows > 2.7 * base && rows < 3.3 * base, `${rows} vs ${base}`);
  assert.equal(scaled.database.table('VMBoundPort')!.rowCount, tableOf('VMBoundPort').rowCount);
  assert.ok(base > 80_000 && base < 120_000, String(base));
});
