/**
 * Scenario 11: "Run all" over a file whose middle query has an error runs all three and lists each
 * outcome, titled by its comment; the status bar says when the last run failed instead of keeping the
 * previous figures; a machine name picked from completion inside an auto-closed quote is not doubled.
 */
import assert from 'node:assert/strict';
import { crashNotices, listOptions, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

async function statusBarText(wb: Workbench): Promise<string> {
  const items = await wb.page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  return items.find((t) => /Local engine|local/i.test(t) && /·/.test(t)) ?? items.join(' | ');
}

export async function runAllAndStatusScenario(wb: Workbench): Promise<void> {
  await wb.openFile('run-all-error.kql');
  await wb.goTo(1);
  const runAll = wb
    .activeEditor()
    .locator('.codelens-decoration a', { hasText: /^\W*Run all$/ })
    .first();
  await runAll.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll.click();
  const { labels } = await listOptions(wb, 'three outcomes in the Run all list', 'select.batch-picker', 3, 90_000);
  assert.match(labels[0]!, /^1\/3 · line 1 · Machines that report · 1 row$/);
  assert.match(labels[1]!, /^2\/3 · line 5 · A column that does not exist · error$/);
  assert.match(labels[2]!, /^3\/3 · line 9 · Connections by direction · \d+ rows$/);
  await waitForGrid(wb, "the last query's grid", withColumns('Direction', 'Links'), 30_000);
  const warning = wb.page.locator('.notifications-toasts .notification-list-item-message', {
    hasText: /2 of 3 queries ran/,
  });
  await warning.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await wb.screenshot(11, 'run-all-with-error');

  // The last run succeeded: the status bar has its figures. Then the failing query alone.
  await wb.page
    .locator('.editor-group-container.active .monaco-editor')
    .first()
    .click()
    .catch(() => undefined);
  await wb.openFile('run-all-error.kql');
  assert.match(await statusBarText(wb), /\d+ rows? ·/);
  await wb.goTo(7, 1);
  await wb.page.keyboard.press('Shift+Enter');
  const failed = await waitFor(
    'the status bar saying the run failed',
    async () => {
      const t = await statusBarText(wb);
      return /query error/.test(t) ? t : undefined;
    },
    60_000,
  );
  assert.doesNotMatch(failed, /rows ·/);

  // A value picked inside the quote VS Code closed by itself replaces the whole literal.
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.insertText('VMConnection | where Computer == ');
  await wb.page.keyboard.type('"acme-de', { delay: 80 });
  await waitFor(
    'the "acme-demo" value in completion',
    async () => {
      const rows = await wb.page
        .locator('.editor-widget.suggest-widget.visible .monaco-list-row')
        .evaluateAll((r) => r.map((e) => e.getAttribute('aria-label') ?? ''));
      if (rows.some((r) => r.startsWith('"acme-demo"'))) {
        return rows;
      }
      if (rows.length === 0) {
        await wb.page.keyboard.press('Control+Space');
      }
      return undefined;
    },
    60_000,
  );
  await wb.page.keyboard.press('Tab');
  const line = await waitFor('the picked value in the editor', async () => {
    const lines = await wb.editorLines();
    return lines.find((l) => l.startsWith('VMConnection | where Computer == "acme-demo'));
  });
  assert.equal(line.trimEnd(), 'VMConnection | where Computer == "acme-demo"');
  await wb.screenshot(11, 'completion-in-quotes');
  assert.deepEqual(await crashNotices(wb), []);
}
