import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuseFilters } from '../../../src/engine/optimize/fuseFilters';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

test('stacked wheres become one, string-column comparisons first', () => {
  const query = 'T | where BytesSent > 60 | where Computer == "db01" | where Direction != "x"';
  assert.equal(
    rewritten(fuseFilters, query).after,
    ['where (((Computer == "db01") and (Direction != "x")) and (BytesSent > 60))', '  table T'].join('\n'),
  );
  assertSameResult(query);
});

test('terms that are not plain comparisons keep their order', () => {
  const query = 'T | where strlen(Computer) > 4 | where BytesSent > 60';
  assert.equal(
    rewritten(fuseFilters, query).after,
    ['where ((strlen(Computer) > 4) and (BytesSent > 60))', '  table T'].join('\n'),
  );
  assertSameResult(query);
});

test('a where that numbers rows is not fused: it must see only the rows kept below it', () => {
  const query = 'T | serialize | where BytesSent > 60 | where row_number() == 1';
  assertUnchanged(fuseFilters, query);
  assertSameResult(query);
});
