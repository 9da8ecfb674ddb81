/**
 * A dynamic column's values crossing from a worker thread (a split CSV load, csvSplit.ts) as codes into
 * its distinct values: the receiving column holds what the sending one held, exact numbers, -0 and
 * nested objects included, rows of one value sharing it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DYNAMIC_DEPTH, parseDynamicText } from '../../src/data/loaders/dynamicCells';
import { DynamicAppender } from '../../src/data/loaders/otherAppenders';
import type { DynamicColumn } from '../../src/engine/column';
import { Int64 } from '../../src/engine/int64';
import { WholeReal } from '../../src/engine/values';

const CELLS = [
  '[]',
  '{"a":1,"b":[1,2]}',
  '[]',
  '',
  '-0',
  '0',
  '-0',
  '9007199254740993',
  '1.0',
  '{"n":1.0,"big":9007199254740993}',
  'plain text',
  'plain text',
  'null',
  '{"a":1,"b":[1,2]}',
  '[1, 2',
];

function appended(cells: readonly string[]): DynamicAppender {
  const a = new DynamicAppender();
  for (const c of cells) {
    const buf = Buffer.from(c);
    assert.equal(a.appendBytes(buf, 0, buf.length, 0), 0, c);
  }
  return a;
}

function values(a: DynamicAppender): unknown[] {
  const column = a.finish() as DynamicColumn;
  return Array.from({ length: column.length }, (_, i) => column.get(i));
}

test('each cell gives the value its own parse gives', () => {
  const got = values(appended(CELLS));
  assert.deepEqual(
    got,
    CELLS.map((c) => {
      const p = parseDynamicText(c);
      return 'value' in p ? p.value : undefined;
    }),
  );
  assert.ok(Object.is(got[4], -0) && Object.is(got[5], 0) && Object.is(got[6], -0));
  assert.ok(got[7] instanceof Int64);
  assert.ok(got[8] instanceof WholeReal);
});

test('a chunk cloned to another thread and appended holds the same values, exact numbers and -0 included', () => {
  const sent = appended(CELLS);
  const expected = values(appended(CELLS));
  const chunk = structuredClone(sent.takeChunk());
  assert.equal(chunk.kind, 'dynamic');
  // Each distinct value crosses once: the two `[]`, the two objects and the two texts share theirs.
  assert.ok(chunk.kind === 'dynamic' && chunk.values.length < CELLS.length - 4);
  const received = new DynamicAppender();
  received.appendNull();
  received.appendChunk(chunk);
  const got = values(received);
  assert.deepEqual(got, [null, ...expected]);
  assert.ok(Object.is(got[5], -0) && Object.is(got[6], 0) && Object.is(got[7], -0));
  assert.ok(got[8] instanceof Int64);
  assert.ok(got[9] instanceof WholeReal);
  const nested = got[10] as { n: unknown; big: unknown };
  assert.ok(nested.n instanceof WholeReal && nested.big instanceof Int64);
  assert.equal(Object.getPrototypeOf(nested), null);
  // Rows of one value share it, as on the thread that read them (the engine never changes a value in
  // place: test/engine/sharedDynamic.test.ts).
  assert.equal(got[1], got[3]);
  assert.equal(got[2], got[14]);
  assert.equal(Object.getPrototypeOf(got[2]), null);
});

test('values JSON text cannot tell apart cross on their own: -0 inside an array, exact numbers, key order', () => {
  const cells = ['[-0]', '[0]', '[-0]', '{"a":1,"b":2}', '{"b":2,"a":1}', '[9007199254740993]', '[9007199254740993]'];
  const chunk = structuredClone(appended(cells).takeChunk());
  const received = new DynamicAppender();
  received.appendChunk(chunk);
  const got = values(received);
  assert.deepEqual(got, values(appended(cells)));
  assert.ok(Object.is((got[0] as number[])[0], -0) && Object.is((got[1] as number[])[0], 0));
});

test('a text too deep is refused each time it comes, not remembered', () => {
  const deep = `${'['.repeat(MAX_DYNAMIC_DEPTH + 1)}${']'.repeat(MAX_DYNAMIC_DEPTH + 1)}`;
  const a = new DynamicAppender();
  const buf = Buffer.from(deep);
  assert.equal(a.appendBytes(buf, 0, buf.length, 0), 1);
  assert.equal(a.appendBytes(buf, 0, buf.length, 0), 1);
  assert.equal(a.length, 0);
});

test('a column of mostly distinct texts stops remembering them and still reads each right', () => {
  const cells = Array.from({ length: 10_000 }, (_, i) => `{"id":${i}}`);
  cells.push('{"id":3}', '[]', '[]');
  const got = values(appended(cells));
  assert.deepEqual(
    got.slice(-3),
    [{ id: 3 }, [], []].map((v) => (parseDynamicText(JSON.stringify(v)) as { value: unknown }).value),
  );
  assert.deepEqual(got[9_999], (parseDynamicText('{"id":9999}') as { value: unknown }).value);
});
