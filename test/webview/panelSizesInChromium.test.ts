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

const SIZES: { what: string; width: number; height: number }[] = [
  { what: 'a 150 px tall group under the editor', width: 1000, height: 150 },
  // Half a 1440 px window: the toolbar wraps onto two lines where the panel is tall enough.
  { what: 'a 150 px tall group under a side-by-side editor', width: 546, height: 150 },
  { what: 'a 150 px tall, 300 px wide group', width: 300, height: 150 },
  { what: 'a 300 px wide side editor', width: 300, height: 600 },
  { what: 'half a 1024×700 window at zoom level 2', width: 356, height: 486 },
  { what: 'a 1024×700 window at zoom level 3', width: 593, height: 405 },
  { what: 'a full 1440×900 window', width: 1440, height: 900 },
];

/** The grid scrolled to its end: where its last row is drawn, and the status line's box. */
function endOfGrid(
  p: ResultsPage,
): Promise<{ lastRow: number; lastBottom: number; shownBottom: number; status: number }> {
  return p.page.evaluate(async () => {
    const d = document as unknown as {
      documentElement: { clientHeight: number };
      querySelector(s: string): {
        scrollTop: number;
        scrollHeight: number;
        clientHeight: number;
        getBoundingClientRect(): { top: number; bottom: number };
      };
      querySelectorAll(s: string): Iterable<{ hidden: boolean; dataset: { row?: string } } & Box>;
    };
    type Box = { getBoundingClientRect(): { top: number; bottom: number } };
    const v = d.querySelector('.grid-viewport');
    v.scrollTop = v.scrollHeight;
    await new Promise((r) =>
      (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() =>
        r(undefined),
      ),
    );
    await new Promise((r) =>
      (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() =>
        r(undefined),
      ),
    );
    const rows = [...d.querySelectorAll('.grid-body [role=row]')].filter((r) => !r.hidden);
    const last = rows.reduce((a, b) => (Number(b.dataset.row) > Number(a.dataset.row) ? b : a));
    const status = d.querySelector('.status').getBoundingClientRect();
    return {
      lastRow: Number(last.dataset.row),
      lastBottom: last.getBoundingClientRect().bottom,
      // What of the grid is seen: its client area (above a horizontal scrollbar), inside the page.
      shownBottom: Math.min(v.getBoundingClientRect().top + v.clientHeight, d.documentElement.clientHeight),
      status: status.bottom - status.top,
    };
  });
}

describe('results panel sizes in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  const pages: ResultsPage[] = [];
  after(async () => {
    for (const p of pages) await p.close();
  });

  for (const size of SIZES) {
    test(`${size.what}: the grid stays inside the panel, shows its header and a row, and its last row when scrolled to the end`, async () => {
      const p = await openResultsPage({ width: size.width, height: size.height });
      pages.push(p);
      await p.post(resultMessage(connections(40)));
      const l = await layout(p);
      assert.ok(l.gridBottom <= l.height + 1, `the grid ends at ${l.gridBottom} of ${l.height} px`);
      assert.ok(l.gridBottom - l.gridTop >= 2 * l.headerHeight, `the grid is ${l.gridBottom - l.gridTop} px tall`);
      const end = await endOfGrid(p);
      assert.equal(end.lastRow, 39, 'the last row is painted');
      assert.ok(
        end.lastBottom <= end.shownBottom + 0.5,
        `the last row ends at ${end.lastBottom}, the grid shows to ${end.shownBottom}`,
      );
      assert.ok(end.status >= 16, `the status line is ${end.status} px tall`);
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
