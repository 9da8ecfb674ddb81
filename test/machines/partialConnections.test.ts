/**
 * A VMConnection export without LinksFailed, Protocol and the threat columns still fills the Machines
 * view and the dependency map: every query they run answers (a missing column reads as empty), where
 * before the tree showed only "Could not load: … LinksFailed …".
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadData, runLocalQuery } from '../../src/backends/local';
import {
  boundPortsQuery,
  boundPortsQueryFor,
  connectionsQueryFor,
  dependenciesQuery,
  dependencyMapQuery,
  machinesQuery,
  processConnectionsQueryFor,
  processesQuery,
  remoteEndpointQueryFor,
  trafficChartQueryFor,
} from '../../src/ui/machines/fleetQueries';
import { machineRows } from '../../src/ui/machines/fleetRows';
import { mapDiffQuery } from '../../src/ui/map/mapDiffQuery';

const NOW_MS = Date.parse('2026-12-05T12:00:00Z');

function partialExports(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-partial-connections-'));
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Process,Direction,RemoteIp,DestinationPort,LinksEstablished,LinksLive,BytesSent,BytesReceived',
      '2026-12-05T10:00:00Z,web-01,m-web,nginx,p-nginx,outbound,10.0.0.5,5432,2,1,1200,3400',
      '2026-12-05T10:30:00Z,db-01,m-db,postgres,p-pg,inbound,10.0.0.4,5432,2,1,3400,1200',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    ['TimeGenerated,Computer,Machine', '2026-12-05T09:00:00Z,web-01,m-web', '2026-12-05T09:00:00Z,db-01,m-db'].join(
      '\n',
    ),
  );
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Process,Ip,Port,Protocol,IsWildcardBind,LinksLive,BytesSent,BytesReceived',
      '2026-12-05T10:00:00Z,db-01,m-db,postgres,p-pg,0.0.0.0,5432,tcp,true,1,10,20',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMProcess.csv'),
    [
      'TimeGenerated,Computer,Machine,Process,ExecutableName,DisplayName',
      '2026-12-05T09:00:00Z,web-01,m-web,p-nginx,nginx,nginx',
    ].join('\n'),
  );
  return dir;
}

test('every query of the Machines view and the map answers on a VMConnection export without LinksFailed, Protocol or threat columns', () => {
  const data = loadData({ kind: 'folder', dir: partialExports() });
  const run = (query: string) =>
    runLocalQuery(data.database, query, { nowMs: NOW_MS, timeRange: { duration: 'PT24H' }, folder: data.folder });
  const machines = machineRows(run(machinesQuery()));
  assert.deepEqual(
    machines.map((m) => [m.computer, m.linksFailed, m.maliciousIps]),
    [
      ['db-01', 0, []],
      ['web-01', 0, []],
    ],
  );
  const queries = [
    boundPortsQuery('m-db'),
    dependenciesQuery('m-web', 'outbound'),
    dependenciesQuery('m-db', 'inbound'),
    dependencyMapQuery(['m-web', 'm-db']),
    connectionsQueryFor('m-web', 'web-01'),
    boundPortsQueryFor('m-db', 'db-01'),
    trafficChartQueryFor(['m-web']),
    processConnectionsQueryFor('m-web', 'nginx'),
    remoteEndpointQueryFor('10.0.0.5', 5432),
    mapDiffQuery(
      { start: '2026-12-04T00:00:00Z', end: '2026-12-05T00:00:00Z' },
      { start: '2026-12-05T00:00:00Z', end: '2026-12-06T00:00:00Z' },
    ),
  ];
  for (const q of queries) {
    assert.doesNotThrow(() => run(q), q);
  }
  assert.equal(run(dependenciesQuery('m-web', 'outbound')).tables[0]!.rows.length, 1);
});

test("a VMProcess export without CommandLine, UserName, UserDomain or ExecutablePath still lists a machine's processes", () => {
  const data = loadData({ kind: 'folder', dir: partialExports() });
  const result = runLocalQuery(data.database, processesQuery('m-web'), {
    nowMs: NOW_MS,
    timeRange: { duration: 'PT24H' },
    folder: data.folder,
  });
  const table = result.tables[0]!;
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['Process', 'ExecutableName', 'DisplayName', 'CommandLine', 'UserName', 'UserDomain', 'ExecutablePath'],
  );
  assert.equal(table.rows.length, 1);
  assert.equal(table.rows[0]![0], 'p-nginx');
});
