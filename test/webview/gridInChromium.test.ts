/**
 * The results grid rendered by Chromium from the built bundle: what a user sees after filtering,
 * sorting and scrolling, read from the screen's geometry (not from the grid's own bookkeeping).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { cellText } from '../../src/render/cellText';
import { exportedTable } from '../../src/render/exportData';
import type { RowView } from '../../src/render/rowOrder';
import { openResultsPage, paintedRows, resultMessage, SKIP_WITHOUT_CHROMIUM, type ResultsPage } from './resultsPage';

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
    await p.page.locator('[role=columnheader][data-col="1"]').click();
    await p.page.locator('[role=columnheader][data-col="1"]').click();
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
    await p.page.locator('[role=columnheader][data-col="1"]').click();
    await p.page.locator('[role=columnheader][data-col="1"]').click();
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

  test('no page errors or CSP violations', async () => {
    assert.deepEqual(await p.problems(), []);
  });
});
