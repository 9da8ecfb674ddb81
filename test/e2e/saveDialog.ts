/**
 * Answering code-server's save dialog (the simple file dialog: a path in the quick input) as a user
 * would: type the path and press Enter.
 */
import { UI_TIMEOUT_MS, waitFor, type Workbench } from './workbench';

/**
 * The dialog fills in its default path a moment after it opens, over (or after) what was typed
 * already: type the path until it stays, then accept it.
 */
export async function answerSaveDialog(wb: Workbench, target: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await waitFor('the save path typed', async () => {
    await input.fill(target);
    await wb.page.waitForTimeout(300);
    return (await input.inputValue()) === target ? true : undefined;
  });
  await wb.page.keyboard.press('Enter');
}
