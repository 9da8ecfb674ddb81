import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneColumns } from '../../../src/engine/optimize/pruneColumns';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

test('an extended column nothing reads before a summarize drops it is not computed', () => {
  const query =
    'T | extend h = hourofday(TimeGenerated), b = BytesSent * 2 | where Computer != "x" | summarize sum(b) by Computer';
  assert.equal(
    rewritten(pruneColumns, query).after,
    [
      'summarize sum_b = sum(b) by Computer',
      '  where (Computer != "x")',
      '    extend b = (BytesSent * 2)',
      '      table T (reads Computer, BytesSent)',
    ].join('\n'),
  );
  assertSameResult(query);
});

test('a column read by a kept column of a later extend stays', () => {
  const query = 'T | extend a = BytesSent + 1, z = 0 | extend b = a * 2, c = 3 | project Computer, b';
  assert.equal(
    rewritten(pruneColumns, query).after,
    [
      'project Computer, b',
      '  extend b = (a * 2)',
      '    extend a = (BytesSent + 1)',
      '      table T (reads Computer, BytesSent)',
    ].join('\n'),
  );
  assertSameResult(query);
});

test('an extend whose columns are all unread disappears', () => {
  const query = 'T | extend h = 1 | project Computer';
  assert.equal(rewritten(pruneColumns, query).after, ['project Computer', '  table T (reads Computer)'].join('\n'));
  assertSameResult(query);
});

test('columns stay when what comes above may read any of them', () => {
  assertUnchanged(pruneColumns, 'T | extend h = 1');
  assertUnchanged(pruneColumns, 'T | extend h = 1 | project p = pack_all()');
  assertUnchanged(pruneColumns, 'let x = T | extend h = 1; x | project Computer');
});
