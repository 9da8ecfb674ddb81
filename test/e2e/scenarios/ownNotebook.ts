/**
 * Scenario 84: a user's hand-made notebook on a folder of their own exports (a second VS Code on a
 * folder whose `kql.local.dataFolder` holds Heartbeat.csv, VMConnection.csv and a broken CSV).
 * - The notebook opens with the outputs it was saved with, hostile ones included (an HTML output with a
 *   script and an onerror image, markdown with a javascript: link and a remote image, a result whose
 *   values are HTML, bidi overrides and a javascript: URL): all show as text, none runs.
 * - Run All: the definitions cell says what it defines, the next cell reads the own Heartbeat table
 *   with that `let`, a never-ending cell is stopped with Stop Execution; the cell after it does not
 *   run, and the notebook is still editable.
 * - A cell with a syntax error shows it at its line:column in the cell (the `let` of the cell above
 *   does not shift it), and the next run answers on a fresh engine.
 * - Save and reopen: the outputs come back from the file, which keeps each run's duration.
 * - A .kqlnb hand-edited into invalid JSON says why it cannot open, and nothing overwrites it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { openNotebookFile, outputFrame, outputGrid, outputSaying, runAll, wheel } from './notebooks';

const NOTEBOOK = 'my-fleet.kqlnb';
const BROKEN = 'hand-edited.kqlnb';
const BROKEN_TEXT = '{\n  "kqlNotebook": 1,\n  "cells": [\n    { "kind": "code", "source": ["Heartbeat"] \n';
/** Sets a mark on the document of whichever frame runs it: present only if a hostile output ran. */
const PWN = (mark: string) => `document.documentElement.setAttribute('data-pwned', '${mark}')`;
const HOSTILE_HTML = `<img src="x" onerror="${PWN('img')}"><script>${PWN('script')}</script><b>bold?</b>`;
const HOSTILE_MARKDOWN = `[open me](javascript:${PWN('md')}) ![pixel](https://tracker.invalid/p.png)`;
const HOSTILE_VALUES = ['<img src=x onerror=alert(1)>', 'report\u202Efdp.exe', 'javascript:alert(1)'];
/** Two SHA-256 a row over ten million rows: well past the moment the scenario stops it. */
const NEVER_ENDING = [
  'range x from 1 to 10000000 step 1',
  '| where hash_sha256(hash_sha256(tostring(x))) startswith "000"',
  '| count',
].join('\n');
const BROKEN_QUERY = ['Heartbeat', '| summarize Beats = count() by Computer', '| where Beats >'].join('\n');

function minutesAgo(now: number, minutes: number): string {
  return new Date(now - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeExports(dir: string): void {
  const now = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'Heartbeat.csv'),
    [
      'TimeGenerated,Computer,OSType,Version',
      `${minutesAgo(now, 50)},db-01,Linux,1.0`,
      `${minutesAgo(now, 40)},web-01,Linux,1.0`,
      `${minutesAgo(now, 30)},web-01,Linux,1.0`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Direction,RemoteIp,LinksEstablished',
      `${minutesAgo(now, 20)},web-01,outbound,10.0.0.5,2`,
    ].join('\n'),
  );
  // A quote left open: the table loads what comes before it, and the folder's Problems say where.
  fs.writeFileSync(path.join(dir, 'Broken.csv'), 'a,b\n1,"open\n2,3\n');
}

const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** The notebook as a user would write it by hand, with the outputs a hostile copy of it carries. */
function notebookFile(): string {
  const hostileResult = {
    rowsReturned: 3,
    result: {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [{ name: 'Shown', type: 'string' }],
          rows: HOSTILE_VALUES.map((v) => [v]),
        },
      ],
      stats: { backend: 'local', durationMs: 5, rowCount: 3, truncated: false },
      warnings: [],
    },
  };
  const cells = [
    { kind: 'markdown', language: 'markdown', source: lines('# My fleet\n\nHeartbeats from my own exports.') },
    { kind: 'code', language: 'kql', source: lines('let Recent = 1d;') },
    {
      kind: 'code',
      language: 'kql',
      source: lines(
        'Heartbeat\n| where TimeGenerated > ago(Recent)\n| summarize Beats = count() by Computer\n| order by Computer asc',
      ),
      executionOrder: 7,
      outputs: [
        [{ mime: 'text/html', value: HOSTILE_HTML }],
        [{ mime: 'text/markdown', value: HOSTILE_MARKDOWN }],
        [{ mime: 'application/vnd.kql.result+json', value: hostileResult }],
      ],
    },
    { kind: 'code', language: 'kql', source: lines(NEVER_ENDING) },
    { kind: 'code', language: 'kql', source: lines('VMConnection\n| summarize Links = count()') },
    { kind: 'code', language: 'kql', source: lines(BROKEN_QUERY) },
  ];
  return `${JSON.stringify({ kqlNotebook: 1, cells }, null, 2)}\n`;
}

/** Whether any frame's document (the workbench's or an output webview's) carries a hostile output's mark. */
async function pwnedMarks(wb: Workbench): Promise<string[]> {
  const marks: string[] = [];
  for (const frame of wb.page.frames() as Frame[]) {
    if (frame.isDetached()) continue;
    const mark = await frame
      .locator('[data-pwned]')
      .first()
      .getAttribute('data-pwned', { timeout: 500 })
      .catch(() => null);
    if (mark) marks.push(mark);
  }
  return marks;
}

/** The painted code cell whose text holds `text`. */
export function codeCell(wb: Workbench, text: string) {
  return wb.page.locator('.notebook-editor .code-cell-row', { hasText: text }).first();
}

/**
 * Scrolls until the code cell holding `text` is painted (VS Code paints only the cells near the
 * viewport): down a screenful at a time, then back up.
 */
export async function scrollToCell(wb: Workbench, text: string): Promise<void> {
  let steps = 0;
  await waitFor(`the cell holding "${text}" in view`, async () => {
    if (await codeCell(wb, text).isVisible()) {
      return true;
    }
    await wheel(wb, steps++ < 12 ? 400 : -400);
    return undefined;
  });
  await codeCell(wb, text).scrollIntoViewIfNeeded();
}

/** Puts the cursor at the end of a cell's text. */
export async function focusCellEnd(wb: Workbench, text: string): Promise<void> {
  await scrollToCell(wb, text);
  await codeCell(wb, text).locator('.monaco-editor .view-lines').first().click();
  await wb.page.keyboard.press('Control+End');
}

/** Runs one cell with the run button in its gutter, as a user does with the mouse. */
export async function runCell(wb: Workbench, text: string): Promise<void> {
  // The gutter's run button shows on the focused cell (a hover alone did not always show it).
  await focusCellEnd(wb, text);
  const cell = codeCell(wb, text);
  await cell.hover();
  await cell.locator('.run-button-container .action-label').first().click();
}

export async function ownNotebookScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-own-notebook-');
  writeExports(exports);
  const file = path.join(workspace, NOTEBOOK);
  fs.writeFileSync(file, notebookFile());
  fs.writeFileSync(path.join(workspace, BROKEN), BROKEN_TEXT);

  await inOwnWorkspace(main, 84, workspace, async (wb) => {
    await openNotebookFile(wb, NOTEBOOK);

    // The saved outputs show as text: the HTML's source, the markdown's source, the values in the grid.
    await outputSaying(wb, /<script>document\.documentElement/, 60_000);
    await outputSaying(wb, /\[open me\]\(javascript:/, 30_000);
    const frame = await outputFrame(wb, 'the saved result output');
    const saved = await waitFor('the saved grid of hostile values', () => outputGrid(frame, ['Shown'], 3));
    // Each value shows as its text; the right-to-left override as its code point, not reordering the name.
    assert.deepEqual(saved.cells, ['<img src=x onerror=alert(1)>', 'report[U+202E]fdp.exe', 'javascript:alert(1)']);
    assert.equal(await frame.locator('.kql-output img, .kql-output a[href], .kql-output b').count(), 0);
    for (const f of wb.page.frames() as Frame[]) {
      if (f.isDetached()) continue;
      const pictures = await f
        .locator('img[src="x"], img[src*="tracker.invalid"]')
        .count()
        .catch(() => 0);
      assert.equal(pictures, 0, `a hostile image was made in ${f.url().slice(0, 80)}`);
    }
    assert.deepEqual(await pwnedMarks(wb), [], 'a saved output ran');
    await wb.screenshot(84, 'hostile-outputs-as-text');

    // Run All: defines, the own table's grid with the earlier cell's let, then the never-ending cell.
    await runAll(wb);
    await outputSaying(wb, /^defines: Recent$/, 90_000);
    // That wait scrolls down while it looks, and VS Code paints an output only near the viewport: back
    // to the Heartbeat cell, whose grid is read next.
    await scrollToCell(wb, 'ago(Recent)');
    const beats = await waitFor(
      "the Heartbeat grid computed with the earlier cell's let",
      () => outputGrid(frame, ['Computer', 'Beats'], 4),
      90_000,
    );
    assert.deepEqual(beats.cells, ['db-01', '1', 'web-01', '2']);
    const stop = wb.page.locator('.notebook-toolbar-container:visible').getByText('Stop Execution', { exact: true });
    await stop.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The never-ending cell starts after the grid above it: give it a moment to be well under way.
    await wb.page.waitForTimeout(2_000);
    await wb.screenshot(84, 'never-ending-cell-running');
    const stopped = Date.now();
    await stop.first().click();
    await outputSaying(wb, /The query was cancelled/, 30_000);
    const stopMs = Date.now() - stopped;
    console.log(`# 84: Stop Execution to "cancelled" in ${stopMs} ms`);
    await wb.page
      .locator('.notebook-toolbar-container:visible')
      .getByText('Run All', { exact: true })
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The cell after the stopped one did not run: its grid is nowhere.
    assert.equal(await outputGrid(frame, ['Links'], 0), undefined, 'the cell after Stop did not run');
    const after = codeCell(wb, 'summarize Links');

    // Still editable: a comment typed into the cell after the stopped one lands in its text.
    await focusCellEnd(wb, 'summarize Links');
    await wb.page.keyboard.type('\n// still editable');
    await waitFor('the typed comment in the cell', async () =>
      ((await after.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('still editable') ? true : undefined,
    );

    // The broken cell, run alone: its error names its own line:column and why.
    await runCell(wb, '| where Beats >');
    const error = await outputSaying(wb, /\d+:\d+: Missing expression/, 90_000);
    assert.match(error, /\b3:16: Missing expression/, 'the line:column inside the cell');
    // The error output, under the last cell: scrolled into view for the picture.
    await wheel(wb, 600, 'gutter');
    await wb.screenshot(84, 'syntax-error-at-line-column');

    // The engine the stopped query ran on answers the next run.
    await runCell(wb, 'still editable');
    const links = await waitFor('the VMConnection count after the stop', () => outputGrid(frame, ['Links'], 1), 90_000);
    assert.deepEqual(links.cells, ['1']);

    // Save and reopen: the outputs come back from the file.
    await wb.runCommand('File: Save');
    const written = await waitFor('the saved notebook on disk', async () => {
      try {
        const text = fs.readFileSync(file, 'utf8');
        return text.includes('still editable') ? (JSON.parse(text) as SavedNotebook) : undefined;
      } catch {
        return undefined;
      }
    });
    const mimes = written.cells.flatMap((c) => (c.outputs ?? []).flat().map((o) => o.mime));
    assert.ok(!mimes.includes('text/html') && !mimes.includes('text/markdown'), `saved mimes: ${mimes.join(', ')}`);
    const heartbeat = written.cells.find((c) => c.source.join('').startsWith('Heartbeat\n| where'));
    assert.equal(typeof heartbeat?.durationMs, 'number', 'the run saved its duration');
    await wb.runCommand('View: Close All Editors', false);
    await openNotebookFile(wb, NOTEBOOK);
    const reopened = await outputFrame(wb, 'the reopened outputs');
    const again = await waitFor(
      'the saved Heartbeat grid',
      () => outputGrid(reopened, ['Computer', 'Beats'], 4),
      60_000,
    );
    assert.deepEqual(again.cells, beats.cells);
    await outputSaying(wb, /3:16: Missing expression/, 60_000);
    await wb.screenshot(84, 'reopened-with-outputs');

    // A hand-edited file that is not JSON: VS Code says why, and the file stays as it was.
    await wb.runCommand('View: Close All Editors', false);
    await wb.page.keyboard.press('Escape');
    await wb.quickOpen(BROKEN).catch(() => undefined);
    const why = await waitFor(
      'the reason the hand-edited notebook cannot open',
      async () => {
        // VS Code's own page says only "an unexpected error"; the extension's notification says why (as
        // a toast, or in the notification center when the failed editor took the toast's place).
        const toasts = (await wb.page.locator('.notifications-toasts').textContent()) ?? '';
        const center =
          (await wb.page
            .locator('.notifications-center')
            .textContent()
            .catch(() => '')) ?? '';
        const text = `${toasts} ${center}`;
        if (!/not valid JSON/.test(text)) {
          await wb.runCommand('Notifications: Show Notifications', false).catch(() => undefined);
        }
        return /cannot be opened: The notebook is not valid JSON/.test(text) ? text.replace(/\s+/g, ' ') : undefined;
      },
      60_000,
    );
    console.log(`# 84: the hand-edited notebook: ${why.slice(0, 300)}`);
    assert.match(why, /\(line 5, column 1\)/, 'the place the JSON breaks');
    await wb.screenshot(84, 'invalid-json-notebook');
    // Nothing to save: no editor holds unsaved changes that could be written over the file.
    await wb.page.keyboard.press('Control+S');
    await wb.page.waitForTimeout(1_000);
    assert.equal(await wb.page.locator('.tabs-container .tab.dirty').count(), 0, 'an editor offers to save');
    assert.equal(fs.readFileSync(path.join(workspace, BROKEN), 'utf8'), BROKEN_TEXT, 'the broken file is untouched');
    assert.deepEqual(await pwnedMarks(wb), []);
    assert.deepEqual(await crashNotices(wb), []);
  });
}

interface SavedNotebook {
  readonly cells: { source: string[]; durationMs?: number; outputs?: { mime: string }[][] }[];
}
