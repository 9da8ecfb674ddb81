/**
 * Chart tooltips are text: a result column named `image` (or `title`) must not make the tooltip build an
 * <img> (or a heading) from a data value. Unit checks of the formatter, then the built results bundle
 * in Chromium under the panel's CSP, hovering a drawn bar.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { escapeHtml, tooltipHtml } from '../../src/render/chartTooltip';
import type { ShowResultMessage } from '../../src/protocol/messages';
import { toColumnar } from '../../src/protocol/columnar';
import { bundlePath, initScript, pageJson, servePanel, type PageServer } from '../../bench/webview/page';

/** A 1×1 red PNG: allowed by the panel's img-src (data:), so only the formatter can keep it out. */
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">';

describe('chart tooltip formatter', () => {
  test('every field is an escaped key/value row; image and title are not special', () => {
    const html = tooltipHtml({ image: PIXEL, title: HOSTILE_TITLE, n: 5 });
    assert.doesNotMatch(html, /<img|<h2/);
    assert.match(html, /<td class="key">image<\/td><td class="value">data:image\/png;base64,/);
    assert.match(
      html,
      /<td class="key">title<\/td><td class="value">&#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62;<\/td>/,
    );
  });

  test('scalars, arrays and nested values are escaped text', () => {
    assert.equal(tooltipHtml('<b>"x"</b>'), '&#60;b&#62;&#34;x&#34;&#60;/b&#62;');
    assert.equal(tooltipHtml(['<a>', 1]), '[&#60;a&#62;, 1]');
    assert.equal(
      tooltipHtml({ d: { a: { b: { c: 1 } } } }, undefined, 1),
      '<table><tr><td class="key">d</td><td class="value">{&#34;a&#34;:{&#34;b&#34;:&#34;[Object]&#34;}}</td></tr></table>',
    );
    assert.equal(escapeHtml(`&<>"'`), '&#38;&#60;&#62;&#34;&#39;');
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUNDLE = bundlePath(path.resolve(__dirname, '../..'));
const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(BUNDLE);

function chartMessage(): ShowResultMessage {
  return {
    type: 'showResult',
    documentUri: 'file:///hostile/chart.kql',
    queryText: 'print image = "data:…", title = "<img …>", n = 5 | render columnchart',
    blockStartLine: 0,
    options: { maxChartPoints: 20_000 },
    result: {
      tables: [
        toColumnar({
          name: 'PrimaryResult',
          columns: [
            { name: 'image', type: 'string' },
            { name: 'n', type: 'long' },
          ],
          rows: [
            [PIXEL, 5],
            [HOSTILE_TITLE, 3],
          ],
        }),
      ],
      render: { visualization: 'columnchart' },
      stats: { backend: 'local', durationMs: 1, rowCount: 2, truncated: false },
      warnings: [],
    },
  };
}

describe('chart tooltip in Chromium under the panel CSP', {
  skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`',
}, () => {
  let server: PageServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await servePanel(BUNDLE);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    await page.addInitScript(initScript());
    await page.goto(server.url);
    await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
    // As the host posts it: columns with typed arrays, revived in the page (bench/webview/page.ts).
    await page.evaluate((json) => {
      const g = globalThis as unknown as { __postHost(m: unknown): void; __revive(j: string): unknown };
      g.__postHost(g.__revive(json));
    }, pageJson(chartMessage()));
    await page.locator('vscode-tab-header', { hasText: 'Chart' }).click();
    await page.waitForSelector('.chart-host canvas');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Moves the mouse over the canvas until a tooltip shows; returns its HTML. */
  async function hoverUntilTooltip(): Promise<string> {
    const box = (await page.locator('.chart-host canvas').boundingBox())!;
    for (let fy = 0.9; fy > 0.3; fy -= 0.1) {
      for (let fx = 0.1; fx < 0.95; fx += 0.05) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        const html = await page.evaluate<string>(`(() => {
          const el = document.getElementById('vg-tooltip-element');
          return el && el.classList.contains('visible') ? el.innerHTML : '';
        })()`);
        if (html) {
          return html;
        }
      }
    }
    throw new Error('no tooltip appeared over the chart');
  }

  test('hovering a bar shows its values as text, with no <img> and nothing run', async () => {
    const html = await hoverUntilTooltip();
    const state = await page.evaluate<{
      images: number;
      headings: number;
      keys: string[];
      text: string;
      pwned?: number;
      violations: string[];
    }>(`(() => {
      const el = document.getElementById('vg-tooltip-element');
      return {
        images: el.querySelectorAll('img').length,
        headings: el.querySelectorAll('h2').length,
        keys: [...el.querySelectorAll('td.key')].map((td) => td.textContent),
        text: el.textContent || '',
        pwned: window.__pwned,
        violations: window.__cspViolations,
      };
    })()`);
    assert.equal(state.images, 0, html);
    assert.equal(state.headings, 0, html);
    assert.ok(state.keys.includes('image'), html);
    assert.ok(state.text.includes(PIXEL) || state.text.includes(HOSTILE_TITLE), state.text);
    assert.equal(state.pwned, undefined);
    assert.deepEqual(state.violations, []);
  });
});
