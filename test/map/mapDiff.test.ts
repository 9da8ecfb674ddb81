import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { runLocalQuery } from '../../src/backends/local';
import { generateSampleWorkspace } from '../../src/data/sample';
import { Database, Table } from '../../src/engine';
import type { Value } from '../../src/engine/values';
import { ticksFromMs } from '../../src/engine/values';
import { analyze } from '../../src/kql';
import type { FleetConnection } from '../../src/render/fleetGraph';
import { VmBoundPortSchema, VmComputerSchema, VmConnectionSchema, VmProcessSchema } from '../../src/schema/catalogue';
import type { TableSchema } from '../../src/schema/types';
import { coveringRange, mapDiffQuery, type TimeWindow } from '../../src/ui/map/mapDiffQuery';
import { type DiffRow, diffRows, withChanges } from '../../src/ui/map/mapDiffRows';

const BEFORE: TimeWindow = { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' };
const AFTER: TimeWindow = { start: '2026-01-02T00:00:00Z', end: '2026-01-03T00:00:00Z' };
const t = (iso: string): number => ticksFromMs(Date.parse(iso));

/** A table of the catalogue's full schema, with only the named columns filled. */
function table(schema: TableSchema, rows: readonly Record<string, Value>[]): Table {
  return Table.fromRows(
    schema.columns.map((c) => ({ name: c.name, type: c.type })),
    rows.map((r) => schema.columns.map((c) => r[c.name] ?? null)),
    schema.name,
  );
}

function conn(
  day: 1 | 2,
  machine: string,
  remoteIp: string,
  port: number,
  links: number,
  failed: number,
): Record<string, Value> {
  return {
    TimeGenerated: t(`2026-01-0${day}T10:00:00Z`),
    Machine: machine,
    Computer: machine.toUpperCase(),
    ProcessName: 'app',
    Direction: 'outbound',
    RemoteIp: remoteIp,
    DestinationPort: port,
    Protocol: 'tcp',
    LinksEstablished: links,
    LinksFailed: failed,
    BytesSent: 10,
    BytesReceived: 20,
  };
}

function craftedDatabase(): Database {
  return new Database([
    table(VmConnectionSchema, [
      conn(1, 'm-a', '10.0.0.2', 1433, 100, 1),
      conn(2, 'm-a', '10.0.0.2', 1433, 100, 1), // unchanged
      conn(1, 'm-a', '10.0.0.3', 5432, 100, 0),
      conn(2, 'm-a', '10.0.0.3', 5432, 60, 40), // worse
      conn(1, 'm-a', '10.0.0.4', 80, 100, 0),
      conn(2, 'm-a', '10.0.0.4', 80, 100, 3), // 3 failures: below the minimum, not worse
      conn(2, 'm-a', '20.1.1.1', 443, 5, 0), // new
      conn(1, 'm-b', '20.2.2.2', 8080, 5, 0), // vanished
      { ...conn(2, 'm-b', '20.3.3.3', 53, 5, 0), Direction: 'inbound' }, // inbound: not a dependency
      conn(3 as 2, 'm-b', '20.4.4.4', 25, 5, 0), // outside both windows
    ]),
    table(VmBoundPortSchema, [
      {
        TimeGenerated: t('2026-01-01T05:00:00Z'),
        Machine: 'm-a',
        Computer: 'A',
        Port: 80,
        Protocol: 'tcp',
        ProcessName: 'nginx',
      },
      {
        TimeGenerated: t('2026-01-02T05:00:00Z'),
        Machine: 'm-a',
        Computer: 'A',
        Port: 80,
        Protocol: 'tcp',
        ProcessName: 'nginx',
      },
      {
        TimeGenerated: t('2026-01-01T05:00:00Z'),
        Machine: 'm-a',
        Computer: 'A',
        Port: 8080,
        Protocol: 'tcp',
        ProcessName: 'java',
      },
      {
        TimeGenerated: t('2026-01-02T05:00:00Z'),
        Machine: 'm-b',
        Computer: 'B',
        Port: 9000,
        Protocol: 'tcp',
        ProcessName: 'php-fpm',
      },
    ]),
    table(VmProcessSchema, [
      { TimeGenerated: t('2026-01-01T05:00:00Z'), Machine: 'm-a', Computer: 'A', ExecutableName: 'nginx' },
      { TimeGenerated: t('2026-01-02T05:00:00Z'), Machine: 'm-a', Computer: 'A', ExecutableName: 'nginx' },
      { TimeGenerated: t('2026-01-02T06:00:00Z'), Machine: 'm-a', Computer: 'A', ExecutableName: 'xmrig' },
    ]),
    table(VmComputerSchema, [
      { TimeGenerated: t('2026-01-02T00:00:00Z'), Machine: 'm-db', Computer: 'DB', Ipv4Addresses: ['10.0.0.3'] },
    ]),
  ]);
}

function run(db: Database, before: TimeWindow, after: TimeWindow, nowIso: string): DiffRow[] {
  const result = runLocalQuery(db, mapDiffQuery(before, after), {
    timeRange: coveringRange(before, after),
    nowMs: Date.parse(nowIso),
  });
  return diffRows(result);
}

const brief = (d: DiffRow): string =>
  `${d.change} ${d.kind} ${d.machine} ${d.processName} ${d.remoteIp}${d.port === null ? '' : `:${d.port}`}`.trim();

describe('diff of two windows on crafted data', () => {
  let rows: DiffRow[];
  before(() => {
    rows = run(craftedDatabase(), BEFORE, AFTER, '2026-01-03T00:00:00Z');
  });

  test('classifies new, vanished and worse connections, new and lost ports, new processes, and nothing else', () => {
    assert.deepEqual(rows.map(brief).sort(), [
      'lost listening port m-a java :8080',
      'new connection m-a app 20.1.1.1:443',
      'new listening port m-b php-fpm :9000',
      'new process m-a xmrig',
      'vanished connection m-b app 20.2.2.2:8080',
      'worse connection m-a app 10.0.0.3:5432',
    ]);
  });

  test("a worse connection carries both windows' figures and its remote machine", () => {
    const worse = rows.find((r) => r.change === 'worse')!;
    assert.deepEqual(
      [worse.linksBefore, worse.failedBefore, worse.linksAfter, worse.failedAfter, worse.remoteMachine],
      [100, 0, 60, 40, 'm-db'],
    );
  });

  test('the query is valid KQL for Kusto itself (as Log Analytics will parse it)', () => {
    const q = mapDiffQuery(BEFORE, AFTER);
    assert.deepEqual(
      analyze(q).diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  test('windows that end before they start, or are not instants, are refused', () => {
    assert.throws(
      () => mapDiffQuery({ start: AFTER.end, end: AFTER.start }, AFTER),
      /before window ends before it starts/,
    );
    assert.throws(
      () => mapDiffQuery({ start: '2026-01-01") | take 1 //', end: AFTER.end }, AFTER),
      /not a UTC ISO-8601 instant/,
    );
  });

  test("changes land on the later window's connections; a vanished link comes back with no traffic", () => {
    const c: FleetConnection = {
      machine: 'm-a',
      computer: 'A',
      process: 'p-1',
      processName: 'app',
      remoteIp: '20.1.1.1',
      port: 443,
      protocol: 'tcp',
      remoteMachine: '',
      remoteComputer: '',
      bytesSent: 1,
      bytesReceived: 1,
      linksEstablished: 5,
      linksFailed: 0,
      maliciousIps: [],
      threats: [],
    };
    const out = withChanges([c, { ...c, machine: 'm-b', process: 'p-2', remoteIp: '9.9.9.9' }], rows);
    assert.equal(out[0]!.change, 'new');
    assert.equal(out[1]!.change, undefined);
    const vanished = out.find((x) => x.change === 'vanished')!;
    assert.deepEqual(
      [vanished.machine, vanished.process, vanished.remoteIp, vanished.linksEstablished],
      ['m-b', 'p-2', '20.2.2.2', 0],
    );
  });
});

describe('diff of yesterday and today on the sample workspace', () => {
  test("finds the sample's change: acme-app02 → acme-redis01:6379 is new, acme-app01 → acme-pg01:5432 fails", () => {
    const now = '2026-11-23T12:00:00Z';
    const ws = generateSampleWorkspace({ now: new Date(now) });
    const name = (resourceName: string) => ws.fleet.machines.find((m) => m.resourceName === resourceName)?.name;
    const rows = run(
      ws.database,
      { start: '2026-11-22T12:00:00Z', end: '2026-11-23T00:00:00Z' },
      { start: '2026-11-23T00:00:00Z', end: now },
      now,
    );
    const connections = rows
      .filter((r) => r.kind === 'connection')
      .map((r) => `${r.change} ${r.computer} ${r.processName} → ${name(r.remoteMachine) ?? r.remoteIp}:${r.port}`);
    assert.deepEqual(connections, [
      'new acme-app02 java → acme-redis01:6379',
      'worse acme-app01 java → acme-pg01:5432',
      // acme-sql02's outage (02:00–05:00 UTC) falls in "today" too.
      'worse acme-demo w3wp.exe → acme-sql02:1433',
      'worse admdemo-appsvr java.exe → acme-sql02:1433',
    ]);
    const pg = rows.find((r) => r.computer === 'acme-app01' && r.port === 5432)!;
    assert.equal(pg.failedBefore, 0);
    assert.ok(pg.failedAfter > 100, String(pg.failedAfter));
    assert.deepEqual(
      rows.filter((r) => r.kind === 'listening port'),
      [],
    );
  });
});
