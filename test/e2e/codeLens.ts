/**
 * Seed queries in the examples file and the CodeLens that runs each: found by what is on screen (the
 * block's heading line and the lens drawn just above it), then clicked as a user clicks it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from './workbench';

export interface SeedBlock {
  /** The comment line that heads the block, and its 1-based line number. */
  readonly heading: string;
  readonly line: number;
  readonly query: string;
}

export function seedBlock(workspace: string, heading: string): SeedBlock {
  const lines = fs.readFileSync(path.join(workspace, 'vm-insights.kql'), 'utf8').split(/\r?\n/);
  const at = lines.indexOf(heading);
  assert.ok(at >= 0, `examples/vm-insights.kql has no seed "${heading}"`);
  let end = at + 1;
  while (end < lines.length && lines[end]!.trim() !== '') {
    end++;
  }
  return { heading, line: at + 1, query: lines.slice(at + 1, end).join('\n') };
}

/** Clicks the "Run" CodeLens shown above the block that starts at `line`. */
export async function clickRunLens(wb: Workbench, block: SeedBlock): Promise<void> {
  await wb.goTo(block.line + 1);
  const editor = wb.activeEditor();
  const lens = await waitFor(`a Run CodeLens above line ${block.line} (is the query runner registered?)`, async () => {
    const lineBox = await editor
      .locator('.view-lines .view-line')
      .filter({ hasText: /\S/ })
      .evaluateAll((els, wanted) => {
        const el = els.find((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ') === wanted);
        return el ? el.getBoundingClientRect().top : undefined;
      }, block.heading);
    if (lineBox === undefined) {
      return undefined;
    }
    const lenses = editor.locator('.codelens-decoration a', { hasText: /^\W*Run$/ });
    const tops = await lenses.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    let best = -1;
    tops.forEach((bottom, i) => {
      if (bottom <= lineBox + 2 && (best < 0 || bottom > tops[best]!)) {
        best = i;
      }
    });
    return best >= 0 && lineBox - tops[best]! < 40 ? lenses.nth(best) : undefined;
  });
  await lens.click({ timeout: UI_TIMEOUT_MS });
}
