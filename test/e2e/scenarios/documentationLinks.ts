/**
 * Scenario 82: the installed extension's details page (Extensions view → the extension) shows README, but
 * VS Code's extension editor opens only http(s) and mailto links and loads only https pictures, and the
 * package has no repository for vsce to rewrite README's relative links against. In code-server a
 * relative link resolves against the webview's own static address: a click opens a browser tab there, on
 * code-server's "not found", not on the page (desktop VS Code's webview address is not http: the click
 * does nothing). The pages ship in the VSIX, and Connection Analytics: Open Documentation shows README in
 * VS Code's Markdown preview, where its links into docs/ open the shipped pages.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame, Page, Response } from 'playwright-core';
import { SCREENSHOT_DIR, UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const EXTENSION = 'Connection Analytics for VM insights';
const README_TITLE = 'Connection Analytics for VS Code';
const PICTURE = 'Grid and chart beside the editor';

/** A webview frame whose first h1 reads `title` and that holds `selector`. */
async function frameTitled(wb: Workbench, title: string, selector: string, what: string): Promise<Frame> {
  return waitFor(what, async () => {
    for (const frame of wb.page.frames()) {
      if (frame === wb.page.mainFrame() || frame.isDetached()) {
        continue;
      }
      const h1 = await frame
        .locator('h1')
        .first()
        .textContent({ timeout: 500 })
        .catch(() => undefined);
      if (h1?.trim() === title && (await frame.locator(selector).count()) > 0) {
        return frame;
      }
    }
    return undefined;
  });
}

/** The picture with alt text `alt` in `frame` once it has loaded or failed: a broken one has no natural width. */
async function picture(frame: Frame, alt: string, what: string): Promise<'shown' | 'broken'> {
  return waitFor(what, () =>
    frame
      .locator(`img[alt="${alt}"]`)
      .evaluate((img: { complete: boolean; naturalWidth: number }) =>
        img.complete ? (img.naturalWidth > 0 ? 'shown' : 'broken') : undefined,
      ),
  );
}

async function activeTab(wb: Workbench, label: RegExp, what: string): Promise<string> {
  return waitFor(what, async () => {
    const tab = await wb.page
      .locator('.tabs-container .tab.active')
      .getAttribute('aria-label', { timeout: 500 })
      .catch(() => null);
    return tab && label.test(tab) ? tab : undefined;
  });
}

export async function documentationLinksScenario(wb: Workbench): Promise<void> {
  // The Extensions view, as a user opens it, and the extension's entry.
  await wb.runCommand('Extensions: Show Enabled Extensions', false);
  const entry = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: EXTENSION }).first();
  await entry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await entry.click();
  await activeTab(wb, new RegExp(`^Extension: ${EXTENSION}`), 'the extension editor');
  const details = await frameTitled(wb, README_TITLE, 'a[href="docs/user-guide.md"]', 'README on the details page');
  await wb.screenshot(82, 'extension-details');
  // Its CSP lets only https pictures in.
  assert.equal(await picture(details, PICTURE, "README's picture on the details page"), 'broken');

  // A link into docs/ from the Documentation table.
  const answers: Response[] = [];
  const onResponse = (r: Response) => {
    if (r.url().endsWith('/docs/user-guide.md')) answers.push(r);
  };
  wb.context.on('response', onResponse);
  try {
    const [tab] = await Promise.all([
      wb.context.waitForEvent('page', { timeout: UI_TIMEOUT_MS }),
      details.locator('a[href="docs/user-guide.md"]').first().click(),
    ]);
    await shotOfBrokenLinkTab(tab);
    const answer = await waitFor('the answer to the link', async () => answers[0]);
    assert.match(
      answer.url(),
      /\/webview\/browser\/pre\/docs\/user-guide\.md$/,
      "resolved against the webview's address",
    );
    assert.equal(answer.status(), 404, 'code-server has no such file: the link leads nowhere');
    await tab.close();
  } finally {
    wb.context.off('response', onResponse);
  }
  // The details page itself stays as it was.
  await activeTab(wb, new RegExp(`^Extension: ${EXTENSION}`), 'the extension editor after the click');

  // The shipped pages, in the Markdown preview.
  await wb.runCommand('Connection Analytics: Open Documentation');
  await activeTab(wb, /^Preview readme\.md/i, "the Markdown preview of the extension's README");
  const preview = await frameTitled(wb, README_TITLE, '.code-line', 'README in the preview');
  assert.equal(await picture(preview, PICTURE, "README's picture in the preview"), 'shown');
  await wb.screenshot(82, 'documentation-readme');
  await preview.locator('a[href="docs/user-guide.md"]').first().click();
  await activeTab(wb, /^Preview user-guide\.md/, 'the preview of docs/user-guide.md');
  const guide = await frameTitled(wb, 'User guide', 'h2', 'the user guide in the preview');
  const sections = await guide.locator('h2').allTextContents();
  assert.ok(sections.includes('The editor'), `the user guide's sections: ${sections.join(', ')}`);
  await wb.screenshot(82, 'documentation-user-guide');
}

/** What the user sees in the tab the click opened. */
async function shotOfBrokenLinkTab(tab: Page): Promise<void> {
  await tab.waitForLoadState('load', { timeout: UI_TIMEOUT_MS });
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-82-details-link-tab.png') });
}
