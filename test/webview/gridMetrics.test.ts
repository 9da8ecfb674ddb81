import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridMetrics } from '../../webview/results/gridMetrics';

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
