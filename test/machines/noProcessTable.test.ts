/**
 * A data folder of exports with VMConnection but no process table (neither VMProcess nor
 * ServiceMapProcess_CL): the Machines view's Processes branch says which tables are missing and what
 * file would provide them, the other branches still list, and the map's "what changed" compares the
 * connections (and ports) it can, naming what it left out. Before, both failed with "None of the
 * union's sources exist (isfuzzy=true): VMProcess, ServiceMapProcess_CL."
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { dependencyMapQuery } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows } from '../../src/ui/machines/fleetRows';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { missingTablesText } from '../../src/ui/machines/missingTables';
import { diffPlan } from '../../src/ui/map/mapDiffParts';
import { coveringRange, mapDiffQuery } from '../../src/ui/map/mapDiffQuery';
import { diffRows, withChanges } from '../../src/ui/map/mapDiffRows';
import { engineWorkerScript } from '../builtBundle';

const BEFORE = { start: '2026-12-05T00:00:00Z', end: '2026-12-05T06:00:00Z' };
const AFTER = { start: '2026-12-05T06:00:00Z', end: '2026-12-05T12:00:00Z' };

function exportsWithout(tables: { ports: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-no-process-table-'));
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Direction,RemoteIp,DestinationPort,LinksEstablished,BytesSent,BytesReceived',
      '2026-12-05T03:00:00Z,web-01,m-web,nginx,outbound,10.0.0.5,5432,2,1200,3400',
      '2026-12-05T09:00:00Z,web-01,m-web,nginx,outbound,10.0.0.5,5432,2,1200,3400',
      '2026-12-05T09:30:00Z,web-01,m-web,curl,outbound,10.0.0.9,443,1,100,200',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    ['TimeGenerated,Computer,Machine', '2026-12-05T09:00:00Z,web-01,m-web'].join('\n'),
  );
  if (tables.ports) {
    fs.writeFileSync(
      path.join(dir, 'VMBoundPort.csv'),
      [
        // A minimal export: no ProcessName, Process, IsWildcardBind, LinksLive or bytes.
        'TimeGenerated,Machine,Ip,Port,Protocol',
        '2026-12-05T09:00:00Z,m-web,0.0.0.0,443,tcp',
      ].join('\n'),
    );
  }
  return dir;
}

describe('a data folder with no process table', () => {
  let backend: LocalBackend;
  let noPorts: LocalBackend;
  before(() => {
    const worker = engineWorkerScript();
    backend = new LocalBackend({
      source: { kind: 'folder', dir: exportsWithout({ ports: true }) },
      workerScript: worker,
    });
    noPorts = new LocalBackend({
      source: { kind: 'folder', dir: exportsWithout({ ports: false }) },
      workerScript: worker,
    });
  });
  after(() => {
    backend.dispose();
    noPorts.dispose();
  });

  test('the Processes branch names the missing tables and the file that would provide them; ports still list', async () => {
    const model = new MachinesModel({
      backend: () => backend,
      runOptions: () => ({ timeRange: { start: '2026-12-05T00:00:00Z', end: '2026-12-05T12:00:00Z' } }),
    });
    const [machine] = await model.children();
    assert.equal(viewOf(machine!).label, 'web-01');
    const groups = await model.children(machine);
    const open = async (label: string): Promise<FleetNode[]> =>
      model.children(groups.find((g) => viewOf(g).label === label)!);
    const processes = await open('Processes');
    assert.equal(processes.length, 1);
    const [note] = processes;
    assert.ok(note?.kind === 'message' && !note.error, JSON.stringify(note));
    assert.match(
      viewOf(note).label,
      /^No process table: neither VMProcess nor ServiceMapProcess_CL is in the data folder \(.+\)\. Add VMProcess\.csv, \.json or \.parquet, or a data export rule's am-VMProcess folder\.$/,
    );
    assert.deepEqual(
      (await open('Bound ports')).map((n) => viewOf(n).label),
      ['0.0.0.0:443/tcp'],
    );
  });

  test('the map draws a VMConnection export without the Process id: a process is keyed by its name', async () => {
    const rows = mapConnectionRows(
      await backend.run(dependencyMapQuery([]), { timeRange: { start: AFTER.start, end: AFTER.end } }),
    );
    assert.deepEqual(rows.map((r) => [r.processName, r.process, r.remoteIp]).sort(), [
      ['curl', '', '10.0.0.9'],
      ['nginx', '', '10.0.0.5'],
    ]);
  });

  test('the compare leaves processes out, says so, and still finds the new connection', async () => {
    const plan = await diffPlan(backend);
    assert.deepEqual(plan.parts, { ports: true, processes: false });
    assert.equal(plan.notes.length, 1);
    assert.match(plan.notes[0]!, /^No processes compared: neither VMProcess nor ServiceMapProcess_CL/);
    const rows = diffRows(
      await backend.run(mapDiffQuery(BEFORE, AFTER, plan.parts), { timeRange: coveringRange(BEFORE, AFTER) }),
    );
    assert.deepEqual(
      rows.map((r) => [r.change, r.kind, r.processName, r.port]),
      [
        ['new', 'connection', 'curl', 443],
        ['new', 'listening port', '', 443],
      ],
    );
    // The export has no Protocol: the map reads it as tcp, and the new connection is still coloured new.
    const connections = mapConnectionRows(await backend.run(dependencyMapQuery([]), { timeRange: AFTER }));
    assert.deepEqual(
      withChanges(connections, rows)
        .map((c) => [c.processName, c.change])
        .sort(),
      [
        ['curl', 'new'],
        ['nginx', undefined],
      ],
    );
    // The whole query, as before the fix, still fails on this folder: the parts are what make it answer.
    await assert.rejects(
      backend.run(mapDiffQuery(BEFORE, AFTER), { timeRange: coveringRange(BEFORE, AFTER) }),
      /None of the union's sources exist/,
    );
  });

  test('without VMBoundPort too, the compare is connections only and names both', async () => {
    const plan = await diffPlan(noPorts);
    assert.deepEqual(plan.parts, { ports: false, processes: false });
    assert.match(plan.notes[0]!, /^No listening ports compared: VMBoundPort is not in the data folder/);
    const query = mapDiffQuery(BEFORE, AFTER, plan.parts);
    assert.doesNotMatch(query, /VMBoundPort|VMProcess/);
    const rows = diffRows(await noPorts.run(query, { timeRange: coveringRange(BEFORE, AFTER) }));
    assert.deepEqual(
      rows.map((r) => [r.change, r.kind, r.processName]),
      [['new', 'connection', 'curl']],
    );
  });
});

test('on Log Analytics the note says which VM insights feature writes the table', () => {
  assert.equal(
    missingTablesText('process table', ['VMProcess', 'ServiceMapProcess_CL'], {
      id: 'logAnalytics',
      label: 'Log Analytics: 1a2b',
    }),
    'No process table: neither VMProcess nor ServiceMapProcess_CL is in the workspace (Log Analytics: 1a2b). It needs VMProcess, which VM insights writes when its Map (the Dependency agent) is enabled.',
  );
});
