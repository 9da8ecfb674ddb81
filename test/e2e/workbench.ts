/**
 * Drives the VS Code web workbench the way a user does: keyboard, command palette, clicks on what is on
 * screen. Selectors are the workbench's own aria labels and classes; every wait is bounded so a missing
 * feature fails with a message naming what did not appear, instead of hanging the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Frame, type Locator, type Page } from 'playwright-core';
import type { DomElement } from './browserTypes';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../docs/screenshots');

/** Waits long enough for a loaded 2-core CI machine, short enough that a missing feature fails soon. */
export const UI_TIMEOUT_MS = 30_000;

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}; run test/e2e/setup.sh`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Fails with `what` in the message when `action` does not finish within `ms`. */
export async function within<T>(what: string, ms: number, action: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      action(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value that is not undefined; fails naming `what` when it never does. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`${what}: not seen within ${ms / 1000} s${why}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    /** Date.now() when the workbench was opened: the extension activated after it. */
    readonly openedAt: number,
  ) {}

  /** A fresh browser context (its own storage, so no editor state leaks between scenarios). */
  static async open(browser: Browser, url: string, options: { timezoneId?: string } = {}): Promise<Workbench> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      // A browser zone other than the machine's (UTC here), e.g. to see charts keep UTC times.
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
    // tsx (esbuild keepNames) wraps functions declared inside page functions in __name(); give every
    // frame (webviews included) that helper so those functions run in the page as written.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    // KQL_E2E_TRACE (run.sh): every action and its time, to find where a scenario waits.
    if (process.env.KQL_E2E_TRACE) {
      await context.tracing.start({ screenshots: false, snapshots: false });
    }
    const page = await context.newPage();
    const openedAt = Date.now();
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer lists the workspace once the remote file system answers.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    // The extension's contributions are registered once its view container is in the activity bar.
    await page
      .waitForSelector('.activitybar .action-item [aria-label^="Connection Analytics"]', { timeout: 60_000 })
      .catch(() => {
        throw new Error('the Connection Analytics view container never appeared: is the VSIX installed?');
      });
    return new Workbench(context, page, openedAt);
  }

  /** A workbench already loaded in `page` (one a scenario opened itself, e.g. on a second server). */
  static attach(context: BrowserContext, page: Page): Workbench {
    return new Workbench(context, page, Date.now());
  }

  async close(): Promise<void> {
    if (process.env.KQL_E2E_TRACE) {
      await this.context.tracing.stop({ path: `${process.env.KQL_E2E_TRACE}/own-${Date.now()}.zip` });
    }
    await this.context.close();
  }

  /** Back to an empty editor area with no panel: what the previous scenario left is reverted and closed. */
  async reset(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dismissDialogs();
    await this.runCommand('View: Close All Editors', false);
    // Edited files ask whether to save; a scenario's edits are never kept.
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
    const tabs = this.page.locator('.tabs-container .tab');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while ((await tabs.count()) > 0 && Date.now() < deadline) {
      if (await dontSave.isVisible()) {
        await dontSave.click();
      }
      await this.page.waitForTimeout(200);
    }
    const left = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    if (left.length > 0) {
      throw new Error(`editors still open after Close All Editors: ${left.join('; ')}`);
    }
    if (await this.page.locator('.part.panel').isVisible()) {
      await this.runCommand('View: Hide Panel', false);
    }
  }

  private async dismissDialogs(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    for (let i = 0; i < 3 && (await dialog.isVisible().catch(() => false)); i++) {
      await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Runs a command by its palette title, as a user does with F1. A command that fails at once (not
   * registered, threw) shows a modal dialog; that dialog's text becomes the error here.
   */
  async runCommand(title: string, checkErrorDialog = true): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // A modal dialog that opens on its own (a host confirmation after a settings change) closes the
    // palette between its opening and the typing: open it again, as a user would.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const opened = await input.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (!opened) {
        // F1 pressed just after a click on a webview's tab can stay in the webview's frame (seen once in
        // scenario 66): open the palette from the title bar's command center, as a user does with the mouse.
        await this.page.locator('.command-center .command-center-center').click();
        await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      }
      const typed = await input.fill(`>${title}`, { timeout: 5_000 }).then(
        () => true,
        (e: unknown) => {
          if (attempt >= 3) {
            throw e;
          }
          return false;
        },
      );
      if (typed) {
        break;
      }
    }
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new Error(`command "${title}" is not in the command palette (is it registered?)`);
    });
    await row.click();
    if (checkErrorDialog) {
      const dialog = this.page.locator('.monaco-dialog-box');
      const shown = await dialog.waitFor({ state: 'visible', timeout: 750 }).then(
        () => true,
        () => false,
      );
      if (shown) {
        const text = (await dialog.innerText()).replace(/\s+/g, ' ');
        await this.page.keyboard.press('Escape');
        throw new Error(`"${title}" failed: ${text}`);
      }
    }
  }

  /**
   * Opens a workspace file with Quick Open and waits for its text editor to show its lines. A notebook
   * has no text editor: open it with `quickOpen`.
   */
  async openFile(name: string): Promise<Locator> {
    await this.quickOpen(name);
    const editor = this.activeEditor();
    await editor.locator('.view-lines .view-line').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return editor;
  }

  /**
   * Opens a workspace file with Quick Open and waits for its tab to be the active one. Quick Open lists a
   * file written during the run only once the file watcher has seen it, so the search is asked again
   * until it does (three times the UI timeout at most).
   */
  async quickOpen(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    const deadline = Date.now() + 3 * UI_TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await input.fill(name);
      const listed = await row
        .waitFor({ state: 'visible', timeout: Math.min(UI_TIMEOUT_MS, 10_000) })
        .then(() => true)
        .catch(() => false);
      if (listed) break;
      if (Date.now() > deadline) throw new Error(`Quick Open never listed ${name}`);
    }
    await row.click();
    await this.page
      .locator(`.tabs-container .tab.active[aria-label^="${name}"]`)
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** The focused text editor of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Moves the cursor with Go to Line (1-based line and column). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** The visible text of the active editor, line by line (Monaco renders spaces as nbsp). */
  async editorLines(): Promise<string[]> {
    const lines = await this.activeEditor()
      .locator('.view-lines .view-line')
      .evaluateAll((els: DomElement[]) =>
        els
          .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return lines.map((l) => l.replace(/\u00a0/g, ' '));
  }

  /**
   * The webview frame whose document holds `selector` (VS Code nests each webview's content in an inner
   * iframe). Polls because the panel's HTML loads after the panel opens.
   */
  async webviewFrame(selector: string, what: string, ms = UI_TIMEOUT_MS): Promise<Frame> {
    return waitFor(
      what,
      async () => {
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame() || frame.isDetached()) {
            continue;
          }
          if (
            (await frame
              .locator(selector)
              .count()
              .catch(() => 0)) > 0
          ) {
            return frame;
          }
        }
        return undefined;
      },
      ms,
    );
  }

  /** Saves docs/screenshots/e2e-<n>-<name>.png and returns its path. */
  async screenshot(n: number, name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `e2e-${n}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Rows of the Problems panel as shown: message, source and code, `[Ln l, Col c]`. */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return panel.locator('.monaco-list-row').evaluateAll((rows: DomElement[]) => rows.map((r) => r.textContent ?? ''));
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
