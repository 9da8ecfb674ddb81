/**
 * Scenario 62: a VM insights user's own exports, not the sample. A second VS Code opens a folder whose
 * `kql.local.dataFolder` holds what real exports look like: VMConnection.csv exported without
 * LinksFailed, VMComputer.csv, VMBoundPort as Parquet, VMProcess as the tree a data export rule writes
 * (am-VMProcess/…/y=…/m=…/d=…/h=…/m=00/PT1H.json, one hour gzipped), an extra Heartbeat.csv, and an
 * AppEvents_CL.csv with a quote left open on one line and a last line cut off.
 * - The Machines view lists the folder's machines; completion offers the extra table's own column.
 * - A Run on each table answers; the broken CSV keeps the records around its bad line, and the
 *   Problems panel lists each bad line of it at its line (a warning: the table did load).
 * - A new hour written deep in the export tree is seen by the folder's watcher: the next Run counts it.
 * - A seed query that reads LinksFailed says VMConnection.csv has no such column, not "unknown name".
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { showMachinesViewAlone } from './machines';

const MACHINES = ['db-01', 'web-01'];
/** Where a data export rule writes VMProcess, below the data folder. */
const TREE = 'am-VMProcess/WorkspaceResourceId=/subscriptions/s/resourcegroups/rg';

/** ISO text of a minute within the last hours, so the default 24-hour time range holds every row. */
function minutesAgo(now: number, minutes: number): string {
  return new Date(now - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeExports(dir: string): void {
  const now = Date.now();
  const at = (m: number) => minutesAgo(now, m);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Direction,SourceIp,DestinationIp,DestinationPort,RemoteIp,LinksEstablished,LinksTerminated,LinksLive,BytesSent,BytesReceived',
      `${at(50)},web-01,m-web01,nginx,outbound,10.0.0.4,10.0.0.5,5432,10.0.0.5,2,1,1,1200,3400`,
      `${at(40)},web-01,m-web01,nginx,outbound,10.0.0.4,10.0.0.5,5432,10.0.0.5,1,1,1,800,2000`,
      `${at(30)},db-01,m-db01,postgres,inbound,10.0.0.4,10.0.0.5,5432,10.0.0.4,3,2,1,3400,1200`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,DisplayName,OperatingSystemFamily,Ipv4Addresses',
      `${at(55)},web-01,m-web01,web-01,Linux,"[""10.0.0.4""]"`,
      `${at(55)},db-01,m-db01,db-01,Linux,"[""10.0.0.5""]"`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.parquet'),
    Buffer.from(
      parquetWriteBuffer({
        columnData: [
          {
            name: 'TimeGenerated',
            type: 'TIMESTAMP',
            data: [new Date(now - 45 * 60_000), new Date(now - 45 * 60_000)],
          },
          { name: 'Computer', type: 'STRING', data: ['web-01', 'db-01'] },
          { name: 'Machine', type: 'STRING', data: ['m-web01', 'm-db01'] },
          { name: 'ProcessName', type: 'STRING', data: ['nginx', 'postgres'] },
          { name: 'Ip', type: 'STRING', data: ['0.0.0.0', '0.0.0.0'] },
          { name: 'Port', type: 'INT32', data: Int32Array.from([443, 5432]) },
          { name: 'Protocol', type: 'STRING', data: ['tcp', 'tcp'] },
        ],
      }),
    ),
  );
  const tree = path.join(dir, TREE);
  const processes = [
    { Computer: 'web-01', Machine: 'm-web01', ExecutableName: 'nginx', DisplayName: 'nginx' },
    { Computer: 'db-01', Machine: 'm-db01', ExecutableName: 'postgres', DisplayName: 'PostgreSQL' },
  ];
  processes.forEach((p, i) => {
    const hour = path.join(tree, `y=2026/m=12/d=05/h=0${i}/m=00`);
    fs.mkdirSync(hour, { recursive: true });
    const line = `${JSON.stringify({ TimeGenerated: at(20 + i), ...p })}\n`;
    if (i === 1) fs.writeFileSync(path.join(hour, 'PT1H.json.gz'), zlib.gzipSync(line));
    else fs.writeFileSync(path.join(hour, 'PT1H.json'), line);
  });
  fs.writeFileSync(
    path.join(dir, 'Heartbeat.csv'),
    [
      'TimeGenerated,Computer,OSType,ComputerIP',
      `${at(5)},web-01,Linux,10.0.0.4`,
      `${at(5)},db-01,Linux,10.0.0.5`,
    ].join('\n'),
  );
  // Line 3 opens a quote it never closes; line 5 is cut off inside a quoted field.
  fs.writeFileSync(
    path.join(dir, 'AppEvents_CL.csv'),
    [
      'TimeGenerated,Computer,Message',
      `${at(10)},web-01,"started, ok"`,
      `${at(9)},web-01,"unterminated`,
      `${at(8)},db-01,plain`,
      `${at(7)},db-01,"cut off`,
    ].join('\n'),
  );
}

const QUERIES = [
  'AppEvents_CL',
  '| project Computer, Message',
  '',
  'VMProcess',
  '| summarize Processes = count() by Computer',
  '| order by Computer asc',
  '',
  'VMBoundPort',
  '| project Computer, Port',
  '| order by Port asc',
  '',
  '// Connection failures trend (a seed query)',
  'VMConnection',
  '| summarize sum(LinksFailed) by bin(TimeGenerated, 1h)',
  '| render timechart',
  '',
  '',
].join('\n');
const LINE = { appEvents: 1, processes: 4, ports: 8, failures: 13, last: 17 };

async function runAt(wb: Workbench, line: number): Promise<void> {
  await wb.activeEditor().click({ position: { x: 200, y: 10 } });
  await wb.goTo(line, 1);
  await wb.runCommand('Connection Analytics: Run Query');
}

export async function ownExportsScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-own-exports-');
  writeExports(exports);
  fs.writeFileSync(path.join(workspace, 'mine.kql'), QUERIES);
  await inOwnWorkspace(main, 62, workspace, async (wb) => {
    // The Machines view: the folder's two machines, not the sample's fleet.
    await showMachinesViewAlone(wb);
    const machines = await waitFor(
      "the folder's machines in the Machines view",
      async () => {
        const rows = (await viewTreeRows(wb!, 'Machines')).filter((r) => r.level === 1);
        return rows.some((r) => r.label === 'web-01') ? rows : undefined;
      },
      90_000,
    );
    assert.deepEqual(
      machines.map((m) => m.label),
      MACHINES,
      `machines: ${JSON.stringify(machines)}`,
    );
    await wb.screenshot(62, 'machines');

    // Completion knows the extra table's own column.
    await wb.openFile('mine.kql');
    await wb.goTo(LINE.last, 1);
    await expectSuggestion(wb, 'Heartbeat | where ', 'ComputerI', 'ComputerIP');
    await wb.page.keyboard.press('Escape');

    // The broken CSV: the records around the bad line load.
    await runAt(wb, LINE.appEvents);
    const events = await waitForGrid(
      wb,
      'AppEvents_CL from the broken CSV',
      withColumns('Computer', 'Message'),
      90_000,
    );
    assert.deepEqual(events.rows, [
      ['web-01', 'started, ok'],
      ['db-01', 'plain'],
    ]);
    const problems = await waitFor('the bad lines of AppEvents_CL.csv in the Problems panel', async () => {
      const rows = await wb!.problems();
      const mine = rows.filter((r) => r.includes('AppEvents_CL'));
      return mine.some((r) => /Ln 3, Col/.test(r)) && mine.some((r) => /Ln 5, Col/.test(r)) ? mine : undefined;
    });
    assert.ok(
      problems.every((r) => !/did not load/.test(r)),
      `the table loaded; a skipped line is no failed file: ${JSON.stringify(problems)}`,
    );
    await wb.screenshot(62, 'broken-csv');

    // The export tree (one hour gzipped) and the Parquet file.
    await wb.openFile('mine.kql');
    await runAt(wb, LINE.processes);
    const processes = await waitForGrid(wb, 'VMProcess from the export tree', withColumns('Computer', 'Processes'));
    assert.deepEqual(processes.rows, [
      ['db-01', '1'],
      ['web-01', '1'],
    ]);
    await runAt(wb, LINE.ports);
    const ports = await waitForGrid(wb, 'VMBoundPort from Parquet', withColumns('Computer', 'Port'));
    assert.deepEqual(ports.rows, [
      ['web-01', '443'],
      ['db-01', '5432'],
    ]);

    // The export rule writes the next hour deep in the tree: the folder's watcher notices it, and the
    // same query counts the new record without a reload.
    const nextHour = path.join(workspace, 'exports', TREE, 'y=2026/m=12/d=05/h=02/m=00');
    fs.mkdirSync(nextHour, { recursive: true });
    fs.writeFileSync(
      path.join(nextHour, 'PT1H.json'),
      `${JSON.stringify({ TimeGenerated: minutesAgo(Date.now(), 1), Computer: 'web-01', Machine: 'm-web01', ExecutableName: 'node', DisplayName: 'node' })}\n`,
    );
    await waitFor(
      'the new hour of the export tree counted',
      async () => {
        await runAt(wb!, LINE.processes);
        const grid = await waitForGrid(wb!, 'VMProcess again', withColumns('Computer', 'Processes')).catch(
          () => undefined,
        );
        return grid &&
          JSON.stringify(grid.rows) ===
            JSON.stringify([
              ['db-01', '1'],
              ['web-01', '2'],
            ])
          ? grid
          : undefined;
      },
      60_000,
    );

    // A seed query on a column the export left out names the column and the file.
    await runAt(wb, LINE.failures);
    const frame = await resultsFrame(wb);
    const error = await waitFor('the missing column named with its file', async () => {
      const e = await readError(frame);
      return e && /LinksFailed/.test(e.text) ? e : undefined;
    });
    assert.match(error.text, /VMConnection has no column 'LinksFailed' in the data folder: VMConnection\.csv/);
    assert.equal(error.at, `${LINE.failures + 1}:17`);
    await wb.screenshot(62, 'missing-column');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
