import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, Table } from '../../src/engine';
import { run } from './helpers';

describe('where over many rows', () => {
  // 100,000 rows: selections grow past their first buffer on each where path.
  const rows = Array.from({ length: 100_000 }, (_, i) => [
    i % 5 === 0 ? 'web' : `db${i % 7}`,
    i,
    i % 3 === 0 ? null : i * 0.5,
  ]);
  const db = new Database([
    Table.fromRows(
      [
        { name: 'Computer', type: 'string' },
        { name: 'Seq', type: 'long' },
        { name: 'Half', type: 'real' },
      ],
      rows,
      'T',
    ),
  ]);

  test('string, number and general predicates keep every matching row, in order', () => {
    const cases: [string, (r: (typeof rows)[number]) => boolean][] = [
      ['Computer != "web"', (r) => r[0] !== 'web'],
      ['Seq >= 1000', (r) => (r[1] as number) >= 1000],
      ['Seq % 2 == 0 or Computer == "web"', (r) => (r[1] as number) % 2 === 0 || r[0] === 'web'],
      // A subquery's values, decided once per distinct Computer; after a where, over a selection.
      ['Computer in ((T | where Seq < 3 | project Computer))', (r) => ['web', 'db1', 'db2'].includes(String(r[0]))],
      [
        'Seq > 50000 and Computer !in ((datatable(c: string)["db3", "web"]))',
        (r) => (r[1] as number) > 50000 && r[0] !== 'db3' && r[0] !== 'web',
      ],
      ['Computer in ((T | where Seq == -1 | project Computer))', () => false],
      [
        'Computer startswith "db" and Half > 100 and Seq < 90000',
        (r) => String(r[0]).startsWith('db') && r[2] !== null && (r[2] as number) > 100 && (r[1] as number) < 90000,
      ],
    ];
    for (const [predicate, keep] of cases) {
      const got = run(`T | where ${predicate} | project Seq`, db).rows.map((r) => r[0]);
      const want = rows.filter(keep).map((r) => r[1]);
      assert.equal(got.length, want.length, predicate);
      assert.deepEqual(got, want, predicate);
    }
  });
});
