/**
 * Reading a side-bar tree view (Machines, Schema, Reports) as a user sees it: its rows in screen order,
 * with the label, description, depth and state the accessibility attributes expose.
 */
import type { Locator } from 'playwright-core';
import type { DomElement } from './browserTypes';
import type { Workbench } from './workbench';

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  readonly level: number;
  readonly setSize: number;
  readonly expanded: string | null;
}

/** The list of the view whose pane header starts with `view` (e.g. "Machines"). */
export function viewTree(wb: Workbench, view: string): Locator {
  return wb.page
    .locator('.pane', { has: wb.page.locator(`.pane-header[aria-label^="${view}"]`) })
    .locator('.monaco-list');
}

/** The rows the view draws, top to bottom (the list positions rows absolutely, not in DOM order). */
export async function viewTreeRows(wb: Workbench, view: string): Promise<TreeRow[]> {
  return viewTree(wb, view)
    .locator('.monaco-list-row')
    .evaluateAll((rows: DomElement[]) =>
      rows
        .map((r) => ({
          top: parseFloat(r.style.top) || 0,
          label: r.querySelector('.label-name')?.textContent ?? '',
          description: r.querySelector('.label-description')?.textContent ?? '',
          level: Number(r.getAttribute('aria-level')),
          setSize: Number(r.getAttribute('aria-setsize')),
          expanded: r.getAttribute('aria-expanded'),
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ top: _top, ...row }) => row),
    );
}
