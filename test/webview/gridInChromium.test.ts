/**
 * The results grid rendered by Chromium from the built bundle: what a user sees after filtering,
 * sorting and scrolling, read from the screen's geometry (not from the grid's own bookkeeping).
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cellText } from '../../src/render/cellText';
import { exportedTable } from '../../src/render/exportData';
import type { RowView } from '../../src/render/rowOrder';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { openResultsPage, paintedRows, type ResultsPage, resultMessage, SKIP_WITHOUT_CHROMIUM } from './resultsPage';

function machines(n: number): ResultTable {
  const rows: WireValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([`${i % 5 === 0 ? 'onprem' : 'acme'}-vm${String(i).padStart(4, '0')}`, i, { port: 443 + (i % 3) }]);
  }
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'Computer', type: 'string' },
      { name: 'N', type: 'long' },
      { name: 'Info', type: 'dynamic' },
    ],
    rows,
  };
}

async function typeFilter(p: ResultsPage, text: string): Promise<void> {
  await p.page.locator('vscode-textfield.filter input').fill(text);
  const wanted = text === '' ? /^[\d,]+ rows/ : / of /;
  for (let i = 0; i < 100 && !wanted.test(await statusText(p)); i++) {
    await p.page.waitForTimeout(20);
  }
  await p.page.waitForTimeout(50);
}

/** The grid repaints on the next animation frame. */
async function nextFrames(p: ResultsPage): Promise<void> {
  await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
}

async function statusText(p: ResultsPage): Promise<string> {
  return (await p.page.textContent('.status')) ?? '';
}

describe('results grid in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let p: ResultsPage;
  before(async () => {
    p = await openResultsPage({ width: 900, height: 500 });
  });
  after(async () => p.close());

  test('a filter paints only the matching rows, in order (29 rows → 6)', async () => {
    await p.post(resultMessage(machines(29)));
    await typeFilter(p, 'onprem');
    assert.match(await statusText(p), /^6 of 29 rows/);
    const rows = await paintedRows(p.page);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['onprem-vm0000', 'onprem-vm0005', 'onprem-vm0010', 'onprem-vm0015', 'onprem-vm0020', 'onprem-vm0025'],
    );
    await typeFilter(p, '');
    assert.deepEqual(
      (await paintedRows(p.page)).slice(0, 3).map((r) => r[0]),
      ['onprem-vm0000', 'acme-vm0001', 'acme-vm0002'],
    );
  });

  test('scrolled to the end of 722 rows: the last rows, each once, under a visible header', async () => {
    await p.post(resultMessage(machines(722)));
    // As a user does: wheel down until the grid stops scrolling.
    await p.page.locator('.grid-viewport').hover();
    for (let i = 0; i < 200; i++) {
      await p.page.mouse.wheel(0, 2000);
      await p.page.waitForTimeout(30);
      const atEnd = await p.page
        .locator('.grid-viewport')
        .evaluate((v) => v.scrollTop >= v.scrollHeight - v.clientHeight - 1);
      if (atEnd && i > 10) {
        break;
      }
    }
    await p.page.waitForTimeout(100);
    const rows = await paintedRows(p.page);
    const names = rows.map((r) => r[0]);
    assert.equal(new Set(names).size, names.length, `rows repeat: ${names.join(', ')}`);
    assert.equal(names.at(-1), 'acme-vm0721');
    const numbers = rows.map((r) => Number(r[1]));
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => 722 - numbers.length + i),
      'the painted rows are not the last ones in order',
    );
    const header = await p.page.locator('.grid-header').boundingBox();
    const viewport = await p.page.locator('.grid-viewport').boundingBox();
    assert.ok(
      header && viewport && Math.abs(header.y - viewport.y) < 1,
      `the header is not at the top: ${JSON.stringify(header)} vs ${JSON.stringify(viewport)}`,
    );
    const scroll = await p.page
      .locator('.grid-viewport')
      .evaluate((v) => ({ top: v.scrollTop, max: v.scrollHeight - v.clientHeight, height: v.scrollHeight }));
    assert.ok(scroll.height < 723 * 22 + 200, `the scroll area grew past the rows: ${scroll.height}px`);
  });

  test('sorting then filtering paints the sorted matches', async () => {
    await p.post(resultMessage(machines(29)));
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await typeFilter(p, 'onprem');
    const rows = await paintedRows(p.page);
    assert.deepEqual(
      rows.map((r) => r[1]),
      ['25', '20', '15', '10', '5', '0'],
    );
  });

  test('Export CSV asks for the rows shown (filter and sort); the host exports exactly the painted rows', async () => {
    const table = machines(29);
    await p.post(resultMessage(table));
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await typeFilter(p, 'onprem');
    await p.page.locator('vscode-button', { hasText: 'Export CSV' }).click();
    const sent = (await p.posted()).filter((m) => m.type === 'exportData').at(-1)!;
    assert.deepEqual(sent.view, { filter: 'onprem', sort: { column: 1, descending: true } });
    const exported = exportedTable(table, sent.view as RowView).rows.map((r) => r.map((v) => cellText(v)));
    assert.deepEqual(exported, await paintedRows(p.page));
    await p.page.locator('vscode-button', { hasText: 'Export all rows' }).click();
    await p.page.locator('.export-menu .menu-item', { hasText: 'JSON' }).click();
    const all = (await p.posted()).filter((m) => m.type === 'exportData').at(-1)!;
    assert.deepEqual([all.format, all.view], ['json', undefined]);
  });

  test('Escape closes the context menu, then the value detail', async () => {
    await p.post(resultMessage(machines(29)));
    const cell = p.page.locator('.grid-body [role=row] [role=gridcell]').nth(2);
    await cell.click({ button: 'right' });
    const menu = p.page.locator('.context-menu');
    assert.equal(await menu.isVisible(), true);
    await p.page.keyboard.press('Escape');
    assert.equal(await menu.isVisible(), false, 'Escape left the context menu open');
    await cell.dblclick();
    const detail = p.page.locator('.detail');
    assert.equal(await detail.isVisible(), true);
    assert.match((await p.page.textContent('.detail-text')) ?? '', /"port": 443/);
    await p.page.keyboard.press('Escape');
    assert.equal(await detail.isVisible(), false, 'Escape left the value detail open');
  });

  test('Shift+click selects rows 2-4; Ctrl+C copies them as tab-separated lines under the column names', async () => {
    const table = machines(29);
    await p.post(resultMessage(table));
    const cell = (row: number, col: number) =>
      p.page.locator(`.grid-body [role=row][data-row="${row}"] [role=gridcell]`).nth(col);
    await cell(1, 0).click();
    await cell(3, 1).click({ modifiers: ['Shift'] });
    assert.equal(await p.page.locator('.grid-row.in-range').count(), 3);
    assert.match(await statusText(p), /3 rows selected/);
    await p.page.locator('.grid-viewport').press('Control+c');
    const sent = (await p.posted()).filter((m) => m.type === 'copy').at(-1)!;
    const lines = [1, 2, 3].map((r) => table.rows[r]!.map((v) => cellText(v)).join('\t'));
    assert.deepEqual(sent, {
      type: 'copy',
      what: 'rows',
      text: ['Computer\tN\tInfo', ...lines].join('\n'),
      rows: 3,
      headers: true,
    });
    // Shift+ArrowDown grows the range by one; a plain ArrowDown collapses it to one cell.
    await p.page.locator('.grid-viewport').press('Shift+ArrowDown');
    assert.equal(await p.page.locator('.grid-row.in-range').count(), 4);
    // A sort moves the rows apart: the range collapses to the selected cell.
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    // The grid repaints on the next animation frame.
    await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
    assert.equal(await p.page.locator('.grid-row.in-range').count(), 0);
    assert.doesNotMatch(await statusText(p), /selected/);
  });

  test('Ctrl+A then Ctrl+C on 100,000 rows copies them all without holding the page', async () => {
    const n = 100_000;
    await p.post(resultMessage(machines(n)));
    await p.page.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().click();
    // The longest gap between animation frames while the copy runs: what a user feels as a freeze.
    await p.page.evaluate(`(() => {
      window.__gap = 0;
      let last = performance.now();
      const tick = (t) => { window.__gap = Math.max(window.__gap, t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const started = Date.now();
    // VS Code's webview script listens on the window and sends keys on to the workbench's Select All.
    await p.page.evaluate(
      "window.__keysSeen = []; window.addEventListener('keydown', (e) => window.__keysSeen.push(e.key))",
    );
    await p.page.locator('.grid-viewport').press('Control+a');
    assert.match(await statusText(p), /100,000 rows selected/);
    assert.deepEqual(await p.page.evaluate('window.__keysSeen'), ['Control'], 'Ctrl+A reached the window');
    await p.page.locator('.grid-viewport').press('Control+c');
    // Asks the page for a boolean: reading all it posted (an 8 MB text) each time would itself hold the page.
    const copied = `window.__posted.some((m) => m.type === 'copy' && m.rows === ${n})`;
    for (let i = 0; i < 600 && !(await p.page.evaluate(copied)); i++) {
      await p.page.waitForTimeout(100);
    }
    const ms = Date.now() - started;
    const gap = (await p.page.evaluate('(window.__stop = true, window.__gap)')) as number;
    const sent = (await p.posted()).filter((m) => m.type === 'copy').at(-1)!;
    const lines = (sent.text as string).split('\n');
    assert.equal(lines.length, n + 1);
    assert.equal(lines[0], 'Computer\tN\tInfo');
    assert.equal(lines[n], `acme-vm99999\t99999\t{"port":443}`);
    console.log(`# copy of ${n} rows: ${ms} ms, longest frame gap ${Math.round(gap)} ms`);
    assert.ok(gap < 1000, `the page froze for ${Math.round(gap)} ms during the copy`);
  });

  test('a null of each type shows a dim "null"; an empty string shows nothing; copy still gives empty text', async () => {
    const types = ['string', 'long', 'real', 'datetime', 'timespan', 'guid', 'bool', 'dynamic'] as const;
    await p.post(
      resultMessage({
        name: 'PrimaryResult',
        columns: types.map((type) => ({ name: type, type })),
        rows: [types.map(() => null), types.map((t) => (t === 'string' || t === 'dynamic' ? '' : null))],
      }),
    );
    // What is drawn in each cell: its text, or the generated "null" before it.
    const drawn = await p.page.evaluate(`[...document.querySelectorAll('.grid-body [role=row]')]
      .filter((r) => r.offsetParent).sort((a, b) => a.dataset.row - b.dataset.row)
      .map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => {
        const before = getComputedStyle(c, '::before').content;
        return c.textContent + (before === 'none' || before === 'normal' ? '' : before);
      }))`);
    assert.deepEqual(drawn, [types.map(() => '"null"'), ['', ...types.slice(1, -1).map(() => '"null"'), '']]);
    await p.page.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').nth(1).click();
    await p.page.locator('.grid-viewport').press('Control+c');
    assert.equal((await p.posted()).filter((m) => m.type === 'copy').at(-1)?.text, '');
  });

  test('Ctrl+Space then Ctrl+C, and the menu, copy the column: its name, then the rows shown, filtered and sorted', async () => {
    await p.post(resultMessage(machines(29)));
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await p.page.locator('[role=columnheader][data-col="1"] .sort-button').click();
    await typeFilter(p, 'onprem');
    await p.page.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').nth(1).click();
    await p.page.locator('.grid-viewport').press('Control+Space');
    await p.page.locator('.grid-viewport').press('Control+c');
    const column = ['N', '25', '20', '15', '10', '5', '0'].join('\n');
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'copy').at(-1), {
      type: 'copy',
      what: 'rows',
      text: column,
      rows: 6,
      headers: true,
    });
    await p.page.evaluate('window.__posted.length = 0');
    await p.page.locator('.grid-body [role=row][data-row="2"] [role=gridcell]').nth(1).click({ button: 'right' });
    await p.page.locator('.context-menu .menu-item', { hasText: 'Copy column' }).click();
    assert.equal((await p.posted()).filter((m) => m.type === 'copy').at(-1)?.text, column);
    await typeFilter(p, '');
  });

  test('a click on a header selects its column (cells, header, aria-selected); Ctrl+C copies all of it; Escape clears', async () => {
    const table = machines(3000);
    (table.rows[2] as WireValue[])[1] = null;
    await p.post(resultMessage(table));
    await p.page.locator('[role=columnheader][data-col="1"] .head-name').click();
    await nextFrames(p);
    const header = p.page.locator('[role=columnheader][data-col="1"]');
    assert.equal(await header.getAttribute('aria-selected'), 'true');
    assert.match((await header.getAttribute('class')) ?? '', /col-selected/);
    assert.equal(await p.page.locator('[role=columnheader][aria-selected=true]').count(), 1);
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"][aria-sort]').count(), 0, 'no sort');
    const painted = await p.page.locator('.grid-body .grid-row:not([hidden])').count();
    assert.equal(await p.page.locator('.grid-body .grid-row:not([hidden]) .cell.col-selected').count(), painted);
    assert.equal(
      await p.page.locator('.grid-body .grid-row:not([hidden]) .cell.col-selected[data-col="1"]').count(),
      painted,
    );
    assert.match(await statusText(p), /column “N” selected/);
    // The selection survives a scroll: rows drawn afresh far below are drawn selected too.
    await p.page.locator('.grid-viewport').evaluate((v) => (v.scrollTop = 40_000));
    await nextFrames(p);
    const far = await p.page.locator('.grid-body .grid-row:not([hidden])').first().getAttribute('data-row');
    assert.ok(Number(far) > 1000, `scrolled to row ${far}`);
    assert.equal(
      await p.page
        .locator('.grid-body .grid-row:not([hidden]) [role=gridcell][data-col="1"][aria-selected=true]')
        .count(),
      await p.page.locator('.grid-body .grid-row:not([hidden])').count(),
    );
    // A sort by its button keeps the column selected; Ctrl+C copies every row (not only the painted
    // ones) in the sorted order, the null as an empty line.
    await p.page.evaluate('window.__posted.length = 0');
    await header.locator('.sort-button').click();
    await header.locator('.sort-button').click();
    await nextFrames(p);
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-selected'), 'true');
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-sort'), 'descending');
    await p.page.locator('.grid-viewport').press('Control+c');
    const copied = (await p.posted()).filter((m) => m.type === 'copy').at(-1);
    const values = table.rows.map((r) => r[1] as number | null).filter((v) => v !== null);
    values.sort((a, b) => b - a);
    const lines = String(copied?.text).split('\n');
    assert.equal(lines.length, 3001);
    assert.equal(lines[0], 'N');
    assert.deepEqual(lines.slice(1, 4), values.slice(0, 3).map(String));
    assert.ok(lines.includes(''), 'the null is an empty line');
    assert.equal(copied?.rows, 3000);
    // Escape clears the column; Ctrl+C then copies the selected cell (the header's name) again.
    await p.page.locator('.grid-viewport').press('Escape');
    await nextFrames(p);
    assert.equal(await p.page.locator('[aria-selected=true].head, .cell.col-selected').count(), 0);
    assert.doesNotMatch(await statusText(p), /selected/);
  });

  test('by keyboard: Space on a focused header selects its column, Enter sorts it, an arrow moves on', async () => {
    await p.post(resultMessage(machines(29)));
    await p.page.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().click();
    const grid = p.page.locator('.grid-viewport');
    await grid.press('ArrowUp');
    await grid.press('ArrowRight');
    await grid.press('Space');
    await nextFrames(p);
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-selected'), 'true');
    await grid.press('Enter');
    await nextFrames(p);
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-sort'), 'ascending');
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-selected'), 'true');
    // A move of the selected cell ends the column's selection, as in a spreadsheet.
    await grid.press('ArrowDown');
    await nextFrames(p);
    assert.equal(await p.page.locator('.cell.col-selected').count(), 0);
    // Ctrl+Space on a cell selects its column.
    await grid.press('Control+Space');
    await nextFrames(p);
    assert.equal(await p.page.locator('[role=columnheader][data-col="1"]').getAttribute('aria-selected'), 'true');
  });

  test('a re-run keeps the selected column by name, where project-reorder put it, and none when it is gone', async () => {
    await p.post(resultMessage(machines(29)));
    await p.page.locator('[role=columnheader][data-col="1"] .head-name').click();
    const base = machines(29);
    const reordered: ResultTable = {
      ...base,
      columns: [base.columns[1]!, base.columns[0]!, base.columns[2]!],
      rows: base.rows.map((r) => [r[1]!, r[0]!, r[2]!]),
    };
    await p.post(resultMessage(reordered));
    await nextFrames(p);
    assert.deepEqual(await p.page.locator('[role=columnheader][aria-selected=true] .head-name').allTextContents(), [
      'N',
    ]);
    assert.equal(await p.page.locator('[role=columnheader][data-col="0"]').getAttribute('aria-selected'), 'true');
    const gone: ResultTable = {
      ...base,
      columns: [base.columns[0]!, base.columns[2]!],
      rows: base.rows.map((r) => [r[0]!, r[2]!]),
    };
    await p.post(resultMessage(gone));
    await nextFrames(p);
    assert.equal(await p.page.locator('[role=columnheader][aria-selected=true]').count(), 0);
  });

  test('no page errors or CSP violations', async () => {
    assert.deepEqual(await p.problems(), []);
  });
});
