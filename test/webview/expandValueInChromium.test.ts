/**
 * The results panel's "Expand value" view in Chromium, from the built bundle: a value's hidden characters
 * (bidirectional controls, zero-width spaces, lone surrogates) show as their code points, as in the grid
 * cell; markup stays text; a 5 MB value opens without holding the panel for long.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { openResultsPage, type ResultsPage, resultMessage, SKIP_WITHOUT_CHROMIUM } from './resultsPage';

function oneColumn(name: string, values: WireValue[]): ResultTable {
  return { name: 'PrimaryResult', columns: [{ name, type: 'string' }], rows: values.map((v) => [v]) };
}

/** Double-clicks the first cell of row `row` and returns the expanded view's title and text. */
async function expand(p: ResultsPage, row: number): Promise<{ title: string; text: string }> {
  await p.page.locator(`.grid-body [role=row][data-row="${row}"] [role=gridcell]`).first().dblclick();
  await p.page.locator('.detail').waitFor({ state: 'visible', timeout: 10_000 });
  return {
    title: (await p.page.textContent('.detail-title')) ?? '',
    text: (await p.page.textContent('.detail-text')) ?? '',
  };
}

describe('Expand value in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let p: ResultsPage;
  before(async () => {
    p = await openResultsPage({ width: 900, height: 500 });
  });
  after(async () => p.close());

  test('hidden characters show as code points, as in the cell; markup stays text', async () => {
    const values = [
      'report\u202Efdp.exe',
      '\u2066admin\u2069\u200B',
      '<script>document.title = "ran"</script>',
      '{"name": "\u202Eevil"}',
    ];
    await p.post(resultMessage(oneColumn('Name\u202E', values)));
    const shown = [
      'report[U+202E]fdp.exe',
      '[U+2066]admin[U+2069][U+200B]',
      '<script>document.title = "ran"</script>',
      // A string holding JSON is pretty-printed; its hidden characters are shown all the same.
      '{\n  "name": "[U+202E]evil"\n}',
    ];
    for (const [row, text] of shown.entries()) {
      const detail = await expand(p, row);
      assert.equal(detail.text, text, `row ${row + 1}`);
      assert.equal(detail.title, `Name[U+202E] (string), row ${row + 1}`);
    }
    assert.equal(await p.page.locator('.detail script').count(), 0);
    assert.notEqual(await p.page.title(), 'ran');
    assert.equal(await p.page.textContent('.head-name'), 'Name[U+202E]');
  });

  test('a 5 MB value opens at once, its first 100,000 characters shown; the panel answers right after', async (t) => {
    const big = `start ${'x'.repeat(5 * 1024 * 1024)} \u202Eend`;
    await p.post(resultMessage(oneColumn('Blob', [`\u202E${big.slice(0, 99_990)}`, big, 'small'])));
    const started = performance.now();
    const detail = await expand(p, 1);
    // The next frame is drawn: the layout of the text is done.
    await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
    t.diagnostic(`5 MB value expanded and painted in ${Math.round(performance.now() - started)} ms`);
    assert.equal(detail.text, big.slice(0, 100_000));
    assert.equal(
      detail.title,
      `Blob (string), row 2 — its first 100,000 of ${big.length.toLocaleString('en-US')} characters (Copy cell copies them all)`,
    );
    // A value within the limit is shown whole, its hidden characters counted after the limit.
    const whole = await expand(p, 0);
    assert.equal(whole.text, `[U+202E]${big.slice(0, 99_990)}`);
    assert.equal(whole.title, 'Blob (string), row 1');
    // Escape closes it and the grid takes keys again.
    await p.page.keyboard.press('Escape');
    assert.equal(await p.page.locator('.detail').isVisible(), false);
    assert.equal((await expand(p, 2)).text, 'small');
  });

  test('no page errors or CSP violations', async () => {
    assert.deepEqual(await p.problems(), []);
  });
});
