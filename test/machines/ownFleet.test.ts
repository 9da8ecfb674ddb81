/**
 * The Machines view and the map on a user's own exports rather than the sample: a VMConnection export
 * without BytesSent/BytesReceived still lists the machines and draws the map (before: "Could not load:
 * VMConnection has no column 'BytesSent'…" in place of the whole tree, and a map that failed), and a
 * folder whose records are all from last month says, under the default range, when its newest record
 * is and offers the time range picker (before: "No machines report in this time range." and nothing else).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { dependencyMapQuery } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows } from '../../src/ui/machines/fleetRows';
import { MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { describeInstant, outsideRangeHint } from '../../src/ui/machines/newestRecord';
import { emptyMapNote } from '../../src/ui/map/mapWindow';
import { engineWorkerScript } from '../builtBundle';

const NOW_MS = Date.parse('2026-12-05T12:00:00Z');

function exportsAt(when: string, columns: { bytes: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-own-fleet-'));
  const bytes = columns.bytes ? ',BytesSent,BytesReceived' : '';
  const b = columns.bytes ? ',1200,3400' : '';
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      `TimeGenerated,Computer,Machine,ProcessName,Direction,RemoteIp,DestinationPort,LinksEstablished${bytes}`,
      `${when},Überwachung-東京-01,m-tokyo,nginx,outbound,10.0.0.5,5432,2${b}`,
      `${when},db 01,m-db,postgres,inbound,10.0.0.4,5432,2${b}`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,Ipv4Addresses',
      `${when},Überwachung-東京-01,m-tokyo,"[""10.0.0.4""]"`,
      `${when},db 01,m-db,"[""10.0.0.5""]"`,
    ].join('\n'),
  );
  return dir;
}

describe("the Machines view and the map on a user's own exports", () => {
  const worker = engineWorkerScript();
  let noBytes: LocalBackend;
  let lastMonth: LocalBackend;
  before(() => {
    noBytes = new LocalBackend({
      source: { kind: 'folder', dir: exportsAt('2026-12-05T10:00:00Z', { bytes: false }) },
      workerScript: worker,
    });
    lastMonth = new LocalBackend({
      source: { kind: 'folder', dir: exportsAt('2026-11-05T10:00:00Z', { bytes: true }) },
      workerScript: worker,
    });
  });
  after(() => {
    noBytes.dispose();
    lastMonth.dispose();
  });
  const last24h = { timeRange: { start: '2026-12-04T12:00:00Z', end: '2026-12-05T12:00:00Z' } };

  test('a VMConnection export without BytesSent lists its machines and their connections', async () => {
    const model = new MachinesModel({ backend: () => noBytes, runOptions: () => last24h, now: () => NOW_MS });
    const machines = await model.children();
    assert.deepEqual(
      machines.map((m) => viewOf(m).label),
      ['db 01', 'Überwachung-東京-01'],
    );
    const groups = await model.children(machines[1]);
    const outbound = await model.children(groups.find((g) => viewOf(g).label === 'Outbound dependencies'));
    // No "0 B": the data has no byte counts, and the tree says so.
    assert.deepEqual(
      outbound.map((n) => [viewOf(n).label, viewOf(n).description, viewOf(n).tooltip]),
      [
        [
          'db 01 (10.0.0.5:5432/tcp)',
          '2 links',
          'db 01 (10.0.0.5:5432/tcp)\nMonitored machine m-db\nLocal process: nginx\nunknown (the data has no BytesSent or BytesReceived), 2 links established',
        ],
      ],
    );
    assert.match(
      String(viewOf(machines[1]!).tooltip),
      /\nTraffic: unknown \(the data has no BytesSent or BytesReceived\)$/,
    );
  });

  test('the map draws a VMConnection export without BytesSent', async () => {
    const rows = mapConnectionRows(await noBytes.run(dependencyMapQuery([]), last24h));
    assert.deepEqual(
      rows.map((r) => [r.computer, r.remoteComputer, r.linksEstablished, r.bytesSent]),
      [['Überwachung-東京-01', 'db 01', 2, 0]],
    );
  });

  test('records from last month under the last 24 hours: the tree says when the newest is and offers the picker', async () => {
    const model = new MachinesModel({ backend: () => lastMonth, runOptions: () => last24h, now: () => NOW_MS });
    const [note, ...rest] = await model.children();
    assert.equal(rest.length, 0);
    assert.ok(note?.kind === 'message' && !note.error && note.action === 'selectTimeRange', JSON.stringify(note));
    assert.equal(
      viewOf(note).label,
      'No machines report in this time range. The newest record is from 2026-11-05 10:00 UTC (30 days ago), outside the time range. Click to choose a wider one.',
    );
    model.setFilter('東京');
    const [filtered] = await model.children();
    assert.match(
      viewOf(filtered!).label,
      /^No machine matches "東京"\. The newest record is from 2026-11-05 10:00 UTC/,
    );
  });

  test('records inside the range: an unmatched filter says only that', async () => {
    const model = new MachinesModel({
      backend: () => lastMonth,
      runOptions: () => ({ timeRange: { start: '2026-11-01T00:00:00Z', end: '2026-12-05T12:00:00Z' } }),
      now: () => NOW_MS,
    });
    model.setFilter('no such machine');
    const [note] = await model.children();
    assert.ok(note?.kind === 'message' && note.action === undefined, JSON.stringify(note));
    assert.equal(viewOf(note).label, 'No machine matches "no such machine".');
  });

  test('the hint reads durations, custom ranges and no range', () => {
    const newest = Date.parse('2026-11-05T10:00:00Z');
    assert.match(outsideRangeHint(newest, { duration: 'P7D' }, NOW_MS) ?? '', /30 days ago/);
    assert.equal(outsideRangeHint(newest, { duration: 'P60D' }, NOW_MS), undefined);
    assert.equal(outsideRangeHint(newest, undefined, NOW_MS), undefined);
    assert.equal(outsideRangeHint(undefined, { duration: 'PT24H' }, NOW_MS), undefined);
    // A custom range that ended before the data began.
    assert.match(
      outsideRangeHint(newest, { start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' }, NOW_MS) ?? '',
      /outside the time range/,
    );
    assert.equal(describeInstant(NOW_MS - 5 * 3_600_000, NOW_MS), '2026-12-05 07:00 UTC (5 hours ago)');
    assert.equal(describeInstant(NOW_MS - 60_000, NOW_MS), '2026-12-05 11:59 UTC');
  });

  test('the map of a window before the data says when the newest record is', () => {
    const newest = Date.parse('2026-11-05T10:00:00Z');
    const window = { start: '2026-12-04T12:00:00.000Z', end: '2026-12-05T12:00:00.000Z' };
    assert.equal(
      emptyMapNote(newest, window, NOW_MS),
      'No outbound connections in this time window. The newest record is from 2026-11-05 10:00 UTC (30 days ago), outside the time range. Choose a wider one with Connection Analytics: Select Time Range.',
    );
    assert.equal(emptyMapNote(Date.parse('2026-12-05T10:00:00Z'), window, NOW_MS), undefined);
    assert.equal(emptyMapNote(undefined, window, NOW_MS), undefined);
  });

  test('a machine whose records lack only BytesSent shows what was received and names the missing column', () => {
    const row = {
      machine: 'm-1',
      computer: 'web 01',
      osFamily: '',
      os: '',
      ips: [],
      resourceId: '',
      bytesSent: 0,
      bytesReceived: 6348,
      linksFailed: 0,
      maliciousIps: [],
      threats: [],
      unmeasured: ['BytesSent' as const],
    };
    const view = viewOf({ kind: 'machine', id: 'm/m-1', parent: undefined, row });
    assert.equal(view.tooltip, 'web 01\nMachine: m-1\nTraffic: 6.2 KB received (the data has no BytesSent)');
    const measured = viewOf({ kind: 'machine', id: 'm/m-1', parent: undefined, row: { ...row, unmeasured: [] } });
    assert.match(String(measured.tooltip), /Traffic: 0 B sent, 6\.2 KB received$/);
  });
});
