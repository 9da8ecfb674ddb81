// series_outliers(): the default "ctukey" kind against the scores Kusto gives for a documented series,
// custom percentiles, and the inputs it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printed } from './helpers';

const SERIES = 'dynamic([-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4])';

test('series_outliers of the default kind gives the scores Kusto gives (p10/p90, normalised to Tukey at 1.5)', () => {
  // Kusto's answer to this series, as its authors quote it (Stack Overflow 75264555): p10 = 2.7 and
  // p90 = 11 by linear interpolation, each score (x − p) / (p90 − p10) times 2.7726….
  const { r } = printed(`print r = series_outliers(${SERIES})`);
  assert.deepEqual(
    r,
    [
      -1.904078548360857, -0.10021466044004519, 1.3361954725339347, 0, 0, 0, 0, 0, 0, 0, 0, 1.6702443406674186, 0, 0, 0,
      0,
    ],
  );
  assert.deepEqual(printed(`print r = series_outliers(${SERIES}, "ctukey")`).r, r);
});

test('series_outliers scores are reals, 0.0 included', () => {
  const { g } = printed(`print r = series_outliers(${SERIES}) | extend g = gettype(r[3]) | project g`);
  assert.equal(g, 'real');
});

test('series_outliers "ctukey" with p25/p75 scales the Tukey scores by the normal-distribution factor', () => {
  const tukey = printed(`print r = series_outliers(${SERIES}, "tukey")`).r as number[];
  const custom = printed(`print r = series_outliers(${SERIES}, "ctukey", double(null), 25, 75)`).r as number[];
  // Same fences as "tukey"; the factor is the same for every point and close to 1 (1.5 maps to 1.5).
  const factors = tukey.map((t, i) => (t === 0 ? undefined : custom[i]! / t)).filter((f) => f !== undefined);
  assert.ok(factors.length > 0);
  for (const f of factors) {
    assert.ok(Math.abs(f! - factors[0]!) < 1e-12 && f! > 0.95 && f! < 1.1, String(f));
  }
});

test('series_outliers: nulls and ignore_val score 0; percentiles outside [2, 98] give null', () => {
  assert.deepEqual(
    (printed('print r = series_outliers(dynamic([1, null, 2, 3, 100]), "ctukey", -1)').r as number[])[1],
    0,
  );
  assert.deepEqual((printed('print r = series_outliers(dynamic([-1, 1, 2, 3]), "ctukey", -1)').r as number[])[0], 0);
  assert.equal(printed('print r = series_outliers(dynamic([1, 2, 3]), "ctukey", double(null), 1, 90)').r, null);
  assert.equal(printed('print r = series_outliers(dynamic([1, 2, 3]), "ctukey", double(null), 10, 99)').r, null);
});
