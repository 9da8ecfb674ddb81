// The tdigest family: the reference's examples with the outputs it states, agreement with the exact
// percentile(), and nulls/foreign values.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aggregate, call, rows } from './helpers';

describe('tdigest (exact in this engine)', () => {
  test('the reference examples', () => {
    // tdigest(V, W) of pre-existing centroids, then the 50th percentile.
    assert.deepEqual(
      rows(`let DT=datatable(V:real, W:long) [
    1.0, 1,
    2.0, 2
];
DT
| summarize TD=tdigest(V, W)
| project P50=percentile_tdigest(TD, 50)`),
      [[2]],
    );
    // merge_tdigest of two columns.
    assert.deepEqual(
      rows(`range x from 1 to 10 step 1 
| extend y = x + 10
| summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
| project merged = merge_tdigest(tdigestX, tdigestY)
| project percentile_tdigest(merged, 100, typeof(long))`),
      [[20]],
    );
    // "In a sorted list (1-1000), the rank of 685 is its index".
    assert.deepEqual(
      rows(`range x from 1 to 1000 step 1
| summarize t_x=tdigest(x)
| project rank_of_685=rank_tdigest(t_x, 685)`),
      [[685]],
    );
  });

  test('percentile_tdigest and percentiles_array_tdigest equal the exact percentile()', () => {
    const data = 'datatable(v:long) [5, 1, 9, 9, 3, 7, 7, 7, 2, 10, 4]';
    const exact = rows(`${data} | summarize percentiles(v, 0, 10, 25, 50, 75, 90, 99, 100)`)[0];
    const viaDigest = rows(
      `${data} | summarize t = tdigest(v) | project percentiles_array_tdigest(t, 0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 100.0)`,
    )[0]![0];
    assert.deepEqual(viaDigest, exact);
    assert.deepEqual(
      rows(
        `${data} | summarize t = tdigest(v) | project p = percentile_tdigest(t, 50, typeof(long)), q = percentiles_array_tdigest(t, dynamic([25, 75]))`,
      ),
      [[7, [3, 9]]],
    );
    // Weighted: as percentilew.
    assert.deepEqual(
      rows(
        'datatable(v:long, w:long) [1, 5, 2, 1, 3, 4] | summarize t = tdigest(v, w), e = percentilew(v, w, 60) | project percentile_tdigest(t, 60, typeof(long)), e',
      ),
      [[2, 2]],
    );
  });

  test('tdigest_merge across groups, rank_tdigest and percentrank_tdigest', () => {
    assert.deepEqual(
      rows(`range x from 1 to 20 step 1 | summarize t = tdigest(x) by g = x % 3
| summarize m = tdigest_merge(t) | project p = percentile_tdigest(m, 50, typeof(long)), r = rank_tdigest(m, 15), pr = percentrank_tdigest(m, 15), low = rank_tdigest(m, 0)`),
      [[10, 15, 75, 0]],
    );
    // Scalar tdigest_merge has the same meaning as merge_tdigest.
    assert.deepEqual(
      rows(`range x from 1 to 4 step 1 | summarize a = tdigest(x), b = tdigest(x * 10)
| project percentile_tdigest(tdigest_merge(a, b), 100, typeof(long))`),
      [[40]],
    );
  });

  test('datetime digests: typed and dynamic results', () => {
    assert.deepEqual(
      rows(`range x from 1 to 3 step 1 | summarize t = tdigest(datetime(2020-01-01) + x * 1d)
| project d = percentile_tdigest(t, 50), typed = percentile_tdigest(t, 100, typeof(datetime)), arr = percentiles_array_tdigest(t, 0.0, 100.0)`),
      // A dynamic result holds a datetime with seven fraction digits, as the reference's
      // percentile_tdigest example prints ["2007-12-20T11:30:00.0000000Z"]; the typed one is a datetime.
      [
        [
          '2020-01-03T00:00:00.0000000Z',
          '2020-01-04T00:00:00Z',
          ['2020-01-02T00:00:00.0000000Z', '2020-01-04T00:00:00.0000000Z'],
        ],
      ],
    );
  });

  test('nulls, empty groups and foreign values', () => {
    assert.deepEqual(aggregate('tdigest', ['long'], 'dynamic', [[null], [3], [3]]), [['long'], [3], [2]]);
    // The reference's defaults for empty input: tdigest is null ("all others").
    assert.equal(aggregate('tdigest', ['long'], 'dynamic', []), null);
    assert.deepEqual(
      aggregate('tdigest', ['long', 'long'], 'dynamic', [
        [1, 0],
        [2, null],
        [3, -1],
      ]),
      null,
    );
    assert.equal(aggregate('tdigest_merge', ['dynamic'], 'dynamic', [[null], [[1, 2]]]), null);
    assert.equal(call('percentile_tdigest', ['dynamic', 'real'], 'dynamic', [[['long'], [], []], 50]), null);
    assert.equal(call('percentile_tdigest', ['dynamic', 'real'], 'dynamic', [{ a: 1 }, 50]), null);
    assert.equal(call('percentile_tdigest', ['dynamic', 'real'], 'dynamic', [[['long'], [1], [1]], null]), null);
    assert.equal(call('rank_tdigest', ['dynamic', 'long'], 'real', [null, 5]), null);
    assert.equal(call('percentrank_tdigest', ['dynamic', 'long'], 'real', [[['long'], [], []], 5]), null);
    // A value of another kind than the digest's (datetime against numbers) has no rank.
    assert.equal(call('rank_tdigest', ['dynamic', 'datetime'], 'real', [[['long'], [1], [1]], 5]), null);
    assert.equal(call('merge_tdigest', ['dynamic', 'dynamic'], 'dynamic', [null, 'x']), null);
  });

  test('merging digests of different types is an error, as the reference requires one type', () => {
    assert.throws(
      () =>
        call('merge_tdigest', ['dynamic', 'dynamic'], 'dynamic', [
          [['long'], [1], [1]],
          [['datetime'], [1], [1]],
        ]),
      /same type/,
    );
  });
});
