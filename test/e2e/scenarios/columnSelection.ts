/**
 * Scenario 116: a column of the results grid selected as in a spreadsheet, and copied. On 3,000 rows of
 * Host, Port (a null every 7th row) and i:
 * - a click on the Port header selects the column: the header says aria-selected, every painted Port
 *   cell is drawn selected, in the dark, light and high-contrast themes (each screenshotted, the
 *   selected cells told apart from the others by their computed style);
 * - its ⇅ button sorts it descending and the column stays selected; scrolled far down, the cells drawn
 *   there are selected too;
 * - Ctrl+C puts the column on the clipboard: "Port", then all 3,000 values (not only the painted rows)
 *   in the sort's order, each null an empty line;
 * - Escape clears it; Space on the focused header selects it again;
 * - a re-run whose result moved Port to the front (project-reorder) keeps Port selected, at its new place.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomDocument, DomElement } from '../browserTypes';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { SCREENSHOT_DIR, type Workbench, waitFor } from '../workbench';
import { pickTheme, SCREEN_THEMES } from './themes';

declare const document: DomDocument & { querySelectorAll(selector: string): Iterable<DomElement> };
declare const getComputedStyle: (element: DomElement) => Record<string, string>;
declare const navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };

const FILE = 'results-columns.kql';
const ROWS = 3000;
/** What the query gives in row i (1-based): a null every 7th row. */
const port = (i: number): number | null => (i % 7 === 0 ? null : (i * 37) % 1000);

/** How the Port column shows: the header's aria-selected, and the painted Port cells selected or not. */
async function portSelection(
  frame: Frame,
  col: number,
): Promise<{ header: string | null; painted: number; selected: number }> {
  return frame.evaluate((c) => {
    const header = document.querySelector(`[role=columnheader][data-col="${c}"]`);
    const rows = [...document.querySelectorAll('.grid-body .grid-row')].filter((r) => !r.hidden);
    const selected = rows.filter((r) =>
      r.querySelector(`[data-col="${c}"]`)?.getAttribute('class')?.includes('col-selected'),
    );
    return { header: header?.getAttribute('aria-selected') ?? null, painted: rows.length, selected: selected.length };
  }, col);
}

async function waitSelected(frame: Frame, what: string, col: number, want: boolean): Promise<void> {
  await waitFor(
    what,
    async () => {
      const s = await portSelection(frame, col);
      const ok = want
        ? s.header === 'true' && s.painted > 0 && s.selected === s.painted
        : s.header !== 'true' && s.selected === 0;
      return ok ? true : undefined;
    },
    15_000,
  ).catch(async (e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(await portSelection(frame, col))}`);
  });
}

/** A selected Port cell's look against an unselected Host cell's in the same row. */
async function cellLooks(frame: Frame): Promise<{ selected: string; other: string }> {
  return frame.evaluate(() => {
    const row = [...document.querySelectorAll('.grid-body .grid-row')].find(
      (r) => !r.hidden && !r.getAttribute('class')?.includes('odd'),
    )!;
    const look = (c: DomElement | null): string => {
      const s = getComputedStyle(c!);
      return [s.backgroundColor, s.boxShadow, s.outlineStyle, s.outlineColor].join(' / ');
    };
    return { selected: look(row.querySelector('[data-col="1"]')), other: look(row.querySelector('[data-col="0"]')) };
  });
}

export async function columnSelectionScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
  await wb.page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// Ports to select and copy');
  await waitForGrid(
    wb,
    'the 3,000 ports',
    (v) => withColumns('Host', 'Port', 'i')(v) && /3,000 rows/.test(v.status),
    90_000,
  );
  const frame = await resultsFrame(wb);
  const header = frame.locator('[role=columnheader][data-col="1"]');
  assert.match((await header.getAttribute('title')) ?? '', /select the column.*sort/);

  // A click on the header's name selects the column; nothing is sorted.
  await header.locator('.head-name').click();
  await waitSelected(frame, 'the Port column selected by a click on its header', 1, true);
  assert.equal(await header.getAttribute('aria-sort'), null, 'a click on the header sorted it');

  try {
    for (const theme of SCREEN_THEMES) {
      if (theme.file !== 'dark') {
        await pickTheme(wb, theme.name);
        // A theme change in code-server can load the panel's page again: the host replays the result,
        // and what lived only in the page (sort, filter, the selected column) starts afresh, as after
        // the panel was hidden. The column is selected again then.
        await waitForGrid(wb, `the grid in ${theme.file}`, withColumns('Host', 'Port', 'i'), 30_000);
        if ((await header.getAttribute('aria-selected')) !== 'true') {
          await header.locator('.head-name').click();
        }
      }
      const looks = await waitFor(
        `the selected column told apart in ${theme.file}`,
        async () => {
          const l = await cellLooks(frame);
          const kind = await frame.evaluate(() => document.body.className);
          return l.selected !== l.other &&
            kind.includes(theme.file === 'high-contrast' ? 'high-contrast' : `vscode-${theme.file}`)
            ? l
            : undefined;
        },
        30_000,
      ).catch(async (e: Error) => {
        const kind = await frame.evaluate(() => document.body.className).catch((x: Error) => x.message);
        throw new Error(
          `${e.message}: body ${kind}; ${JSON.stringify(await cellLooks(frame).catch((x: Error) => x.message))}`,
        );
      });
      // Both edges of the column are barred in every theme; the high-contrast one adds a dashed outline.
      assert.match(looks.selected, / 2px 0px 0px 0px inset/, `${theme.file}: ${looks.selected}`);
      if (theme.file === 'high-contrast') {
        assert.match(looks.selected, /dashed \/ rgb\(/, `the outline is not drawn: ${looks.selected}`);
      }
      await frame
        .locator('.grid')
        .screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-116-column-selected-${theme.file}.png`) });
    }
  } finally {
    await pickTheme(wb, 'Default Dark Modern').catch(() => undefined);
  }
  // Back in the dark theme (the page loaded again, as above): the column selected again.
  await waitForGrid(wb, 'the grid back in the dark theme', withColumns('Host', 'Port', 'i'), 30_000);
  if ((await header.getAttribute('aria-selected')) !== 'true') {
    await header.locator('.head-name').click();
  }
  await waitSelected(frame, 'the Port column selected in the dark theme again', 1, true);

  // The sort button sorts descending (two clicks); the column stays selected.
  await header.locator('.sort-button').click();
  await header.locator('.sort-button').click();
  await waitFor('Port sorted descending', async () =>
    (await header.getAttribute('aria-sort')) === 'descending' ? true : undefined,
  );
  await waitSelected(frame, 'the Port column still selected after the sort', 1, true);

  // Far down, the rows drawn there are drawn selected too.
  await frame.locator('.grid-viewport').evaluate((v) => {
    (v as unknown as { scrollTop: number }).scrollTop = 40_000;
  });
  await waitFor('rows far down painted', async () => {
    const first = await frame.evaluate(() => {
      const r = [...document.querySelectorAll('.grid-body .grid-row')].filter((x) => !x.hidden);
      return Math.min(...r.map((x) => Number(x.dataset.row)));
    });
    return first > 1000 ? true : undefined;
  });
  await waitSelected(frame, 'the Port column selected in the rows scrolled to', 1, true);
  await wb.screenshot(116, 'column-sorted-scrolled');

  // Ctrl+C: the name, then every value in the sort's order, each null an empty line.
  await frame.locator('.grid-viewport').press('Control+c');
  const values = Array.from({ length: ROWS }, (_, i) => port(i + 1));
  const numbers = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  const nulls = values.length - numbers.length;
  const copied = await waitFor(
    'the Port column on the clipboard',
    async () => {
      const text = await wb.page.evaluate(() => navigator.clipboard.readText());
      return text.startsWith('Port\n') ? text : undefined;
    },
    15_000,
  );
  const lines = copied.split('\n');
  assert.equal(lines.length, ROWS + 1, 'the header and every row, not only the painted ones');
  assert.deepEqual(
    lines.slice(1).filter((l) => l !== ''),
    numbers.map(String),
    'the values in the sort order',
  );
  assert.equal(lines.filter((l) => l === '').length, nulls, 'each null an empty line');

  // Escape clears the column; ArrowUp onto the headers and Space select it again.
  await frame.locator('.grid-viewport').press('Escape');
  await waitSelected(frame, 'the Port column cleared by Escape', 1, false);
  await frame.locator('.grid-viewport').press('Space');
  await waitSelected(frame, 'the Port column selected again by Space on its header', 1, true);

  // A re-run whose result puts Port first: Port stays selected, at its new place.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// The same, Port moved to the front');
  await waitForGrid(wb, 'the reordered columns', (v) => v.headers[0] === 'Port', 90_000);
  await waitSelected(frame, 'Port still selected after the re-run, now first', 0, true);
  assert.equal(
    await frame.locator('[role=columnheader][aria-selected=true]').count(),
    1,
    'one column header is selected',
  );
  await wb.screenshot(116, 'column-kept-after-reorder');
  assert.deepEqual(await crashNotices(wb), []);
}
