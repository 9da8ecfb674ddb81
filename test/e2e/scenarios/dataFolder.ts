/**
 * Scenario 20 (issue 16): the user's own exported files, not the sample. A second VS Code opens a folder
 * whose settings point `kql.local.dataFolder` at `data/`: a Heartbeat.csv (no VM insights table), a
 * partial VMComputer.csv (4 of its 38 columns) and a MyApp_CL.json cut off mid-record.
 * - The Schema view lists Heartbeat with its columns, and VMComputer with its missing columns marked.
 * - The time range picker's "Custom…" takes a start and an end (a typo is refused in the box); a query
 *   on Heartbeat from a .kql file fills the grid with the file's rows in that window, and the results
 *   header names the window applied.
 * - The broken file is a Problem at its file:line:col, and a query on its table says the file failed.
 * - The user fixes the file on disk: without switching backends the table appears in the Schema view
 *   and the same query answers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type TreeRow, viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const HEARTBEAT = [
  'TimeGenerated,Computer,Category,OSType,Version',
  '2026-12-04T10:00:00Z,web-01,Direct Agent,Linux,1.19',
  '2026-12-04T10:01:00Z,web-01,Direct Agent,Linux,1.19',
  '2026-12-04T10:00:00Z,db-01,Direct Agent,Windows,10.20',
  // Outside the custom time range the scenario picks: not counted.
  '2026-12-06T10:00:00Z,web-01,Direct Agent,Linux,1.19',
].join('\n');

/** VMComputer as a partial export leaves it: no OperatingSystemFamily, no Ipv4Addresses, … */
const VMCOMPUTER = [
  'TimeGenerated,Computer,Machine,DisplayName',
  '2026-12-04T10:00:00Z,web-01,m-web01,web-01',
  '2026-12-04T10:00:00Z,db-01,m-db01,db-01',
].join('\n');

const MYAPP_RECORDS = [
  '  {"TimeGenerated": "2026-12-04T10:00:00Z", "Computer": "web-01", "Route": "/orders", "DurationMs": 120}',
  '  {"TimeGenerated": "2026-12-04T10:00:05Z", "Computer": "web-01", "Route": "/orders", "DurationMs": 340}',
  '  {"TimeGenerated": "2026-12-04T10:00:09Z", "Computer": "db-01", "Route": "/health", "DurationMs": 2}',
];
const MYAPP_FIXED = `[\n${MYAPP_RECORDS.join(',\n')}\n]\n`;
/** Cut off inside the second record's "Route" key, as an interrupted export leaves it: line 3, column 71. */
const MYAPP_BROKEN = MYAPP_FIXED.slice(0, MYAPP_FIXED.indexOf('"Rou', MYAPP_FIXED.indexOf('10:00:05')) + 4);

const QUERIES = [
  'Heartbeat',
  '| summarize Beats = count() by Computer',
  '| order by Computer asc',
  '',
  'MyApp_CL',
  '| summarize Requests = count(), Slowest = max(DurationMs) by Route',
  '| order by Route asc',
  '',
].join('\n');
const MYAPP_QUERY_LINE = 5;

function exportsWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-exports-'));
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(
    path.join(dir, '.vscode/settings.json'),
    JSON.stringify({ 'kql.backend': 'local', 'kql.local.dataFolder': 'data' }, null, 2),
  );
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data/Heartbeat.csv'), HEARTBEAT);
  fs.writeFileSync(path.join(dir, 'data/VMComputer.csv'), VMCOMPUTER);
  fs.writeFileSync(path.join(dir, 'data/MyApp_CL.json'), MYAPP_BROKEN);
  fs.writeFileSync(path.join(dir, 'my-tables.kql'), QUERIES);
  return dir;
}

type SchemaRow = TreeRow;
const schemaTree = (wb: Workbench): Locator => viewTree(wb, 'Schema');
const schemaRows = (wb: Workbench): Promise<SchemaRow[]> => viewTreeRows(wb, 'Schema');

/** Expands the row (if collapsed) and returns the rows of its subtree once they are listed. */
export async function expandSchemaRow(
  wb: Workbench,
  label: string,
  level: number,
  ms = UI_TIMEOUT_MS,
): Promise<SchemaRow[]> {
  return waitFor(
    `"${label}" expanded in the Schema view`,
    async () => {
      const target = schemaTree(wb)
        .locator(`.monaco-list-row[aria-level="${level}"]`)
        .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) })
        .first();
      if ((await target.count()) === 0) return undefined;
      if ((await target.getAttribute('aria-expanded')) !== 'true') {
        await target.locator('.monaco-tl-twistie').click();
      }
      const rows = await schemaRows(wb);
      const at = rows.findIndex((r) => r.label === label && r.level === level);
      const children: SchemaRow[] = [];
      for (let i = at + 1; at >= 0 && i < rows.length && rows[i]!.level > level; i++) children.push(rows[i]!);
      return children.length ? children : undefined;
    },
    ms,
  );
}

/** The Schema view with the side bar to itself: the container's other views collapsed. */
export async function showSchemaView(wb: Workbench): Promise<void> {
  await wb.runCommand('Connection Analytics: Focus on Schema View');
  for (const view of ['Machines', 'Reports']) {
    const header = wb.page.locator(`.pane-header[aria-label^="${view}"][aria-expanded="true"]`);
    if (await header.isVisible()) await header.click();
  }
}

/** "Select Time Range" → "Custom…" → start → end, as a user types them; a typo first, which the box refuses. */
async function pickCustomTimeRange(wb: Workbench, start: string, end: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Select Time Range');
  const page = wb.page;
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: /^Custom…$/ }) })
    .first()
    .click({ timeout: UI_TIMEOUT_MS });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const title = page.locator('.quick-input-widget .quick-input-title');
  await waitFor('the start box', async () => (/start/.test(await title.innerText()) ? true : undefined));
  await input.fill('yesterday');
  const refusal = await waitFor('the start box refusing a typo', async () => {
    const text = await page.locator('.quick-input-widget .quick-input-message').innerText();
    return /Not an ISO-8601 datetime/.test(text) ? text : undefined;
  });
  assert.ok(refusal);
  await input.fill(start);
  await page.keyboard.press('Enter');
  await waitFor('the end box', async () => (/end/.test(await title.innerText()) ? true : undefined));
  await input.fill(end);
  await page.keyboard.press('Enter');
  await waitFor('the status bar naming the custom range', async () => {
    const texts = await page.locator('.statusbar-item').allInnerTexts();
    return texts.find((t) => t.includes('→'));
  });
}

/** Runs the query at the line of the active editor. */
export async function runAt(wb: Workbench, line: number): Promise<void> {
  await wb.activeEditor().click({ position: { x: 200, y: 10 } });
  await wb.goTo(line, 1);
  await wb.runCommand('Connection Analytics: Run Query');
}

export async function dataFolderScenario(main: Workbench): Promise<void> {
  const workspace = exportsWorkspace();
  await inOwnWorkspace(main, 20, workspace, async (wb) => {
    await showSchemaView(wb);

    // The Schema view comes from the files: the source line names the folder; Heartbeat is listed with its columns.
    const source = await waitFor(
      'the Schema view reading the data folder',
      async () => {
        const rows = await schemaRows(wb!);
        return rows.find(
          (r) => r.level === 1 && r.label === 'Files: data' && /^2 tables, 1 file failed/.test(r.description),
        );
      },
      90_000,
    );
    assert.equal(source.label, 'Files: data');
    const other = await expandSchemaRow(wb, 'Loaded from files', 1);
    assert.deepEqual(
      other.filter((r) => r.level === 2).map((r) => r.label),
      ['Heartbeat'],
      `Loaded from files: ${JSON.stringify(other)}`,
    );
    const heartbeat = await expandSchemaRow(wb, 'Heartbeat', 2);
    assert.deepEqual(
      heartbeat.map((r) => [r.label, r.description]),
      [
        ['TimeGenerated', 'datetime'],
        ['Computer', 'string'],
        ['Category', 'string'],
        ['OSType', 'string'],
        ['Version', 'real'],
      ],
    );
    // The partial VMComputer: its four columns, then the catalogue's other 34 marked missing.
    await expandSchemaRow(wb, 'VM insights', 1);
    const vmComputerRow = (await schemaRows(wb)).find((r) => r.label === 'VMComputer');
    assert.equal(vmComputerRow?.description, '4 columns · 34 missing');
    const vmComputer = await expandSchemaRow(wb, 'VMComputer', 2);
    assert.deepEqual(
      vmComputer.map((r) => r.label),
      ['TimeGenerated', 'Computer', 'Machine', 'DisplayName', 'Not in the loaded data (34)'],
    );
    const missing = await expandSchemaRow(wb, 'Not in the loaded data (34)', 3);
    assert.deepEqual(
      missing.slice(0, 3).map((r) => [r.label, r.description]),
      [
        ['TenantId', 'string · missing'],
        ['AgentId', 'string · missing'],
        ['FullDisplayName', 'string · missing'],
      ],
    );
    await wb.screenshot(20, 'schema-view');

    // A custom time range from the picker, then a query on the extra table answers from the file's rows in it.
    // The status bar's "backend · time range" item shows with a KQL editor.
    await wb.openFile('my-tables.kql');
    await pickCustomTimeRange(wb, '2026-12-04 00:00', '2026-12-05T00:00Z');
    await runAt(wb, 1);
    const beats = await waitForGrid(
      wb,
      'the Heartbeat query from the data folder',
      withColumns('Computer', 'Beats'),
      90_000,
    );
    assert.deepEqual(beats.rows, [
      ['db-01', '1'],
      ['web-01', '2'],
    ]);
    assert.match(beats.status, /· 2026-12-04 00:00 → 2026-12-05 00:00 UTC$/, `results header: ${beats.status}`);

    // The broken file: a Problem at its line and column, and a query on its table says which file failed.
    const problems = await waitFor('the broken file in the Problems panel', async () => {
      const rows = await wb!.problems();
      return rows.some((r) => /MyApp_CL did not load: invalid JSON/.test(r)) ? rows : undefined;
    });
    assert.ok(
      problems.some((r) => /MyApp_CL\.json/.test(r)),
      `problems: ${JSON.stringify(problems)}`,
    );
    assert.ok(
      problems.some((r) => /MyApp_CL did not load.*\[Ln 3, Col 71\]/.test(r)),
      `problems: ${JSON.stringify(problems)}`,
    );
    await runAt(wb, MYAPP_QUERY_LINE);
    const frame = await resultsFrame(wb);
    const error = await waitFor(
      'the query error naming the file that failed',
      async () => {
        const e = await readError(frame);
        return e && /MyApp_CL\.json failed to load at 3:71/.test(e.text) ? e : undefined;
      },
      60_000,
    );
    assert.match(error.text, /invalid JSON/);
    await wb.screenshot(20, 'broken-file');

    // The user fixes the file on disk; the folder follows: the table loads without switching backends.
    fs.writeFileSync(path.join(workspace, 'data/MyApp_CL.json'), MYAPP_FIXED);
    await showSchemaView(wb);
    const fixed = await waitFor(
      'MyApp_CL in the Schema view after the fix',
      async () => {
        const rows = await schemaRows(wb!);
        if (!rows.some((r) => r.label === 'MyApp_CL')) {
          await expandSchemaRow(wb!, 'Loaded from files', 1, 2_000).catch(() => undefined);
          return undefined;
        }
        return rows;
      },
      60_000,
    );
    assert.ok(
      fixed.some((r) => r.level === 1 && /^3 tables ·/.test(r.description)),
      `source after the fix: ${JSON.stringify(fixed[0])}`,
    );
    await wb.openFile('my-tables.kql');
    await runAt(wb, MYAPP_QUERY_LINE);
    const requests = await waitForGrid(
      wb,
      'the MyApp_CL query after the fix',
      withColumns('Route', 'Requests', 'Slowest'),
      60_000,
    );
    assert.deepEqual(requests.rows, [
      ['/health', '1', '2'],
      ['/orders', '2', '340'],
    ]);
    const after = await wb.problems();
    assert.ok(!after.some((r) => /did not load/.test(r)), `problems after the fix: ${JSON.stringify(after)}`);
    await showSchemaView(wb);
    await wb.screenshot(20, 'fixed-file');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
