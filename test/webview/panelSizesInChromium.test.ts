/**
 * The results panel at the sizes users give it: a short group under the editor (150 px), a narrow side
 * editor (300 px), a 1024×700 window at VS Code zoom level 2 and 3 (its CSS pixels are 1024×700 / 1.2^level),
 * and an editor font larger than the default. Read from the screen's geometry in Chromium: the grid
 * stays inside the panel with room for its header and a row, and a row's text is not cut.
 */

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { openResultsPage, type ResultsPage, resultMessage, SKIP_WITHOUT_CHROMIUM } from './resultsPage';

/** The page's document, typed at each use (the repository's tsconfig has no DOM lib). */
declare const document: unknown;

function connections(n: number): ResultTable {
  const rows: WireValue[][] = [];
  for (let i = 0; i < n; i++) rows.push([`acme-vm${String(i).padStart(3, '0')}`, 'outbound', i * 7]);
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'Computer', type: 'string' },
      { name: 'Direction', type: 'string' },
      { name: 'Links', type: 'long' },
    ],
    rows,
  };
}

interface Layout {
  readonly height: number;
  readonly gridTop: number;
  readonly gridBottom: number;
  readonly headerHeight: number;
  /** Painted cells whose text is taller than the cell shows. */
  readonly cutCells: number;
}

function layout(p: ResultsPage): Promise<Layout> {
  return p.page.evaluate(() => {
    const d = document as unknown as {
      documentElement: { clientHeight: number };
      querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number; height: number } };
      querySelectorAll(s: string): Iterable<{ scrollHeight: number; clientHeight: number }>;
    };
    const v = d.querySelector('.grid-viewport').getBoundingClientRect();
    const cells = [...d.querySelectorAll('.grid-body [role=gridcell]')];
    return {
      height: d.documentElement.clientHeight,
      gridTop: v.top,
      gridBottom: v.bottom,
      headerHeight: d.querySelector('.grid-header').getBoundingClientRect().height,
      cutCells: cells.filter((c) => c.scrollHeight > c.clientHeight).length,
    };
  });
}

const SIZES: { what: string; width: number; height: number; todo?: string }[] = [
  {
    what: 'a 150 px tall group under the editor',
    width: 1000,
    height: 150,
    // The fix (panels filling the flex column) cut the grid's last row inside VS Code (e2e 64): reverted.
    todo: 'the panels are still calc(100vh - 70px) tall (results.css)',
  },
  { what: 'a 300 px wide side editor', width: 300, height: 600 },
  { what: 'half a 1024×700 window at zoom level 2', width: 356, height: 486 },
  { what: 'a 1024×700 window at zoom level 3', width: 593, height: 405 },
];

describe('results panel sizes in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  const pages: ResultsPage[] = [];
  after(async () => {
    for (const p of pages) await p.close();
  });

  for (const size of SIZES) {
    test(`${size.what}: the grid stays inside the panel and shows its header and a row`, {
      todo: size.todo,
    }, async () => {
      const p = await openResultsPage({ width: size.width, height: size.height });
      pages.push(p);
      await p.post(resultMessage(connections(40)));
      const l = await layout(p);
      assert.ok(l.gridBottom <= l.height + 1, `the grid ends at ${l.gridBottom} of ${l.height} px`);
      assert.ok(l.gridBottom - l.gridTop >= 2 * l.headerHeight, `the grid is ${l.gridBottom - l.gridTop} px tall`);
      assert.deepEqual(await p.problems(), []);
    });
  }

  test('editor.fontSize 20: the rows are tall enough for their text', async () => {
    const p = await openResultsPage({ width: 900, height: 500 });
    pages.push(p);
    await p.page.evaluate(() => {
      const root = (document as unknown as { documentElement: { style: { setProperty(n: string, v: string): void } } })
        .documentElement;
      root.style.setProperty('--vscode-editor-font-size', '20px');
    });
    await p.post(resultMessage(connections(40)));
    const l = await layout(p);
    assert.equal(l.cutCells, 0, 'cells whose text is cut');
    assert.ok(l.headerHeight >= 26, `header row ${l.headerHeight} px`);
  });
});
