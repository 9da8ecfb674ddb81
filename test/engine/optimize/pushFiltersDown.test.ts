import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushFiltersDown } from '../../../src/engine/optimize/pushFiltersDown';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

test('a where on columns an extend passes through moves below it', () => {
  const query = 'T | extend h = hourofday(TimeGenerated) | where Computer == "web01"';
  assert.equal(
    rewritten(pushFiltersDown, query).after,
    ['extend h = hourofday(TimeGenerated)', '  where (Computer == "web01")', '    table T'].join('\n'),
  );
  assertSameResult(query);
});

test('a where moves below a project that passes its columns through, and on below an extend', () => {
  const query = 'T | extend k = 1 | project Computer, BytesSent, k | where BytesSent > 60';
  assert.equal(
    rewritten(pushFiltersDown, query).after,
    ['project Computer, BytesSent, k', '  extend k = 1', '    where (BytesSent > 60)', '      table T'].join('\n'),
  );
  assertSameResult(query);
});

test('not when the where reads a computed, replaced or renamed column', () => {
  assertUnchanged(pushFiltersDown, 'T | extend h = hourofday(TimeGenerated) | where h > 1');
  assertUnchanged(pushFiltersDown, 'T | extend BytesSent = BytesSent * 2 | where BytesSent > 100');
  assertUnchanged(pushFiltersDown, 'T | project C = Computer | where C == "db01"');
});

test('not below an extend that numbers rows: filtering first would number other rows', () => {
  const query = 'T | serialize | extend n = row_number() | where Computer == "db01"';
  assertUnchanged(pushFiltersDown, query);
  assertSameResult(query);
});
