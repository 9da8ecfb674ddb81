import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, Table } from '../../src/engine';
import { run } from './helpers';

/**
 * Rows with nulls in every column, negative and large numbers, NaN and ±Infinity in the real column,
 * datetimes before 1970 and far from it, and an int key with a gap.
 */
function kernelDatabase(): Database {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const reals = [1.5, -2.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e300];
  const rows = Array.from({ length: 600 }, (_, i) => [
    next() < 0.1 ? null : (Math.round(((next() - 0.3) * 4e18) / 1e6) * 1e6 * 10_000) / 1e6 + i,
    next() < 0.1 ? null : Math.floor((next() - 0.5) * 2e12),
    next() < 0.1 ? null : Math.floor(next() * 1e6),
    next() < 0.1 ? null : reals[i % reals.length]! * (next() < 0.5 ? 1 : 3),
    next() < 0.1 ? null : [3, 4, 7, 100, -5][i % 5]!,
    ['a', 'b', 'c', ''][i % 4]!,
  ]);
  return new Database([
    Table.fromRows(
      [
        { name: 't', type: 'datetime' },
        { name: 'a', type: 'long' },
        { name: 'b', type: 'long' },
        { name: 'r', type: 'real' },
        { name: 'k', type: 'int' },
        { name: 's', type: 'string' },
      ],
      rows,
      'T',
    ),
  ]);
}

/** Each row as text, telling null, NaN, ±Infinity and -0 apart. */
function text(query: string, db: Database): string[] {
  const show = (v: unknown) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : JSON.stringify(v));
  return run(query, db).rows.map((row) => row.map(show).join('|'));
}

/** Wrapping an expression in iff(true, x, x) takes it off every typed path onto the row-by-row one. */
const rowByRow = (expr: string) => `iff(true, ${expr}, ${expr})`;

describe('typed kernels give what the row-by-row path gives', () => {
  const db = kernelDatabase();
  const computed = {
    h: 'hourofday(t)',
    m: 'datetime_part("minute", t)',
    sec: 'datetime_part("Second", t)',
    sum: 'a + b',
    diff: 'a - 7',
    scaled: 'r * 2',
    shifted: 't + 1h',
    mixed: 'b * 3 + k',
    // Two columns: the pair kernel (pairArithmetic.ts), with nulls on both sides, NaN and ±Infinity.
    reals: 'r + r',
    realTimesLong: 'r * b',
    ints: 'k * k',
    intMinusLong: 'k - a',
    // a * b leaves 2^53: the kernel declines and the exact path computes it.
    product: 'a * b',
  };
  const extend = (wrap: (e: string) => string) =>
    Object.entries(computed)
      .map(([name, e]) => `${name} = ${wrap(e)}`)
      .join(', ');

  for (const source of ['T', 'T | where s != "c"', 'T | where a > 0 or isnull(a)']) {
    test(`extend over ${source}`, () => {
      assert.deepEqual(
        text(`${source} | extend ${extend((e) => e)}`, db),
        text(`${source} | extend ${extend(rowByRow)}`, db),
      );
    });
  }

  for (const source of ['T', 'T | where s != "b"']) {
    test(`summarize by an int key, a bin and a string over ${source}`, () => {
      const aggregates =
        'n = count(), sa = sum(a), mi = min(r), ma = max(r), sb = sum(b), mk = min(k), dk = dcount(k), da = dcount(a)';
      for (const by of [['k'], ['bin(t, 1h)'], ['s', 'k'], ['bin(a, 1000000000)'], ['k', 'bin(t, 1d)']]) {
        const keyNames = by.map((_, i) => `k${i + 1}`);
        const keys = (wrap: (e: string) => string) => by.map((e, i) => `${keyNames[i]} = ${wrap(e)}`).join(', ');
        const ordered = `| order by ${keyNames.map((n) => `${n} asc nulls first`).join(', ')}`;
        assert.deepEqual(
          text(`${source} | summarize ${aggregates} by ${keys((e) => e)} ${ordered}`, db),
          text(
            `${source} | summarize n = count(), sa = sum(${rowByRow('a')}), mi = min(${rowByRow('r')}), ma = max(${rowByRow('r')}), sb = sum(${rowByRow('b')}), mk = min(${rowByRow('k')}), dk = dcount(${rowByRow('k')}), da = dcount(${rowByRow('a')}) by ${keys(rowByRow)} ${ordered}`,
            db,
          ),
          `summarize by ${by.join(', ')}`,
        );
      }
    });
  }

  test("a sum that meets NaN is the library's answer, and min and max skip NaN", () => {
    const nan = new Database([
      Table.fromRows(
        [
          { name: 'g', type: 'string' },
          { name: 'r', type: 'real' },
        ],
        [
          ['x', 1],
          ['x', Number.NaN],
          ['y', 2],
          ['y', null],
        ],
        'N',
      ),
    ]);
    assert.deepEqual(
      text('N | summarize s = sum(r), lo = min(r), hi = max(r) by g | order by g asc', nan),
      text(
        `N | summarize s = sum(${rowByRow('r')}), lo = min(${rowByRow('r')}), hi = max(${rowByRow('r')}) by g | order by g asc`,
        nan,
      ),
    );
  });
});
