/**
 * The notebook output renderer (dist/webview/notebookRenderer.js) in headless Chromium, called as VS
 * Code calls it: a grid is as tall as its rows, up to the cap, and leaves no empty area under a short
 * result. Heights are read from the screen's geometry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { resultPayload } from '../../src/notebook/resultPayload';
import type { ResultTable } from '../../src/results/queryResult';
import { CHROMIUM } from './resultsPage';

const RENDERER = path.resolve(__dirname, '../../dist/webview/notebookRenderer.js');
const SKIP = fs.existsSync(CHROMIUM) && fs.existsSync(RENDERER) ? false : 'needs /usr/bin/chromium and `npm run build`';
const ORIGIN = 'http://renderer.invalid';
/** The grid's cap (notebook.css). */
const CAP_PX = 320;
const ROW_PX = 22;

/** In the page: activate the renderer, render the payload, and measure what shows once painted. */
const RENDER_IN_PAGE = `async (json) => {
  const { activate } = await import(location.origin + '/renderer.js');
  const element = document.createElement('div');
  document.body.replaceChildren(element);
  activate().renderOutputItem({ id: 'x', mime: 'application/vnd.kql.result+json', json: () => JSON.parse(json) }, element);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const root = element.shadowRoot;
  const view = root.querySelector('.grid-host').getBoundingClientRect();
  // A row shows when it lies wholly above the viewport's horizontal scrollbar (clientHeight excludes it).
  const viewport = root.querySelector('.grid-viewport');
  const bottom = viewport.getBoundingClientRect().top + viewport.clientHeight;
  const shown = [...root.querySelectorAll('.grid-body .grid-row')].filter((r) => {
    const box = r.getBoundingClientRect();
    return !r.hidden && box.height > 0 && box.top >= view.top && box.bottom <= bottom + 0.5;
  });
  return { output: element.getBoundingClientRect().height, grid: view.height, rowsShown: shown.length };
}`;

function table(rows: number, wide = false): ResultTable {
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'Computer', type: 'string' },
      { name: 'Failed', type: 'long' },
      ...(wide ? Array.from({ length: 30 }, (_, i) => ({ name: `Column${i}`, type: 'string' as const })) : []),
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `web-${i}`,
      i,
      ...(wide ? Array.from({ length: 30 }, () => 'a value wide enough to need room') : []),
    ]),
  };
}

/** Renders one output as VS Code would, into an element of a 900 px wide page; its geometry. */
async function render(page: Page, t: ResultTable): Promise<{ output: number; grid: number; rowsShown: number }> {
  const payload = resultPayload({
    tables: [t],
    stats: { backend: 'local', durationMs: 4, rowCount: t.rows.length, truncated: false },
    warnings: [],
  });
  // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
  return page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(JSON.stringify(payload))})`);
}

/** Chromium on a blank page of the renderer's origin, which serves the built renderer. */
async function openRendererPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  const bundle = fs.readFileSync(RENDERER);
  await page.route(`${ORIGIN}/**`, (route) =>
    route.request().url().endsWith('/renderer.js')
      ? route.fulfill({ body: bundle, contentType: 'text/javascript' })
      : route.fulfill({ body: '<!DOCTYPE html><html><body></body></html>', contentType: 'text/html' }),
  );
  await page.goto(`${ORIGIN}/`);
  return { browser, page };
}

describe('notebook output in Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    ({ browser, page } = await openRendererPage());
  });
  after(async () => browser?.close());

  test('a one-row grid is as tall as its header and row, not the 320 px cap', async () => {
    const one = await render(page, table(1));
    assert.equal(one.rowsShown, 1);
    assert.ok(one.grid >= 2 * ROW_PX && one.grid < 3 * ROW_PX + 20, `1 row in ${one.grid} px`);
  });

  test('0, 5 and 2,000 rows: the header alone, every row, then the cap with rows scrolled', async () => {
    const none = await render(page, table(0));
    assert.ok(none.grid > 0 && none.grid < 2 * ROW_PX, `0 rows in ${none.grid} px`);
    const five = await render(page, table(5));
    assert.equal(five.rowsShown, 5);
    assert.ok(five.grid >= 6 * ROW_PX && five.grid < 7 * ROW_PX + 20, `5 rows in ${five.grid} px`);
    const many = await render(page, table(2000));
    assert.equal(many.grid, CAP_PX);
    assert.ok(many.rowsShown >= 12, `${many.rowsShown} rows in view`);
  });

  test('columns wider than the cell: the horizontal scrollbar hides no row', async () => {
    const wide = await render(page, table(3, true));
    assert.equal(wide.rowsShown, 3);
    assert.ok(wide.grid < CAP_PX, `3 wide rows in ${wide.grid} px`);
  });
});

describe('notebook output: a render it cannot draw', { skip: SKIP }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    ({ browser, page } = await openRendererPage());
  });
  after(async () => browser?.close());

  test('says why above the grid (it showed the grid in silence)', async () => {
    const strings: ResultTable = {
      name: 'PrimaryResult',
      columns: [{ name: 'Computer', type: 'string' }],
      rows: [['web-1'], ['web-2']],
    };
    const payload = resultPayload({
      tables: [strings],
      render: { visualization: 'timechart' },
      stats: { backend: 'local', durationMs: 4, rowCount: 2, truncated: false },
      warnings: [],
    });
    const notes = await page.evaluate(`(async (json) => {
      const { activate } = await import(location.origin + '/renderer.js');
      const element = document.createElement('div');
      document.body.replaceChildren(element);
      activate().renderOutputItem({ id: 'y', mime: 'application/vnd.kql.result+json', json: () => JSON.parse(json) }, element);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const root = element.shadowRoot;
      return { notes: [...root.querySelectorAll('.warning')].map((w) => w.textContent), rows: root.querySelectorAll('.grid-body .grid-row:not([hidden])').length };
    })(${JSON.stringify(JSON.stringify(payload))})`);
    assert.deepEqual(notes, {
      notes: ['No chart for "render timechart": The result has no numeric column to draw.'],
      rows: 2,
    });
  });
});
