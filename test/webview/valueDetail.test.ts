import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EXPANDED_CHARS } from '../../src/render/cellText';
import { rowCells } from '../../src/render/tableCells';
import { columnTemplate, gridMetrics } from '../../webview/results/gridMetrics';
import { valueDetail } from '../../webview/results/valueDetail';

const table = rowCells({
  name: 'PrimaryResult',
  columns: [
    { name: 'Info', type: 'dynamic' },
    { name: 'Long\u202Ename', type: 'string' },
  ],
  rows: [
    [{ port: 443 }, 'x'.repeat(MAX_EXPANDED_CHARS + 5)],
    [null, 'short'],
  ],
});

test('a dynamic value is shown indented, titled by its column and the grid row it is on', () => {
  const detail = valueDetail(table, 0, 0, 6)!;
  assert.equal(detail.title, 'Info (dynamic), row 7');
  assert.match(detail.text, /"port": 443/);
});

test('a long value shows its start and says how much was left out; a hidden character shows as its code point', () => {
  const detail = valueDetail(table, 0, 1, 0)!;
  assert.equal(detail.text.length, MAX_EXPANDED_CHARS);
  assert.match(detail.title, /^Long\[U\+202E\]name \(string\), row 1 — its first [\d,]+ of [\d,]+ characters/);
});

test('a column past the table has no detail', () => {
  assert.equal(valueDetail(table, 1, 5, 0), undefined);
});

test('columns are as wide as their longest early text, within 60 to 480 px', () => {
  const widths = columnTemplate(table, gridMetrics('14px')).split(' ');
  assert.equal(widths.length, 2);
  assert.deepEqual(
    widths.map((w) => Number.parseFloat(w)),
    [Math.max(60, ('Info'.length + 'dynamic'.length + 2) * 8.2 + 20), 480],
  );
});
