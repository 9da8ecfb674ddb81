/**
 * Scenario 112: the results panel on a user's own export whose values are hostile (not the sample).
 * A second VS Code opens a folder whose `kql.local.dataFolder` holds Hostile_CL.json (JSON Lines): a
 * column named `<script>alert(1)</script>` and one named `</style>`, a long past 2^53, datetimes with
 * 100-ns ticks, a dynamic nested 200 deep, a 100,000-character string, NUL/ESC, a bidi override and a
 * zero-width space in names, nulls beside empty strings.
 * - The grid shows every name and value as text (no element made from data), the long and the
 *   datetimes exactly as Kusto prints them, controls and hidden characters as [U+XXXX], a null as a dim
 *   "null" and an empty string as nothing.
 * - The 100,000-character value and the nested one expand at once, whole.
 * - Ctrl+Space selects a column and Ctrl+C copies it (its name, then every row) to the clipboard.
 * - `render piechart` over two string columns says why there is no chart above the grid, which shows.
 * - `render timechart` over a column with nulls and a gap draws, its lone value a point.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomDocument } from '../browserTypes';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { backToEditor } from '../queryFile';
import { crashNotices, readChart, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { clipboardBecomes } from './copyCells';
import { runAt } from './dataFolder';

declare const document: DomDocument;
declare const navigator: { clipboard: { writeText(text: string): Promise<void> } };

const SCRIPT = '<script>alert(1)</script>';
const STYLE = '</style>';
const COMPUTERS = ['web-01', 'שלום-02 عربي', 'vm-03', 'db\u0000\u001b[31m-04', 'report\u202Efdp.exe', 'a\u200Bb', 'x'];
const SHOWN = [
  'web-01',
  'שלום-02 عربي',
  'vm-03',
  'db[U+0000][U+001B][31m-04',
  'report[U+202E]fdp.exe',
  'a[U+200B]b',
  'x',
];
const N = [1, 2, null, 4, null, 6, 7];

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { k: v, i };
  return v;
}

function writeExport(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines = COMPUTERS.map((computer, h) =>
    JSON.stringify({
      When: `2026-12-05T0${h}:00:00.1234567Z`,
      Computer: computer,
      [SCRIPT]: SCRIPT,
      [STYLE]: `${STYLE}<b>bold</b>`,
      Payload: h === 0 ? nested(200) : h === 1 ? {} : null,
      Big: h === 0 ? '__BIG__' : h,
      N: N[h],
      Label: h === 1 ? '' : h === 2 ? 'y'.repeat(100_000) : 'ok',
    }).replace('"__BIG__"', '9007199254740993'),
  );
  fs.writeFileSync(path.join(dir, 'Hostile_CL.json'), `${lines.join('\n')}\n`);
}

const QUERIES = [
  'Hostile_CL | order by When asc',
  '',
  'Hostile_CL | order by When asc | project Computer, Label | render piechart',
  '',
  'Hostile_CL | order by When asc | project When, N | render timechart',
  '',
].join('\n');
const LINE = { grid: 1, pie: 3, timechart: 5 };

/** Each painted cell as drawn: its text, then the generated "null" when it shows one. */
function drawnCells(frame: Frame): Promise<string[][]> {
  return frame.evaluate(() =>
    [...document.body.querySelectorAll('.grid-body [role=row]')]
      .filter((r) => r.offsetParent !== null)
      .sort((a, b) => Number(a.dataset.row) - Number(b.dataset.row))
      .map((r) =>
        [...r.querySelectorAll('[role=gridcell]')].map((c) => {
          const before = (
            globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }
          ).getComputedStyle(c, '::before').content;
          return (c.textContent ?? '').slice(0, 40) + (before === '"null"' ? '«null»' : '');
        }),
      ),
  );
}

function cell(frame: Frame, row: number, col: number) {
  return frame.locator(`.grid-body [role=row][data-row="${row}"] [role=gridcell]`).nth(col);
}

/** Opens the value of a cell (double-click) and returns its shown length and how long it took. */
async function expand(frame: Frame, row: number, col: number): Promise<{ chars: number; ms: number; title: string }> {
  const started = Date.now();
  await cell(frame, row, col).dblclick();
  const chars = await waitFor('the expanded value', async () => {
    const text = await frame
      .locator('.detail:not([hidden]) .detail-text')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    return text ? text.length : undefined;
  });
  const title = (await frame.locator('.detail-title').textContent()) ?? '';
  return { chars, ms: Date.now() - started, title };
}

export async function hostileGridScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-hostile-grid-');
  writeExport(exports);
  fs.writeFileSync(path.join(workspace, 'grid.kql'), QUERIES);
  await inOwnWorkspace(main, 112, workspace, async (wb) => {
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(wb.page.url()).origin,
    });
    await wb.page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    await wb.openFile('grid.kql');
    await runAt(wb, LINE.grid);
    const columns = ['When', 'Computer', SCRIPT, STYLE, 'Payload', 'Big', 'N', 'Label'];
    await waitForGrid(wb, 'the hostile export in the grid', withColumns(...columns), 120_000);
    const frame = await resultsFrame(wb);
    const drawn = await drawnCells(frame);
    assert.equal(drawn.length, 7);
    assert.deepEqual(
      drawn.map((r) => r[0]),
      COMPUTERS.map((_, h) => `2026-12-05T0${h}:00:00.1234567Z`),
      'datetimes are not exact to the 100-ns tick',
    );
    assert.deepEqual(
      drawn.map((r) => r[1]),
      SHOWN,
    );
    assert.deepEqual(
      drawn.map((r) => [r[2], r[3]]),
      COMPUTERS.map(() => [SCRIPT, `${STYLE}<b>bold</b>`]),
    );
    assert.deepEqual(
      drawn.map((r) => r[5]),
      ['9007199254740993', '1', '2', '3', '4', '5', '6'],
    );
    // A null long and a null dynamic show "null"; the empty string shows nothing.
    assert.deepEqual(
      drawn.map((r) => r[6]),
      N.map((n) => (n === null ? '«null»' : String(n))),
    );
    assert.deepEqual(
      drawn.map((r) => r[4]!.startsWith('{"k":') || r[4]),
      [true, '{}', '«null»', '«null»', '«null»', '«null»', '«null»'],
    );
    assert.equal(drawn[1]![7], '', 'the empty Label is not shown as empty');
    // Markup in names and values stayed text: the grid holds no element made from them.
    assert.equal(await frame.evaluate(() => [...document.body.querySelectorAll('.grid b, .grid script')].length), 0);
    await wb.screenshot(112, 'hostile-grid');

    // The 100,000-character Label and the value nested 200 deep open at once, whole.
    const long = await expand(frame, 2, 7);
    assert.equal(long.chars, 100_000);
    assert.ok(long.ms < 10_000, `the long value took ${long.ms} ms to show`);
    await wb.page.keyboard.press('Escape');
    const deep = await expand(frame, 0, 4);
    assert.match(deep.title, /Payload \(dynamic\), row 1/);
    assert.ok(deep.chars > 5_000, `the nested value shows ${deep.chars} characters`);
    await wb.screenshot(112, 'nested-value');
    await wb.page.keyboard.press('Escape');

    // Ctrl+Space selects the Big column and Ctrl+C copies it: its name, then every digit of every row.
    await cell(frame, 3, 5).click();
    await frame.locator('.grid-viewport').press('Control+Space');
    await frame.locator('.grid-viewport').press('Control+c');
    await clipboardBecomes(
      wb,
      'the Big column on the clipboard',
      ['Big', '9007199254740993', '1', '2', '3', '4', '5', '6'].join('\n'),
    );

    // A piechart over two string columns: why there is none, above the grid, which still shows. The
    // focus is in the results panel: back to the query's editor first.
    await backToEditor(wb);
    await runAt(wb, LINE.pie);
    await waitForGrid(wb, 'the piechart query in the grid', withColumns('Computer', 'Label'), 90_000);
    const notice = await waitFor('the no-chart notice', async () => {
      const f = await resultsFrame(wb);
      const shown = await f
        .locator('.chart-missing:not([hidden])')
        .textContent({ timeout: 1000 })
        .catch(() => null);
      return shown ?? undefined;
    });
    assert.match(notice, /No chart for "render piechart": A pie chart needs a category column and a numeric column\./);
    await wb.screenshot(112, 'no-chart-notice');

    // A timechart over N, which has nulls: it draws, and says nothing is wrong.
    await runAt(wb, LINE.timechart);
    const chart = await waitFor(
      'the timechart over a column with nulls',
      async () => {
        const f = await resultsFrame(wb);
        const c = await readChart(f).catch(() => undefined);
        return c && c.colours > 2 && c.note === 'timechart' ? c : undefined;
      },
      90_000,
    );
    assert.equal(chart.note, 'timechart');
    await wb.screenshot(112, 'timechart-nulls');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
