/**
 * Scenario 2: the language server completes columns from the schema (and the columns a summarize
 * produces), and reports a misspelt column as a squiggle and a Problems entry.
 * Word-based suggestions are off for KQL in the test settings and the file holds none of the words
 * expected, so every suggestion seen here comes from the extension.
 */
import assert from 'node:assert/strict';
import { waitFor, type Workbench } from '../workbench';

/** The first answer waits for the language server to load Kusto.Language (seconds on a busy machine). */
const COMPLETION_TIMEOUT_MS = 60_000;

/** The suggest widget's rows as "label, kind" aria labels. */
async function suggestions(wb: Workbench): Promise<string[]> {
  return wb.page
    .locator('.editor-widget.suggest-widget.visible .monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

/** Types `prefix` (inserted at once, as a paste) then `typed` key by key, and waits for `expected`. */
export async function expectSuggestion(
  wb: Workbench,
  prefix: string,
  typed: string,
  expected: string,
): Promise<string[]> {
  await wb.page.keyboard.insertText(prefix);
  await wb.page.keyboard.type(typed, { delay: 60 });
  const isExpected = (label: string): boolean => label.split(',')[0]?.trim() === expected;
  let triggeredAt = Date.now();
  return waitFor(
    `a "${expected}" completion after "${prefix}${typed}"`,
    async () => {
      const rows = await suggestions(wb);
      if (rows.some(isExpected)) {
        return rows;
      }
      // The first answer can take seconds while the server loads Kusto.Language; asking again too soon
      // would cancel it. Ask again (as a user would) when the widget closed or showed no columns a while.
      if (rows.length === 0 || Date.now() - triggeredAt > 15_000) {
        triggeredAt = Date.now();
        if (rows.length > 0) {
          await wb.page.keyboard.press('Escape');
        }
        await wb.page.keyboard.press('Control+Space');
      }
      return undefined;
    },
    COMPLETION_TIMEOUT_MS,
  );
}

async function replaceCurrentLine(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.press('Shift+Home');
  await wb.page.keyboard.press('Shift+Home'); // The first press stops at the indentation.
  await wb.page.keyboard.press('Delete');
}

export async function completionScenario(wb: Workbench): Promise<void> {
  await wb.openFile('completion.kql');
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Enter');

  const columns = await expectSuggestion(wb, 'VMConnection | where ', 'Comp', 'Computer');
  const computer = columns.find((l) => l.startsWith('Computer'))!;
  assert.doesNotMatch(computer, /,\s*Text\b/, `"${computer}" is a word-based suggestion, not a column`);
  await wb.screenshot(2, 'completion');

  await replaceCurrentLine(wb);
  await expectSuggestion(wb, 'VMConnection | summarize count() by Computer | where ', 'cou', 'count_');

  await replaceCurrentLine(wb);
  await wb.page.keyboard.insertText('VMConnection | where Computr == "acme-demo"');
  await wb.page.keyboard.press('Escape');
  const editor = wb.activeEditor();
  await waitFor('a squiggle under the misspelt column Computr', async () =>
    (await editor.locator('.squiggly-error').count()) > 0 ? true : undefined,
  );
  const problem = await waitFor('a Problems entry naming Computr', async () => {
    const rows = await wb.problems();
    return rows.find((r) => r.includes('Computr'));
  });
  // The misspelt name starts at column 22 of the file's third line.
  assert.match(problem, /Ln 3, Col 22/, `the Problems entry is placed wrongly: ${problem}`);
  await wb.screenshot(2, 'problems');
}
