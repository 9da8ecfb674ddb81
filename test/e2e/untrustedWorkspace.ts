/**
 * A folder opened in a second VS Code with workspace trust on, where the user answers "No, I don't
 * trust the authors": the workbench runs in Restricted Mode. The server stops and the folder is removed
 * whatever happens.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCodeServer } from './codeServer';
import { Workbench } from './workbench';

export async function inUntrustedWorkspace(
  main: Workbench,
  scenario: number,
  workspace: string,
  body: (wb: Workbench) => Promise<void>,
  /** Called with the trust prompt showing, before it is answered (a screenshot of it, say). */
  onPrompt?: (page: Page) => Promise<void>,
): Promise<void> {
  const server = await startCodeServer({
    codeServerDir: process.env.CODE_SERVER_DIR!,
    vsix: process.env.KQL_VSIX ?? path.resolve(__dirname, '../../dist-vsix/connection-analytics.vsix'),
    workspace,
    workspaceTrust: true,
  });
  let wb: Workbench | undefined;
  try {
    const context = await main.context
      .browser()!
      .newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await context.newPage();
    wb = Workbench.attach(context, page);
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // VS Code asks whether to trust the folder's authors: the user says no.
    const no = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ });
    await no.waitFor({ state: 'visible', timeout: 90_000 });
    await onPrompt?.(page);
    await no.click();
    await body(wb);
  } catch (e) {
    await wb?.page
      .screenshot({ path: path.join(os.tmpdir(), `kql-e2e-failed-${scenario}-untrusted-workbench.png`) })
      .catch(() => undefined);
    throw e;
  } finally {
    await wb?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
