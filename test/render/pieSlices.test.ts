import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OTHER_NAMES, PIE_SLICES, type PieRow, pieSlices } from '../../src/render/pieSlices';

const row = (x: string, y: number | null): PieRow => ({ x, series: x, y });

describe('pieSlices', () => {
  test('up to the limit every row keeps its slice, with its name, value and share in the tooltip', () => {
    const s = pieSlices([row('web', 3), row('db', 1), row('(null)', null)], 'Computer', 'Failed');
    assert.equal(s.other, undefined);
    assert.deepEqual(s.names, ['web', 'db', '(null)']);
    assert.deepEqual(
      s.rows.map((r) => r.tip),
      [
        { Computer: 'web', Failed: '3', Share: '75.0%' },
        { Computer: 'db', Failed: '1', Share: '25.0%' },
        { Computer: '(null)', Failed: 'null', Share: '0.0%' },
      ],
    );
  });

  test('past the limit the largest keep their slice in the query order; the rest add up in "Other"', () => {
    const rows = [row('a', 1), row('b', 50), row('c', 2), row('d', 40), row('e', 3)];
    const s = pieSlices(rows, 'Name', 'N', 3);
    assert.deepEqual(
      s.rows.map((r) => [r.x, r.y]),
      [
        ['b', 50],
        ['d', 40],
        ['Other (3 slices)', 6],
      ],
    );
    assert.equal(s.other, 'Other (3 slices)');
    assert.deepEqual(s.names, ['b', 'd', 'Other (3 slices)']);
    assert.equal(s.rows[2]!.tip.Slices, 'e, c, a', 'largest first');
  });

  test('a name that repeats is one slice whose values add up; ties keep the query order', () => {
    const s = pieSlices([row('x', 1), row('y', 1), row('x', 1), row('z', 1)], 'K', 'V', 2);
    assert.deepEqual(
      s.rows.map((r) => r.x),
      ['x', 'x', 'Other (2 slices)'],
    );
  });

  test('a slice already called "Other (n slices)" stays apart from the group', () => {
    const rows = [row('Other (2 slices)', 10), row('b', 1), row('c', 1)];
    const s = pieSlices(rows, 'K', 'V', 2);
    assert.equal(new Set(s.names).size, 2);
    assert.notEqual(s.other, 'Other (2 slices)');
  });

  test('the default limit draws 20 slices; the Other tooltip names its first 120 and counts the rest', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(`s${i}`, 500 - i));
    const s = pieSlices(rows, 'K', 'V');
    assert.equal(s.rows.length, PIE_SLICES);
    const listed = s.rows.at(-1)!.tip.Slices!;
    assert.equal(listed.split(', ').length, OTHER_NAMES + 1);
    assert.ok(listed.endsWith(`… and ${500 - 19 - OTHER_NAMES} more (the Results tab lists every row)`));
  });

  test('hostile names: long ones cut in tooltips (markup stays text: chartTooltip escapes it)', () => {
    const long = 'L'.repeat(2000);
    const rows = [row(long, 100), row('<script>alert(1)</script>', 90), row('עברית RTL', 1), row(long + 'x', 1)];
    const s = pieSlices(rows, 'K', 'V', 3);
    assert.equal(s.rows[0]!.x, long, 'the slice keeps its whole name (the legend cuts it on screen)');
    assert.equal(s.rows[0]!.tip.K!.length, 201);
    assert.equal(s.rows[1]!.tip.K, '<script>alert(1)</script>');
    assert.equal(s.rows.at(-1)!.tip.Slices, `עברית RTL, ${'L'.repeat(40)}…`);
  });

  test('tooltip fields never overwrite each other when the columns are called Share or Slices', () => {
    const rows = Array.from({ length: 4 }, (_, i) => row(`s${i}`, 4 - i));
    const same = pieSlices(rows, 'Share', 'Share', 2).rows.at(-1)!.tip;
    assert.deepEqual(Object.keys(same), ['Share', 'Share (value)', 'Share of the pie', 'Slices']);
    const slices = pieSlices(rows, 'Slices', 'N', 2).rows.at(-1)!.tip;
    assert.deepEqual(Object.keys(slices), ['Slices', 'N', 'Share', 'Slices in it']);
  });

  test('negative, infinite and null values count as nothing in shares and ranks', () => {
    const s = pieSlices([row('a', -5), row('b', Number.POSITIVE_INFINITY), row('c', 2)], 'K', 'V');
    assert.deepEqual(
      s.rows.map((r) => r.tip.Share),
      ['0.0%', '0.0%', '100.0%'],
    );
  });
});
