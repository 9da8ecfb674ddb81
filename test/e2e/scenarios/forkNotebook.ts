/**
 * Scenario 74: a notebook cell runs a `fork` of two named legs over the sample's VMConnection. Its
 * output shows both tables, each under its name with its row count, and each grid's first rows are
 * the rows the `kql` CLI gives for the same table of the same query.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomElement } from '../browserTypes';
import { type CliTable, runKqlCliTables } from '../kqlCli';
import { crashNotices } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { cellList, outputFrame, runAll, wheel } from './notebooks';

const FILE = 'fork.kqlnb';
/** Rows compared with the CLI: a section's 320 px grid paints at least this many. */
const COMPARED_ROWS = 8;

interface TableSection {
  readonly heading: string;
  readonly status: string;
  readonly headers: string[];
  readonly rows: string[][];
}

/** The output's table sections as painted: heading, status line, column names and rows in order. */
async function readSections(frame: Frame): Promise<TableSection[]> {
  const sections = frame.locator('.kql-table');
  const out: TableSection[] = [];
  for (let i = 0; i < (await sections.count()); i++) {
    const section = sections.nth(i);
    const rows = await section.locator('[role=row][data-row]').evaluateAll((els: DomElement[]) =>
      els
        .filter((r) => !r.hidden)
        .sort((a, b) => Number(a.dataset.row) - Number(b.dataset.row))
        .map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? '')),
    );
    out.push({
      heading: ((await section.locator('.table-heading').textContent()) ?? '').trim(),
      status: (await section.locator('.status').textContent()) ?? '',
      headers: await section.locator('[role=columnheader] .head-name').allTextContents(),
      rows,
    });
  }
  return out;
}

export async function forkNotebookScenario(wb: Workbench): Promise<void> {
  const notebook = JSON.parse(fs.readFileSync(path.join(__dirname, '../workspace', FILE), 'utf8')) as {
    cells: { kind: string; source: string[] }[];
  };
  const query = notebook.cells.find((c) => c.kind === 'code')!.source.join('');
  const cli = runKqlCliTables(query);
  assert.deepEqual(
    cli.map((t) => t.name),
    ['Destinations', 'Machines'],
  );
  const expected = cli.map((t) => t.table) as [CliTable, CliTable];

  // A notebook has no text editor to wait for: the cell list says it opened.
  await wb.quickOpen(FILE).catch(() => undefined);
  await cellList(wb).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll(wb);
  const frame = await outputFrame(wb, 'the output of the fork cell');
  const sections = await waitFor(
    'both tables of the fork painted under their names',
    async () => {
      const found = await readSections(frame);
      return found.length === 2 && found.every((s) => s.rows.length > 0) ? found : undefined;
    },
    90_000,
  );
  const rowsLabel = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  assert.deepEqual(
    sections.map((s) => s.heading),
    [`Destinations (${rowsLabel(expected[0].rows.length)})`, `Machines (${rowsLabel(expected[1].rows.length)})`],
  );
  sections.forEach((section, i) => {
    const table = expected[i]!;
    assert.deepEqual(section.headers, table.headers, `the ${cli[i]!.name} grid's columns`);
    assert.match(section.status, new RegExp(`^${rowsLabel(table.rows.length)} · .* · table ${i + 1} of 2$`));
    const n = Math.min(COMPARED_ROWS, table.rows.length);
    assert.ok(section.rows.length >= n, `the ${cli[i]!.name} grid painted ${section.rows.length} rows`);
    assert.deepEqual(
      section.rows.slice(0, n),
      table.rows.slice(0, n),
      `the ${cli[i]!.name} grid and the kql CLI disagree`,
    );
  });
  await wb.screenshot(74, 'fork-notebook-first-table');
  // The second table is below the first: scrolled to as a user would, with the mouse wheel (over the
  // gutter, so the grids keep their first rows in view), until its heading is near the top.
  const machines = frame.locator('.kql-table').nth(1).locator('.table-heading');
  await waitFor('the Machines table scrolled into view', async () => {
    const box = await machines.boundingBox();
    if (box && box.y < 250) {
      return true;
    }
    await wheel(wb, 250, 'gutter');
    return undefined;
  });
  await wb.screenshot(74, 'fork-notebook-second-table');
  assert.deepEqual(await crashNotices(wb), []);
}
