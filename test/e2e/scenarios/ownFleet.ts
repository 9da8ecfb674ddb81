/**
 * Scenario 83: the Machines view, the dependency map and a report on a user's own fleet, not the
 * sample: a folder of exports with 2,000 machines, names with spaces, unicode, `<script>` and 200
 * characters, three computers that made connections but have no VMComputer row, a VMProcess with extra
 * columns, and a VMConnection exported without BytesSent. Light theme; the map on the machine is also
 * shot dark.
 * - The Machines view lists every machine (the orphans too; `<script>` as text) and prints the time
 *   from the window opening to the first machine; Filter Machines… narrows it to the unicode machine.
 * - The dependency map opens on the fleet (2,003 machines) and on that machine (focus mode: it and its
 *   neighbours).
 * - Connections overview runs: its parts that can run show their grids, and "Top processes", which
 *   reads BytesSent, says the workspace's VMConnection lacks that column instead of failing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices } from '../resultsPanel';
import { viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { mapFrame, openFleetMap } from './dependencyMap';
import { runContextAction, showMachinesViewAlone } from './machines';
import { waitShown } from './mapJourneys';
import { openReport, outputFrame, outputGrid, outputSaying, runAll, wheel } from './notebooks';
import { pickTheme } from './themes';

const FLEET = 2000;
const ORPHANS = 3;
export const UNICODE = 'Überwachung-東京-01';
const SCRIPT = '<script>alert(1)</script>';
const LONG = `${'x'.repeat(200)}-long`;

/**
 * What an export of a big fleet looks like, written as the portal's CSV export writes it. `rename`
 * gives machines other names (by index); `bytesSent` keeps the column this scenario's export lacks.
 */
export function writeExports(dir: string, rename: Record<number, string> = {}, bytesSent = false): void {
  const now = Date.now();
  const at = (m: number) => new Date(now - m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const csv = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const line = (...values: (string | number)[]) => values.map(csv).join(',');
  const names = Array.from({ length: FLEET }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
  names[1] = 'web server 01';
  names[2] = UNICODE;
  names[3] = SCRIPT;
  names[4] = LONG;
  for (const [i, name] of Object.entries(rename)) names[Number(i)] = name;
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,DisplayName,OperatingSystemFamily,Ipv4Addresses',
      ...names.map((n, i) => line(at(55), n, `m-${i}`, n, i % 3 ? 'linux' : 'windows', JSON.stringify([ip(i + 1)]))),
    ].join('\n'),
  );
  // No BytesSent: the export left it out.
  const connections = [
    `TimeGenerated,Computer,Machine,ProcessName,Process,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,LinksTerminated,LinksLive,LinksFailed,BytesReceived${bytesSent ? ',BytesSent' : ''}`,
  ];
  const connection = (c: string, m: string, p: string, d: string, remote: string, port: number, i: number) =>
    connections.push(
      line(
        at(30),
        c,
        m,
        p,
        `p-${m}-${p}`,
        d,
        remote,
        port,
        'tcp',
        2,
        1,
        1,
        i % 17 ? 0 : 1,
        2000 + i,
        ...(bytesSent ? [1000 + i] : []),
      ),
    );
  names.forEach((n, i) => {
    const peer = (i * 7 + 3) % FLEET;
    connection(n, `m-${i}`, 'app', 'outbound', ip(peer + 1), 5432, i);
    connection(names[peer]!, `m-${peer}`, 'postgres', 'inbound', ip(i + 1), 5432, i);
    connection(n, `m-${i}`, 'app', 'outbound', `52.1.${i % 250}.${i % 7}`, 443, i);
  });
  for (let k = 0; k < ORPHANS; k++) connection(`orphan-${k}`, `m-orphan-${k}`, 'curl', 'outbound', ip(1), 80, k);
  fs.writeFileSync(path.join(dir, 'VMConnection.csv'), connections.join('\n'));
  fs.writeFileSync(
    path.join(dir, 'VMProcess.csv'),
    [
      'TimeGenerated,Computer,Machine,Process,ExecutableName,DisplayName,CommandLine,ExtraColumn1,CustomTag',
      ...names.flatMap((n, i) => [
        line(at(50), n, `m-${i}`, `p-m-${i}-app`, 'app', 'App', 'app --serve', 'x', 'tag'),
        line(at(50), n, `m-${i}`, `p-m-${i}-postgres`, 'postgres', 'PostgreSQL', 'postgres', 'y', 'tag'),
      ]),
    ].join('\n'),
  );
}

const machineRows = async (wb: Workbench) => (await viewTreeRows(wb, 'Machines')).filter((r) => r.level === 1);

export async function ownFleetScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-own-fleet-');
  writeExports(exports);
  await inOwnWorkspace(
    main,
    83,
    workspace,
    async (wb) => {
      // Every machine listed, sorted by name; the hostile one as its text.
      await showMachinesViewAlone(wb);
      const first = await waitFor(
        "the fleet's machines in the Machines view",
        async () => {
          const rows = await machineRows(wb);
          return rows.length > 1 ? rows : undefined;
        },
        180_000,
      );
      console.log(
        `# 83: the first of ${first[0]!.setSize} machines painted ${Date.now() - wb.openedAt} ms after the window opened`,
      );
      assert.equal(first[0]!.setSize, FLEET + ORPHANS, 'every machine, the ones only VMConnection knows too');
      assert.equal(first[0]!.label, SCRIPT);
      assert.deepEqual(
        first.slice(1, 4).map((r) => r.label),
        ['orphan-0', 'orphan-1', 'orphan-2'],
      );
      await wb.screenshot(83, 'fleet-tree');

      // Filter to the unicode machine: it alone, with its OS and address.
      await wb.runCommand('Connection Analytics: Filter Machines…');
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await input.fill('東京');
      await wb.page.keyboard.press('Enter');
      const filtered = await waitFor('the Machines view filtered to one machine', async () => {
        const rows = await machineRows(wb);
        return rows.length === 1 && rows[0]!.label === UNICODE ? rows : undefined;
      });
      assert.equal(filtered[0]!.description, 'linux · 10.0.0.3');
      await wb.screenshot(83, 'filtered-tree');

      // The map of the fleet: every machine, drawn.
      const fleet = await openFleetMap(wb);
      assert.match(fleet.state.status, new RegExp(`^${(FLEET + ORPHANS).toLocaleString('en-US')} machines, `));
      console.log(`# 83: fleet map: ${fleet.state.nodes} nodes; ${fleet.state.status}`);
      await wb.screenshot(83, 'fleet-map');
      await wb.runCommand('View: Close All Editors', false);

      // The map of the filtered machine, from its context menu: it and its neighbours, in focus.
      await showMachinesViewAlone(wb);
      const row = viewTree(wb, 'Machines')
        .locator('.monaco-list-row[aria-level="1"]')
        .filter({ has: wb.page.locator('.label-name', { hasText: UNICODE }) })
        .first();
      await row.click();
      await runContextAction(wb, row, 'Show Dependency Map');
      const { frame } = await mapFrame(wb, (m) => m.nodes > 0);
      const focus = await waitShown(frame, `${UNICODE} in focus`, (s) => s.mode === 'focus');
      const top = focus.nodes.filter((n) => !n.parent);
      assert.ok(
        top.some((n) => n.kind === 'machine' && n.label === UNICODE),
        `the focus map draws ${UNICODE}: ${JSON.stringify(top.map((n) => n.label))}`,
      );
      assert.ok(top.length >= 2 && top.length < 10, `focus draws the machine and its neighbours: ${top.length} nodes`);
      await wb.screenshot(83, 'machine-map');
      await pickTheme(wb, 'Default Dark Modern');
      await wb.screenshot(83, 'machine-map-dark');
      await pickTheme(wb, 'Default Light Modern');
      await wb.runCommand('View: Close All Editors', false);

      // A report: the parts that can run show their grids; the one reading BytesSent says it lacks it.
      await openReport(wb, 'Connections overview');
      await runAll(wb);
      const outputs = await outputFrame(wb, 'the outputs of Run All', 180_000);
      await waitFor(
        'the "Connections by direction" grid',
        async () =>
          (await outputGrid(outputs, ['Direction', 'Established', 'Terminated', 'Failed', 'Machines'], 10)) ??
          undefined,
        180_000,
      ).catch(async (e: unknown) => {
        await wb.screenshot(83, 'report-not-seen');
        throw e;
      });
      const shown = await outputSaying(wb, /Cannot run here\. This part cannot run/, 120_000, true);
      // The note is wrapped into lines of the cell's width (one element each): read it as one sentence.
      const note = shown.replace(/\s+/g, ' ');
      console.log(`# 83: Connections overview: ${note}`);
      // The note sits under the part's query: bring it into the screenshot.
      for (let i = 0; i < 4; i++) await wheel(wb, 250, 'gutter');
      assert.match(note, /it reads BytesSent of VMConnection, which the workspace's table does not have/);
      await wb.screenshot(83, 'report-missing-column');
      assert.deepEqual(await crashNotices(wb), []);
    },
    { settings: { 'workbench.colorTheme': 'Default Light Modern' } },
  );
}
