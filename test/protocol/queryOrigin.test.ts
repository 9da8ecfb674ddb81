import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDocumentPosition, toDocumentRange } from '../../src/protocol/queryOrigin';

test('a block error moves down by the block start line', () => {
  assert.deepEqual(toDocumentPosition({ line: 2, character: 7 }, { line: 10, character: 0 }), {
    line: 12,
    character: 7,
  });
});

test('a selection starting mid-line shifts only the first line sideways', () => {
  const origin = { line: 4, character: 6 };
  assert.deepEqual(toDocumentRange({ start: { line: 0, character: 3 }, end: { line: 1, character: 2 } }, origin), {
    start: { line: 4, character: 9 },
    end: { line: 5, character: 2 },
  });
});
