/**
 * One-line queries the hostile-query walk (bench/hostileQueries.ts) found failing: each now ends in a
 * correct answer or an error that names its limit and place, quickly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { executeQuery } from '../../src/engine';
import { KqlError } from '../../src/kql';
import { fuzzDatabase as db } from './fuzzQueries';

function column(query: string): string[] {
  const table = executeQuery(query, db).tables[0]!.table;
  return Array.from({ length: table.rowCount }, (_, i) => String(table.columns[0]!.column.get(i)));
}

test('range over longs near ±2^63 has its rows, exactly', () => {
  assert.deepEqual(column('range x from 9223372036854775800 to 9223372036854775807 step 3'), [
    '9223372036854775800',
    '9223372036854775803',
    '9223372036854775806',
  ]);
  assert.equal(column('range x from 9223372036854775800 to 9223372036854775807 step 1').length, 8);
  assert.deepEqual(column('range x from -9223372036854775800 to -9223372036854775808 step -4'), [
    '-9223372036854775800',
    '-9223372036854775804',
    '-9223372036854775808',
  ]);
  assert.deepEqual(column('range x from 9007199254740990 to 9007199254740993 step 1'), [
    '9007199254740990',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
  ]);
  assert.deepEqual(column('range x from 9223372036854775807 to 1 step 1'), [], 'an end before the start: no rows');
  assert.throws(
    () => executeQuery('range x from -9223372036854775807 to 9223372036854775807 step 1', db),
    /range would produce .* rows; the embedded engine allows at most 100000000/,
  );
});

test('parse_json of text nested deeper than 1,000 levels is an error naming the limit, not a stack overflow', () => {
  const deep = `print d = parse_json('${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}')`;
  const started = Date.now();
  assert.throws(
    () => runLocalQuery(db, deep),
    (e: unknown) =>
      e instanceof KqlError &&
      /parse_json: the JSON nests more than 1,000 levels deep \(at character 5,001 of 300,001\)/.test(e.message) &&
      e.range.start.line === 0,
  );
  assert.ok(Date.now() - started < 5000);
  // 1,000 levels is still read, and brackets inside strings do not count.
  assert.equal(column(`print d = parse_json(strcat(strrep('[', 1000), strrep(']', 1000)))`).length, 1);
  assert.equal(column(`print d = parse_json(strcat('["', strrep('[', 1024), '"]'))`).length, 1);
});

test('abs of a long past 2^53 keeps every digit', () => {
  assert.deepEqual(column('print abs(-9007199254740993)'), ['9007199254740993']);
  assert.deepEqual(column('print abs(-9223372036854775807)'), ['9223372036854775807']);
  assert.deepEqual(column('print abs(9223372036854775807)'), ['9223372036854775807']);
  assert.deepEqual(column('print abs(-5)'), ['5']);
});
