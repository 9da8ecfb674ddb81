/**
 * Scenario 1: the seed queries open as KQL and the grammar colours them: a keyword's and a string's
 * computed colours differ from the editor's plain-text colour and from each other.
 */
import assert from 'node:assert/strict';
import type { DomElement, GetComputedStyle } from '../browserTypes';
import type { Workbench } from '../workbench';

declare const getComputedStyle: GetComputedStyle;

interface TokenColours {
  plain: string;
  keyword?: { text: string; colour: string };
  string?: { text: string; colour: string };
}

export async function highlightingScenario(wb: Workbench): Promise<void> {
  const editor = await wb.openFile('vm-insights.kql').catch((e: Error) => {
    throw new Error(
      `the examples file did not open (examples/vm-insights.kql copied into the workspace?): ${e.message}`,
    );
  });
  const mode = await wb.page.locator('.statusbar-item#status\\.editor\\.mode').innerText();
  assert.match(mode, /KQL/, `the status bar shows language "${mode}", not KQL: is the language contributed?`);

  // Tokens are coloured once the grammar has loaded; poll until a keyword has a colour of its own.
  let colours: TokenColours | undefined;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    colours = await editor.evaluate((root: DomElement) => {
      const lines = root.querySelector('.view-lines')!;
      const plain = getComputedStyle(lines).color;
      const spans = [...root.querySelectorAll('.view-lines .view-line span > span')];
      const pick = (test: (text: string) => boolean): { text: string; colour: string } | undefined => {
        const span = spans.find((s) => test((s.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
        return span ? { text: span.textContent ?? '', colour: getComputedStyle(span).color } : undefined;
      };
      return {
        plain,
        keyword: pick((t) => t === 'where' || t === 'summarize'),
        string: pick((t) => /^"[^"]*"$/.test(t)),
      };
    });
    if (colours.keyword && colours.string && colours.keyword.colour !== colours.plain) {
      break;
    }
    await wb.page.waitForTimeout(500);
  }
  assert.ok(colours?.keyword, 'no `where`/`summarize` token is rendered as a token of its own');
  assert.ok(colours.string, 'no string literal is rendered as a token of its own');
  assert.notEqual(colours.keyword.colour, colours.plain, `keyword "${colours.keyword.text}" has the plain-text colour`);
  assert.notEqual(colours.string.colour, colours.plain, `string ${colours.string.text} has the plain-text colour`);
  assert.notEqual(colours.keyword.colour, colours.string.colour, 'keywords and strings share one colour');

  const lines = await wb.editorLines();
  assert.ok(
    lines.some((l) => /^(VMConnection|VMBoundPort)\b/.test(l)),
    `the editor does not show the seed queries; first lines: ${lines.slice(0, 3).join(' / ')}`,
  );
  await wb.screenshot(1, 'highlighting');
}
