/**
 * Reading the results panel (a webview: VS Code nests its document in iframes) the way a user reads it:
 * the column headers and the rows the grid has painted, the chart, the error line.
 */
import type { Frame } from 'playwright-core';
import type { DomCanvas, DomDocument } from './browserTypes';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from './workbench';

declare const document: DomDocument;

export interface GridView {
  readonly headers: string[];
  /** The painted rows in display order, each cell's text as shown. */
  readonly rows: string[][];
  readonly status: string;
}

/** The results webview's frame, once it holds the tabbed panel. */
export function resultsFrame(wb: Workbench, ms = UI_TIMEOUT_MS): Promise<Frame> {
  return wb.webviewFrame('vscode-tabs', 'the results panel (is the query runner registered?)', ms);
}

export async function readGrid(frame: Frame): Promise<GridView | undefined> {
  return frame.evaluate(() => {
    const grid = document.querySelector('[role=grid]');
    if (!grid || grid.offsetParent === null) {
      return undefined; // Not painted, or on a hidden tab.
    }
    const headers = [...grid.querySelectorAll('[role=columnheader]')].map(
      (h) => (h.querySelector('.head-name') ?? h).textContent?.trim() ?? '',
    );
    const rows = [...grid.querySelectorAll('[role=row]')]
      .filter((r) => !r.hidden && r.dataset.row !== undefined)
      .sort((a, b) => Number(a.dataset.row) - Number(b.dataset.row))
      .map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? ''));
    const status = document.querySelector('.status')?.textContent ?? '';
    return { headers, rows, status };
  });
}

/**
 * Waits for a painted grid with rows that `accept` agrees is the one expected (so an older result is
 * never mistaken for it). Looks in every frame each time: the panel's document may be recreated.
 */
export function waitForGrid(
  wb: Workbench,
  what: string,
  accept: (view: GridView) => boolean,
  ms = UI_TIMEOUT_MS,
): Promise<GridView> {
  return waitFor(
    what,
    async () => {
      for (const frame of wb.page.frames()) {
        const view = frame === wb.page.mainFrame() ? undefined : await readGrid(frame).catch(() => undefined);
        if (view && view.rows.length > 0 && accept(view)) {
          return view;
        }
      }
      return undefined;
    },
    ms,
  );
}

/**
 * The options of the panel's visible list `select` (the Run all list `select.batch-picker`, the result
 * tables' `select.table-picker`) once it holds `count` of them, with the frame that shows it.
 */
export function listOptions(
  wb: Workbench,
  what: string,
  select: string,
  count: number,
  ms = UI_TIMEOUT_MS,
): Promise<{ frame: Frame; labels: string[] }> {
  return waitFor(
    what,
    async () => {
      for (const f of wb.page.frames()) {
        if (f === wb.page.mainFrame() || f.isDetached()) {
          continue;
        }
        const labels = await f
          .locator(`${select}:not([hidden]) option`)
          .allTextContents()
          .catch(() => []);
        if (labels.length === count) {
          return { frame: f, labels };
        }
      }
      return undefined;
    },
    ms,
  );
}

/** Accepts a grid whose columns are exactly `headers`. */
export function withColumns(...headers: string[]): (view: GridView) => boolean {
  return (view) => view.headers.join('\u0000') === headers.join('\u0000');
}

export interface ChartView {
  readonly kind: 'canvas' | 'svg';
  readonly width: number;
  readonly height: number;
  /** Distinct colours among the drawn pixels: a blank canvas has one. */
  readonly colours: number;
  readonly note: string;
}

/** The chart the Chart tab shows, if one is drawn. */
export async function readChart(frame: Frame): Promise<ChartView | undefined> {
  return frame.evaluate(() => {
    const host = document.querySelector('.chart-host');
    const canvas = host?.querySelector('canvas') as DomCanvas | null | undefined;
    const note = document.querySelector('.chart-note')?.textContent ?? '';
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let i = 0; data && i < data.length && seen.size < 50; i += 4 * 7) {
        seen.add(((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0);
      }
      return { kind: 'canvas' as const, width: canvas.width, height: canvas.height, colours: seen.size, note };
    }
    const svg = host?.querySelector('svg');
    if (svg) {
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('path, rect, line')].length;
      return { kind: 'svg' as const, width: box.width, height: box.height, colours: marks, note };
    }
    return undefined;
  });
}

/** The query error the Errors tab shows: its `line:column` link and message. */
export async function readError(frame: Frame): Promise<{ at: string; text: string } | undefined> {
  return frame.evaluate(() => {
    const line = document.querySelector('.error-message');
    if (!line || line.offsetParent === null) {
      return undefined;
    }
    return { at: line.querySelector('.link')?.textContent ?? '', text: line.textContent ?? '' };
  });
}

/** Notifications on screen that say something broke (an extension host crash, an unhandled error). */
export async function crashNotices(wb: Workbench): Promise<string[]> {
  const toasts = await wb.page
    .locator('.notifications-toasts .notification-list-item-message')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  return toasts.filter((t) => /terminated unexpectedly|crashed|unhandled|cannot read propert/i.test(t));
}
