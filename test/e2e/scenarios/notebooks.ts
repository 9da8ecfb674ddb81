/**
 * Scenarios 30 and 31: KQL notebooks in a real VS Code.
 * 30: a report opens from the Reports view as a notebook; Run All draws a chart output; Pick Machines…
 *     narrows the parameter cell to one machine; the re-run grid shows only that machine; the notebook
 *     is saved and reopens with its outputs, without running again. VS Code paints a notebook's outputs
 *     only near its viewport, so the scenario scrolls to each part as a user would.
 * 31: a notebook cell returning 100,000 rows renders its grid inline, and scrolling reaches the end.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import type { DomElement } from '../browserTypes';
import { answerSaveDialog } from '../saveDialog';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const MACHINE = 'acme-sql01';

/** The frame holding the notebook's outputs (VS Code renders them in one webview per notebook). */
export function outputFrame(wb: Workbench, what: string, ms = 90_000): Promise<Frame> {
  // After 20 s it sweeps the notebook: an output is drawn only once its cell is near the viewport, and a wait
  // before this one may have scrolled past it (e2e 88, CI run 27). Not at once: that carried the first cell
  // out of view before its output was drawn (e2e 73, CI run 28).
  return scrollUntil(wb, what, () => wb.webviewFrame('.kql-output', what, 1_000).catch(() => undefined), ms, 20_000);
}

export async function outputStatuses(frame: Frame): Promise<string[]> {
  return frame.locator('.kql-output .status').allTextContents();
}

/**
 * The cells and status of the first output grid headed by `headers` once it shows `minCells` cells or
 * more; undefined before (for waitFor).
 */
export async function outputGrid(
  frame: Frame,
  headers: readonly string[],
  minCells: number,
): Promise<{ cells: string[]; status: string } | undefined> {
  const outputs = frame.locator('.kql-output');
  for (let i = 0; i < (await outputs.count()); i++) {
    const output = outputs.nth(i);
    const heads = await output.locator('[role=columnheader] .head-name').allTextContents();
    const cells = await output.locator('[role=gridcell]').allTextContents();
    if (heads.join(',') === headers.join(',') && cells.length >= minCells) {
      return { cells, status: (await output.locator('.status').first().textContent()) ?? '' };
    }
  }
  return undefined;
}

/**
 * The text of the first notebook output matching `pattern` (text, error and markdown outputs alike), scrolling
 * down the notebook until one shows.
 */
export async function outputSaying(
  wb: Workbench,
  pattern: RegExp,
  ms = 120_000,
  /** Read the whole output the match is a line of: VS Code draws a plain-text output's lines as separate elements. */
  whole = false,
): Promise<string> {
  const sweep = notebookSweep(wb);
  return waitFor(
    `a notebook output matching ${pattern}`,
    async () => {
      for (const frame of wb.page.frames() as Frame[]) {
        if (frame === wb.page.mainFrame() || frame.isDetached()) continue;
        // VS Code's markdown renderer draws each output in a shadow root, which locators reach into.
        const match = frame.getByText(pattern).first();
        const found = await (whole
          ? match.evaluate((el) => el.parentElement?.textContent ?? el.textContent, undefined, { timeout: 500 })
          : match.textContent({ timeout: 500 })
        ).catch(() => undefined);
        if (found) return found;
      }
      await sweep();
      return undefined;
    },
    ms,
  );
}

/**
 * Opens a workspace notebook by Quick Open (not openFile: a notebook has no text editor to wait for).
 * Quick Open lists a file written during the run only once the file watcher has seen it: ask again until
 * the notebook's cell list shows.
 */
export async function openNotebookFile(wb: Workbench, name: string): Promise<void> {
  await waitFor(
    `${name} open as a notebook`,
    async () => {
      await wb.page.keyboard.press('Escape');
      await wb.quickOpen(name).catch(() => undefined);
      return (await cellList(wb)
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false))
        ? true
        : undefined;
    },
    90_000,
  );
}

/** The notebook toolbar's Run All button. */
export async function runAll(wb: Workbench): Promise<void> {
  const button = wb.page.locator('.notebook-toolbar-container:visible').getByText('Run All', { exact: true }).first();
  await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await button.click();
}

function reportsRow(wb: Workbench, title: string): Locator {
  return wb.page
    .locator('.pane', { has: wb.page.locator('.pane-header[aria-label^="Reports"]') })
    .locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) })
    .first();
}

/** The notebook's cell list, where the mouse wheel scrolls (VS Code paints outputs only near the viewport). */
export function cellList(wb: Workbench): Locator {
  return wb.page.locator('.notebook-editor .cell-list-container:visible').first();
}

/**
 * Scrolls the notebook by `dy` pixels with the mouse wheel over its cell list: over its middle, or
 * over its left gutter, where no output's grid takes the wheel for its own rows.
 */
export async function wheel(wb: Workbench, dy: number, over: 'middle' | 'gutter' = 'middle'): Promise<void> {
  const box = await cellList(wb).boundingBox();
  if (box) {
    await wb.page.mouse.move(over === 'middle' ? box.x + box.width / 2 : box.x + 12, box.y + box.height / 2);
    await wb.page.mouse.wheel(0, dy);
    await wb.page.waitForTimeout(250);
  }
}

/** Where the notebook's list stands: its painted rows' indices and tops (unchanged by a wheel at either end). */
async function listPosition(wb: Workbench): Promise<string> {
  return cellList(wb)
    .locator('.monaco-list-row')
    .evaluateAll((rows: DomElement[]) =>
      rows.map((r) => `${r.getAttribute('data-index')}@${Math.round(r.getBoundingClientRect().top)}`).join(' '),
    )
    .catch(() => '');
}

/**
 * A step of a sweep over the notebook: down, and back up once a wheel no longer moves the list (and down
 * again at the top). VS Code draws an output only while its cell is near the viewport, so a wait for an
 * output must pass over every cell, not only go down: under load a cell can answer after the wait has
 * scrolled past it (e2e 88 waited 90 s at the bottom for a grid two cells up, CI run 27).
 */
export function notebookSweep(wb: Workbench, step = 250): () => Promise<void> {
  let dy = step;
  return async () => {
    const before = await listPosition(wb);
    await wheel(wb, dy);
    if ((await listPosition(wb)) === before) {
      dy = -dy;
    }
  };
}

/**
 * Scrolls the notebook until the output text matching `pattern` is inside the cell list, in its upper
 * half, for a screenshot that shows it: outputSaying finds an output anywhere in the webview, which
 * draws every output, also those scrolled out of sight.
 */
export async function revealOutput(wb: Workbench, pattern: RegExp, ms = 60_000): Promise<void> {
  await waitFor(
    `the output matching ${pattern} on screen`,
    async () => {
      const list = await cellList(wb).boundingBox();
      if (!list) return undefined;
      for (const frame of wb.page.frames() as Frame[]) {
        if (frame === wb.page.mainFrame() || frame.isDetached()) continue;
        const box = await frame
          .getByText(pattern)
          .first()
          .boundingBox({ timeout: 500 })
          .catch(() => null);
        if (!box) continue;
        const top = list.y + list.height * 0.2;
        if (box.y >= list.y + 40 && box.y + box.height <= list.y + list.height * 0.8) return true;
        await wheel(wb, Math.round(box.y - top));
        return undefined;
      }
      return undefined;
    },
    ms,
  );
}

/** Probes after each step of a sweep over the notebook until the probe answers, as a user scrolling to a part. */
export async function scrollUntil<T>(
  wb: Workbench,
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 90_000,
  /** Probe this long without scrolling first: a wait that scrolls at once can carry an output it waits for out of view before VS Code draws it. */
  stillMs = 0,
): Promise<T> {
  const sweep = notebookSweep(wb);
  const sweepFrom = Date.now() + stillMs;
  return waitFor(
    what,
    async () => {
      const found = await probe();
      if (found === undefined && Date.now() >= sweepFrom) {
        await sweep();
      }
      return found;
    },
    ms,
  );
}

/** The parameter cell (`let Computers = …`) as painted; only there while it is near the viewport. */
export function parameterCell(wb: Workbench): Locator {
  return wb.page.locator('.notebook-editor .code-cell-row', { hasText: 'let Computers' }).first();
}

/** Back up to the parameter cell, a screenful at a time. */
export async function scrollToParameters(wb: Workbench): Promise<void> {
  await waitFor('the parameter cell in view', async () => {
    if (await parameterCell(wb).isVisible()) {
      return true;
    }
    await wheel(wb, -600);
    return undefined;
  });
}

/** A painted chart of a notebook output, at least chart-sized, at most an output's height, inside the window. */
async function visibleChart(wb: Workbench, frame: Frame): Promise<true | undefined> {
  const canvas = frame.locator('.kql-output[data-view="chart"] .chart-host canvas');
  const viewport = wb.page.viewportSize();
  for (let i = 0; i < (await canvas.count()); i++) {
    const box = await canvas.nth(i).boundingBox();
    assert.ok(
      !box || box.height <= 400,
      `a chart output is ${box?.height} px tall: it must fit its output, not grow past the window`,
    );
    if (box && viewport && box.width > 200 && box.height > 100 && box.y >= 0 && box.y + box.height <= viewport.height) {
      return true;
    }
  }
  return undefined;
}

/** Part 1's output, the machines ranked by traffic (columns Computer, Sent, Received, Total): its status line and machines. */
async function rankedGrid(frame: Frame): Promise<{ status: string; machines: string[] } | undefined> {
  const outputs = frame.locator('.kql-output');
  for (let i = 0; i < (await outputs.count()); i++) {
    const output = outputs.nth(i);
    const heads = await output.locator('[role=columnheader] .head-name').allTextContents();
    if (heads.join(',') === 'Computer,Sent,Received,Total') {
      const status = (await output.locator('.status').first().textContent()) ?? '';
      const cells = await output.locator('[role=gridcell]').allTextContents();
      return { status, machines: cells.filter((c) => c.startsWith('acme-')) };
    }
  }
  return undefined;
}

/** Opens a report from the Reports view, as an untitled notebook. */
export async function openReport(wb: Workbench, title: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Focus on Reports View');
  const row = reportsRow(wb, title);
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
  await cellList(wb).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export async function reportNotebookScenario(wb: Workbench, workspace: string): Promise<void> {
  await openReport(wb, 'TCP traffic');

  await runAll(wb);
  const frame = await outputFrame(wb, 'the outputs of Run All');
  // Part 1 ranks every machine by traffic.
  const before = await scrollUntil(wb, 'the grid ranking every machine', async () => {
    const grid = await rankedGrid(frame);
    return grid && /^\d[\d,]* rows ·/.test(grid.status) && grid.machines.length > 1 ? grid : undefined;
  });
  await scrollUntil(wb, 'a chart output in view', () => visibleChart(wb, frame));
  await wb.screenshot(30, 'report-chart');

  // Change the parameter cell through the toolbar action: one machine instead of all.
  await scrollToParameters(wb);
  await wb.runCommand('Connection Analytics: Pick Machines…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 60_000 });
  const checkbox = (label: string) =>
    wb.page
      .locator('.quick-input-list .monaco-list-row', {
        has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }),
      })
      .locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-checkbox')
      .first();
  const selected = async () => (await wb.page.locator('.quick-input-widget .quick-input-count').textContent()) ?? '';
  await checkbox('All machines').click();
  await input.fill(MACHINE);
  // The list filters as the text arrives: a click on a row the filter then redraws is lost, so click
  // until the count says the one machine is picked.
  await waitFor(`${MACHINE} picked`, async () => {
    if (/\b1 Selected/i.test(await selected())) {
      return true;
    }
    await checkbox(MACHINE).click({ timeout: 2_000 });
    return /\b1 Selected/i.test(await selected()) ? true : undefined;
  });
  await wb.page.keyboard.press('Enter');
  await waitFor('the parameter cell naming the machine', async () =>
    ((await parameterCell(wb).textContent()) ?? '').includes(`"${MACHINE}"`) ? true : undefined,
  );

  await runAll(wb);
  const after = await scrollUntil(wb, `the ranked grid of ${MACHINE} alone`, async () => {
    const grid = await rankedGrid(frame);
    return grid?.status.startsWith('1 row ·') ? grid : undefined;
  });
  assert.deepEqual(after.machines, [MACHINE], 'the re-run ranks the one machine picked');
  // Every part has run before the notebook is saved (the toolbar shows Run All again, not Stop Execution).
  await wb.page
    .locator('.notebook-toolbar-container:visible')
    .getByText('Run All', { exact: true })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  assert.notEqual(after.status, before.status, 'the output changed with the parameter');
  await wb.screenshot(30, 'one-machine');

  // Save (an untitled notebook asks where) and reopen: the outputs come back from the file.
  const target = path.join(workspace, 'tcp-traffic-copy.kqlnb');
  await wb.runCommand('File: Save');
  await answerSaveDialog(wb, target);
  // The file appears before its text is written: wait for a whole notebook.
  const saved = await waitFor('the saved notebook on disk', async () => {
    try {
      return JSON.parse(fs.readFileSync(target, 'utf8')) as { cells: { outputs?: unknown[] }[] };
    } catch {
      return undefined;
    }
  });
  assert.ok(saved.cells.filter((c) => c.outputs?.length).length >= 4, 'the saved file holds the outputs');

  await wb.runCommand('View: Close All Editors', false);
  await openNotebookFile(wb, 'tcp-traffic-copy.kqlnb');
  const reopened = await outputFrame(wb, 'the outputs of the reopened notebook');
  await scrollUntil(
    wb,
    'the saved one-machine grid, shown without running',
    async () => {
      const grid = await rankedGrid(reopened);
      return grid?.status.startsWith('1 row ·') && grid.machines[0] === MACHINE ? grid : undefined;
    },
    60_000,
  );
  await scrollUntil(wb, 'a saved chart in view', () => visibleChart(wb, reopened), 60_000);
  await wb.screenshot(30, 'reopened');
}

export async function bigNotebookScenario(wb: Workbench): Promise<void> {
  // A fixture of the workspace folder, there before the server starts: Quick Open's index may not list a
  // file written during the run yet.
  await wb.quickOpen('big-result.kqlnb').catch(() => undefined);
  await wb.page
    .locator('.notebook-editor .cell-list-container:visible')
    .first()
    .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll(wb);
  const frame = await outputFrame(wb, 'the 100k-row output');
  await waitFor(
    '100,000 rows',
    async () => ((await outputStatuses(frame))[0]?.startsWith('100,000 rows ·') ? true : undefined),
    120_000,
  );
  const viewport = frame.locator('.kql-output .grid-viewport').first();
  await viewport.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // Scroll to the end in steps, as a user dragging the scroll bar would.
  for (const fraction of [0.25, 0.5, 0.75, 1]) {
    await viewport.evaluate((el: { scrollTop: number; scrollHeight: number }, f: number) => {
      el.scrollTop = el.scrollHeight * f;
    }, fraction);
    await wb.page.waitForTimeout(100);
  }
  await waitFor('the last row painted', async () => {
    const cells = await viewport.locator('[role=gridcell]').allTextContents();
    return cells.includes('100000') ? true : undefined;
  });
  await wb.screenshot(31, 'notebook-100k-scrolled');
}
