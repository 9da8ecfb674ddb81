/**
 * Queries that grow data stop at the per-query memory budget with a KqlError naming the operator and
 * the limit; string functions handle strings of hundreds of megabytes without copying them per character.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KqlError } from '../../src/kql';
import { QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';
import { run } from './helpers';
import { MemoryBudget } from '../../src/engine/exec/memoryBudget';

const MB = 1024 * 1024;

function memoryError(query: string, limitMb: number, operator: RegExp): KqlError {
  let caught: unknown;
  try {
    run(query, undefined, { memoryLimitBytes: limitMb * MB, deadline: Date.now() + 60_000 });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof KqlError, `expected a KqlError, got ${String(caught)}`);
  assert.equal(caught.code, 'KQL-MEMORY');
  assert.match(caught.message, operator);
  assert.match(caught.message, new RegExp(`${limitMb} MB`));
  return caught;
}

test('strlen, reverse and substring of a 125-million-character string answer without spreading it', () => {
  const r = run(
    'let s = strrep(strrep(strrep("abcd", 1024), 1024), 30); print n = strlen(s), tail = substring(s, 125829118, 5), head = substring(reverse(substring(s, 0, 8)), 0, 8)',
    undefined,
    { deadline: Date.now() + 60_000 },
  );
  assert.deepEqual(r.rows, [[125829120, 'cd', 'dcbadcba']]);
});

test('code points: strlen, substring and reverse keep surrogate pairs whole', () => {
  const r = run(
    'print n = strlen("a😀b"), s = substring("a😀b", 1, 1), r = reverse("a😀b"), neg = substring("123456", -2, 2)',
  );
  assert.deepEqual(r.rows, [[3, '😀', 'b😀a', '56']]);
});

test('nested strrep past the budget is a KqlError naming strrep and the limit', () => {
  memoryError('print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), 30))', 64, /strrep\(\)/);
});

test('mv-expand of many rows stops at the budget instead of aborting the process', () => {
  memoryError('range x from 1 to 5000000 step 1 | mv-expand y = pack_array(x, x) | count', 64, /mv-expand/);
});

test('mv-expand of a few rows holding huge arrays stops at the budget', () => {
  memoryError(
    'range i from 1 to 120 step 1 | extend a = range(1, 1048576) | mv-expand a | count',
    64,
    /range\(\)|mv-expand/,
  );
});

test('mv-expand of a few rows into millions checks the deadline as it goes', () => {
  const started = Date.now();
  assert.throws(
    () =>
      run(
        'range i from 1 to 3 step 1 | extend a = range(1, 1048576) | mv-expand a | mv-expand b = pack_array(a, a, a, a) | count',
        undefined,
        { deadline: Date.now() + 300, memoryLimitBytes: 8192 * MB },
      ),
    (e) => e instanceof QueryTimeoutError || (e instanceof KqlError && e.code === 'KQL-MEMORY'),
  );
  assert.ok(Date.now() - started < 5000, `stopped after ${Date.now() - started} ms`);
});

test('the budget looks at the query’s deadline and cancel flag once per megabyte charged', () => {
  const budget = new MemoryBudget(64 * MB);
  let looks = 0;
  budget.check = () => looks++;
  budget.charge(100, 'x');
  assert.equal(looks, 0);
  budget.charge(2 * MB, 'range()');
  assert.equal(looks, 1);
  for (let i = 0; i < 1024; i++) {
    budget.charge(1024, 'make_list()');
  }
  assert.equal(looks, 2);
});

test('a function that builds much in one row is stopped at its charge, not 4,096 rows later', () => {
  // 80 rows × range() of 100,001 elements charge 1.6 MB each: 128 MB in all, past the 64 MB budget.
  // The cancel flag is up only when looked at from a charge: the query must stop there, cancelled.
  // Were growth not a place to look, the rows would build until the budget ran out (KQL-MEMORY).
  assert.throws(
    () =>
      run('range i from 1 to 80 step 1 | extend a = range(i, i + 100000) | summarize sum(array_length(a))', undefined, {
        memoryLimitBytes: 64 * MB,
        isCancelled: () => new Error().stack?.includes('MemoryBudget.charge') === true,
      }),
    (e) => e instanceof QueryCancelledError,
  );
});

test('make_list, range, join and summarize charge the budget', () => {
  memoryError('range x from 1 to 3000000 step 1 | summarize make_list(strcat("value-", x))', 32, /make_list\(\)/);
  memoryError('range x from 1 to 20000000 step 1 | count', 64, /range/);
  memoryError('let a = range x from 1 to 3000 step 1 | extend k = 1; a | join kind=inner (a) on k | count', 32, /join/);
  memoryError('range x from 1 to 2000000 step 1 | summarize count() by tostring(x) | count', 32, /summarize|extend/);
});

test('a query within the budget runs as before', () => {
  const r = run(
    'range x from 1 to 1000 step 1 | mv-expand y = pack_array(x, x) | summarize n = count(), l = array_length(make_list(y))',
    undefined,
    { memoryLimitBytes: 16 * MB },
  );
  assert.deepEqual(r.rows, [[2000, 2000]]);
});

test('has, contains, startswith and endswith with a needle over 32K characters give answers, not regex errors', () => {
  const long = 'ab'.repeat(20_000);
  const r = run(
    `let n = "${long}"; print h = strcat("x ", n, " y") has n, h2 = strcat("x", n) has n, c = strcat("zz", toupper(n)) contains n, cs = strcat("zz", toupper(n)) contains_cs n, s = strcat(n, "q") startswith n, e = strcat("q", n) endswith n, hp = strcat("x ", n, "zz") hasprefix n`,
  );
  assert.deepEqual(r.rows, [[true, false, true, false, true, true, true]]);
});
