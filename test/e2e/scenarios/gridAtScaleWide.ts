/**
 * Scenario 113: the grid on results far from the sample's shape, as a user scrolls, sorts and resizes.
 * - 120 columns × 300 rows: scrolled to the far right and down, the header stays over the rows and its
 *   last column sits over the body's last column.
 * - 200,000 rows: Ctrl+End paints the last rows; a sort by K paints the rows in K order where the view
 *   is; after the window is resized, the rows painted are still consecutive in K order. The real
 *   column V, whose values grow down the table, shows each value whole (its width read past the first
 *   200 rows; it was cut to "130963…").
 * - In High Contrast, a null's "null" marker reads against the background (4.5:1).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomDocument, DomElement } from '../browserTypes';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { contrast, pickTheme, themeApplied } from './themes';

declare const document: DomDocument;
type Styled = (e: DomElement, pseudo?: string) => { readonly color: string; readonly backgroundColor: string };

const FILE = 'grid-at-scale-wide.kql';
const WIDE_COLUMNS = Array.from({ length: 120 }, (_, c) =>
  c % 10 === 9 ? `Column_${c + 1}_named_at_length` : `C${String(c + 1).padStart(3, '0')}`,
);

function queries(): string {
  const extend = WIDE_COLUMNS.map((name, c) => `${name} = strcat('r', i, 'c', ${c + 1})`).join(', ');
  return [
    '// 120 columns',
    `range i from 1 to 300 step 1 | project ${extend}`,
    '',
    '// 200,000 rows',
    'range i from 1 to 200000 step 1',
    "| project Name = strcat('m', i), K = (i * 7919) % 200000, V = iff(i % 10 == 0, real(null), i * 1.5)",
    '',
  ].join('\n');
}

/** The painted rows' first cell and whether any cell of the column `col` is cut (text wider than it). */
async function painted(frame: Frame, col: number): Promise<{ rows: string[][]; cut: string[] }> {
  return frame.evaluate((c) => {
    const viewport = document.querySelector('.grid-viewport')!.getBoundingClientRect();
    const rows = [...document.body.querySelectorAll('.grid-body [role=row]')]
      .filter((r) => {
        const b = r.getBoundingClientRect();
        return r.offsetParent !== null && b.bottom > viewport.top + 1 && b.top < viewport.bottom - 1;
      })
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const cells = rows.map((r) => [...r.querySelectorAll('[role=gridcell]')]);
    const cut = cells
      .map((cs) => cs[c] as unknown as { scrollWidth: number; clientWidth: number; textContent: string })
      .filter((e) => e && e.scrollWidth > e.clientWidth)
      .map((e) => e.textContent);
    return { rows: cells.map((cs) => cs.map((e) => e.textContent ?? '')), cut };
  }, col);
}

/** The K column (1) of painted rows reads n, n+1, …: the right rows, in order, without a gap. */
function consecutive(rows: string[][]): boolean {
  const k = rows.map((r) => Number(r[1]));
  return k.length > 3 && k.every((v, i) => i === 0 || v === k[i - 1]! + 1);
}

export async function gridAtScaleWideScenario(wb: Workbench, workspace: string): Promise<void> {
  fs.writeFileSync(path.join(workspace, FILE), queries());
  await wb.openFile(FILE);

  // 120 columns: far right and down, the header is over the rows and over its columns.
  await runBlock(wb, workspace, FILE, '// 120 columns');
  await waitForGrid(wb, 'the 120-column grid', withColumns(...WIDE_COLUMNS), 90_000);
  const frame = await resultsFrame(wb);
  await frame.locator('.grid-viewport').evaluate((v) => {
    const e = v as unknown as { scrollLeft: number; scrollTop: number; scrollWidth: number };
    e.scrollLeft = e.scrollWidth;
    e.scrollTop = 2_000;
  });
  const wide = await waitFor('the far right of the 120 columns painted', async () => {
    const g = await readGrid(frame);
    const geometry = await frame.evaluate(() => {
      const header = [...document.body.querySelectorAll('[role=columnheader]')].at(-1)!.getBoundingClientRect();
      const row = [...document.body.querySelectorAll('.grid-body [role=row]')].find((r) => r.offsetParent !== null);
      const last = row ? [...row.querySelectorAll('[role=gridcell]')].at(-1)!.getBoundingClientRect() : undefined;
      const viewport = document.querySelector('.grid-viewport')!.getBoundingClientRect();
      const head = document.querySelector('.grid-header')!.getBoundingClientRect();
      return { header, last, viewport, head };
    });
    return g && geometry.last && geometry.header.right <= geometry.viewport.right + 1 ? { g, geometry } : undefined;
  });
  const { header, last, viewport, head } = wide.geometry;
  assert.ok(Math.abs(header.left - last!.left) < 1, `header ${header.left} px over a column at ${last!.left} px`);
  assert.ok(Math.abs(head.top - viewport.top) < 1, `the header scrolled away: ${head.top} vs ${viewport.top}`);
  await wb.screenshot(113, 'wide-far-right');

  // 200,000 rows: the end, a sort, a resize.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// 200,000 rows');
  await waitForGrid(
    wb,
    'the 200,000-row grid',
    (v) => withColumns('Name', 'K', 'V')(v) && /200,000 rows/.test(v.status),
    120_000,
  );
  await frame.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().click();
  await frame.locator('.grid-viewport').press('Control+End');
  const end = await waitFor('the last rows painted', async () => {
    const p = await painted(frame, 2);
    return p.rows.at(-1)?.[0] === 'm200000' ? p : undefined;
  });
  assert.deepEqual(end.cut, [], `V values cut: ${end.cut.join(', ')}`);
  const k = frame.locator('[role=columnheader]', { hasText: /^K/ });
  await k.locator('.sort-button').click();
  const sorted = await waitFor('the rows in K order after the sort', async () => {
    const p = await painted(frame, 2);
    return (await k.getAttribute('aria-sort')) === 'ascending' && consecutive(p.rows) ? p : undefined;
  });
  assert.deepEqual(sorted.cut, [], `V values cut after the sort: ${sorted.cut.join(', ')}`);
  await wb.screenshot(113, 'sorted-200k');
  const size = wb.page.viewportSize()!;
  try {
    await wb.page.setViewportSize({ width: size.width - 300, height: size.height - 200 });
    await waitFor('consecutive K rows after a resize', async () => {
      const p = await painted(frame, 2);
      return consecutive(p.rows) ? p : undefined;
    });
    await wb.screenshot(113, 'resized-200k');
  } finally {
    await wb.page.setViewportSize(size);
  }

  // High Contrast: a null's marker reads against the grid.
  try {
    await pickTheme(wb, 'Default High Contrast');
    await themeApplied(wb, 'highContrast', frame);
    await frame.locator('.grid-viewport').press('Control+Home');
    const marker = await waitFor("a null's marker in High Contrast", async () =>
      frame.evaluate(() => {
        const styled = (globalThis as unknown as { getComputedStyle: Styled }).getComputedStyle;
        const nullCell = document.querySelector('.grid-body .cell.null');
        const grid = document.querySelector('.grid-viewport');
        if (!nullCell || !grid) return undefined;
        let bg = styled(grid).backgroundColor;
        if (bg === 'rgba(0, 0, 0, 0)') bg = styled(document.body).backgroundColor;
        return { color: styled(nullCell, '::before').color, background: bg };
      }),
    );
    const ratio = contrast(marker.color, marker.background);
    assert.ok(ratio >= 4.5, `null marker ${marker.color} on ${marker.background}: ${ratio.toFixed(2)}`);
    await wb.screenshot(113, 'high-contrast-nulls');
  } finally {
    await pickTheme(wb, 'Default Dark Modern');
  }
  assert.deepEqual(await crashNotices(wb), []);
}
