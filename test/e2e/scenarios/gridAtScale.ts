/**
 * Scenario 64: the results grid at scale, as a user works a big result. 450,000 numbered rows (past the
 * height where the grid compresses its scroll range): jumps to the middle and the end as a scrollbar
 * drag makes them, the wheel, Ctrl+End / Ctrl+Home / Page Down; every row painted in view is the row its
 * number says, with its values; a sort; a copied long above 2^53 is exact. Then longs, a dynamic value,
 * null and the empty string as they are shown, and a query past the row limit says which limit cut it
 * and the setting that raises it.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { DomDocument, DomElement } from '../browserTypes';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

/** What the scenario reads of the grid's elements beyond DomElement: hit-testing and scroll positions. */
type GridElement = DomElement & {
  closest(selector: string): GridElement | null;
  querySelectorAll(selector: string): Iterable<GridElement>;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  scrollTop: number;
};
declare const document: Omit<DomDocument, 'querySelector'> & {
  readonly documentElement: { readonly clientHeight: number };
  elementFromPoint(x: number, y: number): GridElement | null;
  querySelector(selector: string): GridElement | null;
};
declare const navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };

const FILE = 'grid-scale.kql';
const ROWS = 450_000;
const BIG = 851673153924341805n;

interface PaintedRow {
  readonly index: number;
  readonly cells: string[];
}

/**
 * The rows a user sees, top to bottom: each painted row whose middle lies between the header and the
 * bottom of what the grid shows (above a horizontal scrollbar, inside the frame), hit-tested there, so a
 * row drawn off screen or under the header does not count. (Probing at fixed 22 px steps from the header
 * missed a last row that ended exactly at the frame's bottom edge whenever the grid's height was not the
 * header plus whole rows.)
 */
async function rowsOnScreen(frame: Frame): Promise<PaintedRow[]> {
  return frame.evaluate(() => {
    const viewport = document.querySelector('.grid-viewport')!;
    const header = document.querySelector('.grid-header')!;
    const box = viewport.getBoundingClientRect();
    const top = header.getBoundingClientRect().bottom;
    const bottom = Math.min(box.top + viewport.clientHeight, document.documentElement.clientHeight);
    const rows: { index: number; y: number; cells: string[] }[] = [];
    for (const row of viewport.querySelectorAll('.grid-body [role=row]')) {
      const r = row.getBoundingClientRect();
      const y = (r.top + r.bottom) / 2;
      if (row.hidden || row.dataset.row === undefined || y < top || y >= bottom) continue;
      if (document.elementFromPoint(box.left + 12, y)?.closest('[role=row]') !== row) continue;
      rows.push({
        index: Number(row.dataset.row),
        y,
        cells: [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? ''),
      });
    }
    return rows.sort((a, b) => a.y - b.y).map(({ index, cells }) => ({ index, cells }));
  });
}

/** Each row on screen is the next one, and shows the values row `i` of the query has. */
function assertNumberedRows(rows: PaintedRow[], where: string, descending = false): void {
  assert.ok(rows.length >= 10, `${where}: only ${rows.length} rows on screen`);
  rows.forEach((r, k) => {
    if (k > 0) {
      assert.equal(r.index, rows[k - 1]!.index + 1, `${where}: rows on screen are not consecutive`);
    }
    const i = descending ? ROWS - r.index : r.index + 1;
    const expected = [String(i), String(BIG + BigInt(i)), i % 5 === 0 ? '' : String(i), i % 2 === 0 ? '' : 'odd'];
    assert.deepEqual(r.cells, expected, `${where}: display row ${r.index + 1} shows the wrong values`);
  });
}

async function scrollTo(frame: Frame, fraction: number): Promise<void> {
  // A scrollbar drag: many scroll positions within one frame, the last one kept.
  await frame.evaluate((f) => {
    const v = document.querySelector('.grid-viewport')!;
    for (let step = 1; step <= 20; step++) {
      v.scrollTop = ((v.scrollHeight - v.clientHeight) * f * step) / 20;
    }
  }, fraction);
}

async function settled(frame: Frame, where: string, accept: (rows: PaintedRow[]) => boolean): Promise<PaintedRow[]> {
  return waitFor(where, async () => {
    const rows = await rowsOnScreen(frame);
    return rows.length > 0 && accept(rows) ? rows : undefined;
  });
}

export async function gridAtScaleScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// 450,000 numbered rows');
  const first = await waitForGrid(wb, 'the 450,000-row grid', withColumns('i', 'big', 'n', 'e'), 120_000);
  assert.match(first.status, /^450,000 rows · /);
  assert.doesNotMatch(first.status, /truncated/);
  const frame = await resultsFrame(wb);
  assertNumberedRows(await rowsOnScreen(frame), 'the top');

  // The middle, then the end, as fast as a scrollbar drag goes.
  await scrollTo(frame, 0.5);
  const middle = await settled(frame, 'the middle rows painted', (r) => r[0]!.index > 200_000);
  assert.ok(
    Math.abs(middle[0]!.index - ROWS / 2) < 2_000,
    `the middle of the scroll range shows row ${middle[0]!.index + 1}`,
  );
  assertNumberedRows(middle, 'the middle');
  await wb.screenshot(64, 'grid-middle');
  await scrollTo(frame, 1);
  const end = await settled(frame, 'the last rows painted', (r) => r.at(-1)!.index === ROWS - 1);
  assertNumberedRows(end, 'the end');
  // The wheel back up a little: still the right rows (the compressed scroll range maps every position).
  const viewport = frame.locator('.grid-viewport');
  await viewport.hover();
  await wb.page.mouse.wheel(0, -2_000);
  const wheeled = await settled(frame, 'rows after a wheel turn', (r) => r.at(-1)!.index < ROWS - 1);
  assertNumberedRows(wheeled, 'after the wheel');

  // Keys: Ctrl+Home selects the first cell, Page Down moves a page, Ctrl+End the last row.
  await frame.locator('.grid-body [role=gridcell]').first().click();
  await viewport.press('Control+Home');
  await settled(frame, 'the first row after Ctrl+Home', (r) => r[0]!.index === 0);
  await viewport.press('PageDown');
  await viewport.press('PageDown');
  const paged = await settled(frame, 'rows after two Page Downs', (r) => r[0]!.index > 10);
  assertNumberedRows(paged, 'after Page Down');
  const selected = await frame.locator('.grid-body .cell.selected').first().textContent();
  assert.ok(
    paged.some((r) => r.cells[0] === selected),
    `the selected cell (${selected}) is not on screen after Page Down`,
  );
  await viewport.press('Control+End');
  const last = await settled(frame, 'the last row after Ctrl+End', (r) => r.at(-1)!.index === ROWS - 1);
  assertNumberedRows(last, 'after Ctrl+End');
  // The selection moved to the last row's last column: copy the long of its row, one cell left.
  await viewport.press('ArrowLeft');
  await viewport.press('ArrowLeft');
  await wb.page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await viewport.press('Control+c');
  const copied = await waitFor('the copied long on the clipboard', async () => {
    const t = await wb.page.evaluate(() => navigator.clipboard.readText());
    return t === 'nothing copied yet' ? undefined : t;
  });
  assert.equal(copied, String(BIG + BigInt(ROWS)), 'the copied long is not exact');
  await wb.screenshot(64, 'grid-end-selected');

  // Sort by i, descending: the first row on screen is the last row of the query, and so on.
  const header = frame.locator('[role=columnheader]', { hasText: /^i/ }).first();
  await header.locator('.sort-button').click();
  await header.locator('.sort-button').click();
  await waitFor('the grid sorted by i, descending', async () =>
    (await header.getAttribute('aria-sort')) === 'descending' ? true : undefined,
  );
  await viewport.press('Control+Home');
  const sorted = await settled(frame, 'the sorted top rows', (r) => r[0]!.cells[0] === String(ROWS));
  assertNumberedRows(sorted, 'sorted descending', true);
  await scrollTo(frame, 0.5);
  assertNumberedRows(
    await settled(frame, 'the sorted middle', (r) => r[0]!.index > 200_000),
    'sorted, the middle',
    true,
  );

  // Longs above 2^53, a dynamic value holding one, null and the empty string.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Longs above 2^53, a dynamic value, null and empty');
  const exact = await waitForGrid(wb, 'the longs', withColumns('x', 'y', 'z', 'd', 'n', 's'), 60_000);
  assert.deepEqual(exact.rows[0], [
    '851673153924341805',
    '-9007199254740993',
    '9223372036854775807',
    '{"id":851673153924341805,"tags":["a","b"]}',
    '',
    '',
  ]);
  // Null and the empty string both show empty; hovering tells them apart.
  const titles = await frame
    .locator('.grid-body [role=row][data-row="0"] [role=gridcell]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
  assert.deepEqual(titles.slice(4), ['null', '']);
  await wb.screenshot(64, 'grid-exact-longs');

  // Past the row limit: the grid holds the first 500,000 rows and says which limit cut it, and its setting.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// More rows than the row limit');
  const cut = await waitForGrid(
    wb,
    'the grid cut at the row limit',
    (v) => withColumns('i')(v) && /truncated/.test(v.status),
    120_000,
  );
  assert.match(cut.status, /^500,000 rows · .*truncated at the row limit/);
  const warning = await frame.locator('.warnings .warning').first().textContent();
  assert.match(
    warning ?? '',
    /only the first 500000 are shown \(the row limit\)\. The limit is the setting kql\.local\.rowLimit/,
  );
  await scrollTo(frame, 1);
  const tail = await settled(frame, 'the last kept row', (r) => r.at(-1)!.index === 499_999);
  assert.equal(tail.at(-1)!.cells[0], '500000');
  await wb.screenshot(64, 'grid-row-limit');
  assert.deepEqual(await crashNotices(wb), []);
  assert.ok((await readGrid(frame))?.rows.length);
}
