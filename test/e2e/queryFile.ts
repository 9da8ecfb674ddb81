/**
 * Queries of the scenario workspace's .kql files, found by the comment line that heads each block, and
 * run as a user runs one: cursor into the block, Shift+Enter.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workbench } from './workbench';

/** The query of the scenario workspace's one-query file `file`, without its comment lines (for the CLI). */
export function workspaceQuery(file: string): string {
  return fs
    .readFileSync(path.join(__dirname, 'workspace', file), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('//'))
    .join('\n');
}

/** The 1-based line of the comment `heading` in the workspace file `file`. */
export function headingLine(workspace: string, file: string, heading: string): number {
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split(/\r?\n/);
  const at = lines.indexOf(heading);
  assert.ok(at >= 0, `${file} has no block headed "${heading}"`);
  return at + 1;
}

/** Runs the block headed `heading` of the file open in the active editor. */
export async function runBlock(wb: Workbench, workspace: string, file: string, heading: string): Promise<void> {
  await wb.goTo(headingLine(workspace, file, heading) + 1);
  await wb.page.keyboard.press('Shift+Enter');
}

/** The status bar item that names the backend and time range (and the last run). */
export async function runStatusText(wb: Workbench): Promise<string> {
  const items = await wb.page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  return items.find((t) => /Sample workspace|Files: |Log Analytics/.test(t) && /·/.test(t)) ?? items.join(' | ');
}

/** Puts the focus back in the query file's editor (the first group) after working in the results panel. */
export async function backToEditor(wb: Workbench): Promise<void> {
  // The editor's own box, not its lines' (which scroll out above it in a long file).
  await wb.page
    .locator('.editor-group-container')
    .first()
    .locator('.monaco-editor')
    .first()
    .click({ position: { x: 300, y: 40 } });
}
