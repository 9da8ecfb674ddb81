import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Database, Table } from '../../src/engine';
import { run } from './helpers';

describe('few rows over a wide span of key combinations (hashedGroups.ts)', () => {
  // Integer keys of wide ranges (1,000 × 76 × 3 with null) over 400 rows: far more possible
  // combinations than rows, with repeats, nulls and a string key among them.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: 400 }, () => [
    Math.floor(next() * 1000),
    Math.floor(next() * 4) * 25,
    next() < 0.1 ? null : Math.floor(next() * 2),
    ['tcp', 'udp'][Math.floor(next() * 2)]!,
  ]);
  const db = new Database([
    Table.fromRows(
      [
        { name: 'a', type: 'long' },
        { name: 'b', type: 'long' },
        { name: 'c', type: 'int' },
        { name: 'p', type: 'string' },
      ],
      rows,
      'T',
    ),
  ]);

  test('groups and their order of first appearance are those of a plain map', () => {
    const want = new Map<string, { row: unknown[]; n: number }>();
    for (const r of rows) {
      const key = JSON.stringify(r);
      const known = want.get(key);
      if (known) {
        known.n++;
      } else {
        want.set(key, { row: r, n: 1 });
      }
    }
    assert.ok(want.size > 50 && want.size < rows.length, 'the rows repeat some combinations');
    const got = run('T | summarize n = count() by a, b, c, p', db).rows;
    assert.deepEqual(
      got,
      [...want.values()].map(({ row, n }) => [...row, n]),
    );
  });

  test('past 2^20 combinations (the table that grows with its groups), the same groups in the same order', () => {
    // a and a * 1000 as separate keys: 1,000 × 999,001 × 76 × 3 × 2 combinations, over 2^20.
    const q = (keys: string) => run(`T | extend w = a * 1000 | summarize n = count() by ${keys}`, db).rows;
    const wide = q('a, w, b, c, p').map((r) => [r[0], r[2], r[3], r[4], r[5]]);
    assert.deepEqual(wide, q('a, b, c, p'));
  });
});
