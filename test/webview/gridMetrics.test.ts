import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowCells } from '../../src/render/tableCells';
import { columnTemplate, gridMetrics, widthSampleRows } from '../../webview/results/gridMetrics';

test('the default 14 px editor font keeps the 22 px rows, 18 px lines and 8.2 px characters', () => {
  assert.deepEqual(gridMetrics('14px'), { rowHeight: 22, lineHeight: 18, charWidth: 8.2 });
});

test('a larger editor font gets rows tall enough for its line and wider characters', () => {
  const m = gridMetrics('20px');
  assert.equal(m.lineHeight, 26);
  assert.equal(m.rowHeight, 30);
  assert.equal(m.charWidth, 11.71);
  // The line holds the font with room for descenders (at 18 px lines a 20 px font was cut).
  assert.ok(m.lineHeight >= 20 * 1.25);
});

test('a smaller font keeps the minimum line so rows stay clickable', () => {
  const m = gridMetrics('10px');
  assert.equal(m.lineHeight, 18);
  assert.equal(m.rowHeight, 22);
  assert.ok(m.charWidth < 8.2);
});

test('a size that is not in pixels (unset variable, em, garbage) falls back to the default', () => {
  for (const text of ['', '1.2em', 'large', '-3px', '0px']) {
    assert.deepEqual(gridMetrics(text), gridMetrics('14px'), text);
  }
});

test("a column's width reads rows past the first 200: longer numbers further down are not cut", () => {
  // 200,000 rows of a real growing with the row: the first 200 hold at most 5 characters ("298.5"),
  // the last "299998.5". Sampling the first 200 alone made the column 60 px and cut "130963.5" to "130963…".
  const n = 200_000;
  const table = rowCells({
    name: 'T',
    columns: [{ name: 'V', type: 'real' }],
    rows: Array.from({ length: n }, (_, r) => [r * 1.5]),
  });
  const m = gridMetrics('14px');
  const width = Number.parseFloat(columnTemplate(table, m));
  assert.ok(width >= '299998.5'.length * m.charWidth + 12, `${width}px is too narrow for 299998.5`);
});

test('the widths read a bounded sample: a million rows take no longer than a few thousand cells', () => {
  let reads = 0;
  const table = {
    columns: [{ name: 'S', type: 'string' as const }],
    rowCount: 1_000_000,
    text: () => {
      reads++;
      return 'x';
    },
    value: () => 'x',
  };
  columnTemplate(table, gridMetrics('14px'));
  assert.ok(reads <= 2_000, `${reads} cells read`);
});

test('the width sample: every row of a small table; the first 200 and the last of a large one, each once', () => {
  assert.deepEqual(widthSampleRows(5), [0, 1, 2, 3, 4]);
  assert.equal(widthSampleRows(1000).length, 1000);
  const big = widthSampleRows(200_000);
  assert.equal(big.length, 1000);
  assert.equal(big.at(-1), 199_999);
  assert.equal(new Set(big).size, big.length);
  assert.deepEqual(widthSampleRows(0), []);
  // 1,000 columns read 100 rows past the first 200, not 800: the template stays quick to make.
  assert.equal(widthSampleRows(200_000, 1000).length, 300);
});
