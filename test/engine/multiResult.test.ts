/**
 * The operators that return several tables (fork, facet, evaluate preview), consume and top-hitters,
 * from the Kusto reference's examples and definitions, over the small database of helpers.ts.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ExecutionResult, executeQuery } from '../../src/engine';
import type { KqlError } from '../../src/kql';
import { plainBags } from './bagData';
import { run, smallDatabase, ticks } from './helpers';

/** Every table of the result: name, column names and rows. */
function tables(query: string): { name: string; columns: string[]; rows: unknown[][] }[] {
  const result: ExecutionResult = executeQuery(query, smallDatabase(), { now: ticks('2024-01-01T03:00:00Z') });
  return result.tables.map((t) => ({
    name: t.name,
    columns: t.table.columns.map((c) => c.name),
    rows: plainBags(t.table.rows()),
  }));
}

function errorOf(query: string): Error {
  try {
    run(query);
  } catch (e) {
    return e as Error;
  }
  assert.fail(`expected an error from ${query}`);
}

describe('fork', () => {
  test("unnamed legs: one table per leg, named as Log Analytics names a query's tables", () => {
    const out = tables('range x from 1 to 5 step 1 | fork (where x > 3) (take 1) (count)');
    assert.deepEqual(
      out.map((t) => t.name),
      ['PrimaryResult', 'Table_1', 'Table_2'],
    );
    assert.deepEqual(out[0]!.rows, [[4], [5]]);
    assert.deepEqual(out[1]!.rows, [[1]]);
    assert.deepEqual(out[2]!.columns, ['Count']);
    assert.deepEqual(out[2]!.rows, [[5]]);
  });

  test('name=(…) and `| as Name` name their tables, even the first (the reference: the name of the results tab)', () => {
    const out = tables(
      'T | fork (where BytesSent > 100 | as Big) Small = (where BytesSent <= 100 | project Computer) (count)',
    );
    assert.deepEqual(
      out.map((t) => t.name),
      ['Big', 'Small', 'Table_2'],
    );
    assert.deepEqual(
      out[0]!.rows.map((r) => r[1]),
      ['db01', 'db01'],
    );
    assert.deepEqual(out[1]!.rows, [['web01'], ['web01']]);
  });

  test('the supported leg operators: summarize, top, sort, extend, project-rename, mv-expand, top-nested', () => {
    const out = tables(
      `T | fork
        (summarize n = count() by Computer | sort by n desc, Computer asc)
        (top 1 by BytesSent | project-rename Host = Computer | project Host)
        (extend t = Tags | mv-expand t | where isnotnull(t) | project t = tostring(t))
        (top-nested 1 of Direction by count())`,
    );
    assert.deepEqual(out[0]!.rows, [
      ['db01', 2],
      ['web01', 2],
      ['web02', 1],
    ]);
    assert.deepEqual(out[1]!.rows, [['db01']]);
    assert.deepEqual(out[2]!.rows, [['a'], ['b'], ['c'], ['{"k":1}']]);
    assert.deepEqual(out[3]!.rows, [['outbound', 3]]);
  });

  test('the input runs once and every leg reads the same rows (rand() agrees across legs)', () => {
    const out = tables(
      'range x from 1 to 50 step 1 | extend r = rand() | fork (summarize s = sum(r)) (summarize s = sum(r))',
    );
    assert.equal(out[0]!.rows[0]![0], out[1]!.rows[0]![0]);
  });

  test('after other statements the tables go on counting: print 1; T | fork … → PrimaryResult, Table_1, Table_2', () => {
    assert.deepEqual(
      tables('print 1; T | fork (take 1) (take 2)').map((t) => [t.name, t.rows.length]),
      [
        ['PrimaryResult', 1],
        ['Table_1', 1],
        ['Table_2', 2],
      ],
    );
  });

  test('an operator the reference does not allow in a leg is refused, naming it', () => {
    assert.match(errorOf('T | fork (join (Machines) on Computer) (take 1)').message, /'join' is not allowed/);
    assert.match(errorOf('T | fork (take 1 | render table) (take 1)').message, /'render' is not allowed/);
  });

  test('fork must end its statement: piped on, or in a let, it is an error at the fork saying why', () => {
    const piped = errorOf('T | fork (take 1) (take 2) | count');
    assert.match(piped.message, /fork returns several tables, so it can only be the last operator/);
    assert.equal((piped as KqlError).start, 'T | '.length);
    const inLet = errorOf('let f = T | fork (take 1) (take 2); f');
    assert.match(inLet.message, /fork returns several tables/);
    assert.doesNotMatch(inLet.message, /tabular expression/);
  });
});

describe('facet', () => {
  test('one table per column (value, count_<column>) after the with table, as the reference orders them', () => {
    const out = tables('T | facet by Computer, Direction with (where BytesSent > 100 | project Computer, BytesSent)');
    assert.deepEqual(
      out.map((t) => t.columns),
      [
        ['Computer', 'BytesSent'],
        ['Computer', 'count_Computer'],
        ['Direction', 'count_Direction'],
      ],
    );
    assert.deepEqual(out[0]!.rows, [
      ['db01', 300],
      ['db01', 200],
    ]);
    assert.deepEqual(out[1]!.rows, [
      ['web01', 2],
      ['db01', 2],
      ['web02', 1],
    ]);
    assert.deepEqual(out[2]!.rows, [
      ['outbound', 3],
      ['inbound', 2],
    ]);
  });

  test('without with: only the column tables; with an operator: its table first', () => {
    assert.deepEqual(
      tables('T | facet by Direction').map((t) => t.rows),
      [
        [
          ['outbound', 3],
          ['inbound', 2],
        ],
      ],
    );
    const out = tables('T | facet by Direction with top 1 by BytesSent');
    assert.deepEqual(
      out.map((t) => t.rows.length),
      [1, 2],
    );
    assert.equal(out[0]!.rows[0]![2], 300);
  });

  test('a null value is a facet value of its own', () => {
    const out = tables('T | facet by BytesSent');
    assert.equal(out[0]!.rows.length, 5);
    assert.deepEqual(
      out[0]!.rows.find((r) => r[0] === null),
      [null, 1],
    );
  });
});

describe('evaluate preview', () => {
  test('the first N rows, then a table with the number of rows of the whole input', () => {
    const out = tables('T | evaluate preview(2)');
    assert.equal(out.length, 2);
    assert.deepEqual(
      out[0]!.rows.map((r) => r[1]),
      ['web01', 'web01'],
    );
    assert.deepEqual(out[1]!.columns, ['Count']);
    assert.deepEqual(out[1]!.rows, [[5]]);
  });

  test('N larger than the input gives every row; piping on is an error at the evaluate', () => {
    assert.equal(tables('T | evaluate preview(50)')[0]!.rows.length, 5);
    assert.match(errorOf('T | evaluate preview(2) | count').message, /evaluate preview returns several tables/);
  });
});

describe('consume', () => {
  test('no rows and no columns come out; decodeblocks is accepted', () => {
    for (const q of ['T | consume', 'T | consume decodeblocks=true']) {
      const out = tables(q);
      assert.deepEqual(out, [{ name: 'PrimaryResult', columns: [], rows: [] }]);
    }
  });

  test('the input is still run to its end: one that outgrows the memory limit stops the query', () => {
    const query = 'range x from 1 to 2000000 step 1 | extend s = strcat("row ", x, " of many") | consume';
    assert.throws(() => run(query, smallDatabase(), { memoryLimitBytes: 8 * 1024 * 1024 }), /memory/i);
    assert.deepEqual(run(query.replace('2000000', '3')).rows, []);
  });
});

describe('top-hitters', () => {
  test('the N most frequent values, with approximate_count_<column> (exact here)', () => {
    const r = run('T | top-hitters 2 of Computer');
    assert.deepEqual(r.columns, ['Computer', 'approximate_count_Computer']);
    assert.deepEqual(r.rows, [
      ['web01', 2],
      ['db01', 2],
    ]);
  });

  test('by a summing column: the N values with the largest sum', () => {
    const r = run('T | top-hitters 2 of Computer by BytesSent');
    assert.deepEqual(r.columns, ['Computer', 'approximate_sum_BytesSent']);
    assert.deepEqual(r.rows, [
      ['db01', 500],
      ['web01', 150],
    ]);
  });

  test('N above the number of distinct values gives them all', () => {
    assert.equal(run('T | top-hitters 10 of Direction').rows.length, 2);
  });
});

describe('statements that are not tabular', () => {
  test('a function whose body ends in fork or consume: the error says what it returns and where they run', () => {
    assert.match(
      errorOf('let f = () { T | fork (take 1) (take 2) }; f()').message,
      /^'f\(\)' returns several tables .*only as the last operator of the query statement itself/,
    );
    assert.match(
      errorOf('let f = () { T | consume }; f()').message,
      /^'f\(\)' returns no table \(a consume inside it\)/,
    );
  });

  test('a scalar statement points at itself and says what to write instead', () => {
    const e = errorOf('T | take 1;\n1 + 1') as KqlError;
    assert.match(e.message, /^A query statement must be a tabular expression; '1 \+ 1' is a scalar value/);
    assert.deepEqual(e.range.start, { line: 1, character: 0 });
  });
});
