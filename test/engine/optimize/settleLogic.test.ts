import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Database, Table } from '../../../src/engine';
import { optimizeQuery } from '../../../src/engine/optimize';
import { foldConstants } from '../../../src/engine/optimize/foldConstants';
import { settleLogic } from '../../../src/engine/optimize/settleLogic';
import { printQueryPlan } from '../../../src/engine/plan/printPlan';
import { lowerText } from '../../../src/engine/prepare';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

/** The plan after folding constants, then settling the logic around them. */
function settled(query: string, db?: Database): string {
  const plan = lowerText(query, db ?? smallDb()).plan;
  return printQueryPlan(optimizeQuery(plan, [foldConstants, settleLogic]));
}

function smallDb(): Database {
  return new Database([
    Table.fromRows(
      [
        { name: 'Computer', type: 'string' },
        { name: 'BytesSent', type: 'long' },
      ],
      [
        ['web01', 100],
        ['db01', null],
        [null, 5],
      ],
      'T',
    ),
  ]);
}

test('the reports\' every-machine idiom leaves no filter: `"*" in (Computers) or …` is true', () => {
  const query = 'let Computers = dynamic(["*"]); T | where "*" in (Computers) or Computer in (Computers) | count';
  assert.equal(settled(query), ['count', '  table T'].join('\n'));
  assertSameResult(query, smallDb());
});

test('picked machines keep the filter on Computer alone (`false or X` is X)', () => {
  const query = 'let Computers = dynamic(["web01"]); T | where "*" in (Computers) or Computer in (Computers)';
  assert.equal(settled(query), ['where (Computer in (dynamic(["web01"])))', '  table T'].join('\n'));
  assertSameResult(query, smallDb());
});

test('false and X is false, true and X is X, on either side', () => {
  assert.equal(
    rewritten(settleLogic, 'T | where BytesSent > 1 and false').after,
    ['where false', '  table T'].join('\n'),
  );
  assert.equal(
    rewritten(settleLogic, 'T | where true and BytesSent > 1').after,
    ['where (BytesSent > 1)', '  table T'].join('\n'),
  );
  assert.equal(
    rewritten(settleLogic, 'T | extend b = BytesSent > 1 or true').after,
    ['extend b = true', '  table T'].join('\n'),
  );
  for (const q of [
    'T | where BytesSent > 1 and false',
    'T | where true and BytesSent > 1',
    'T | extend b = BytesSent > 1 or true',
  ]) {
    assertSameResult(q, smallDb());
  }
});

test('a side that runs a subquery is kept, and logic without a constant is left alone', () => {
  assertUnchanged(settleLogic, 'T | where true or Computer in ((T | project Computer))', smallDb());
  assertUnchanged(settleLogic, 'T | where BytesSent > 1 or Computer == "x"', smallDb());
});

test('a side that is not a bool is not put in place of the whole', () => {
  const db = new Database([Table.fromRows([{ name: 'd', type: 'dynamic' }], [[true], [false], [null], [1]], 'D')]);
  const query = 'D | where true and d';
  const { after } = rewritten(settleLogic, query, db);
  assert.match(after, /true and/);
  assertSameResult(query, db);
});

test('random tables and predicates with constant sides: the same rows as the plan as lowered', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const bool = (): boolean | null => [true, false, null][rand(3)] ?? null;
  const rows = Array.from({ length: 200 }, () => [
    bool(),
    bool(),
    rand(5) === 0 ? null : rand(100),
    ['a', 'b', null][rand(3)] ?? null,
  ]);
  const db = new Database([
    Table.fromRows(
      [
        { name: 'p', type: 'bool' },
        { name: 'q', type: 'bool' },
        { name: 'n', type: 'long' },
        { name: 's', type: 'string' },
      ],
      rows,
      'R',
    ),
  ]);
  const leaf = (): string =>
    [
      'true',
      'false',
      'p',
      'q',
      'n > 50',
      's == "a"',
      '"*" in (dynamic(["*"]))',
      '"x" in (dynamic(["*"]))',
      'isnull(n)',
    ][rand(9)]!;
  const expr = (depth: number): string =>
    depth === 0 || rand(3) === 0
      ? leaf()
      : rand(4) === 0
        ? `not(${expr(depth - 1)})`
        : `(${expr(depth - 1)} ${rand(2) ? 'and' : 'or'} ${expr(depth - 1)})`;
  for (let i = 0; i < 40; i++) {
    const e = expr(4);
    assertSameResult(`R | where ${e}`, db);
    assertSameResult(`R | extend b = ${e} | project b`, db);
  }
});
