import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapWords } from '../../src/notebook/wrapWords';

test('a long note is broken at spaces into lines of at most the width, words unchanged', () => {
  const note =
    "Cannot run here. This part cannot run on this workspace: it reads BytesSent of VMConnection, which the workspace's table does not have (an export that left that column out, say).";
  const wrapped = wrapWords(note, 60);
  const lines = wrapped.split('\n');
  assert.ok(lines.length >= 3, wrapped);
  for (const line of lines) assert.ok(line.length <= 60, line);
  assert.equal(wrapped.replace(/\n/g, ' '), note);
  assert.ok(lines[0]!.startsWith('Cannot run here. This part cannot run'));
});

test('line ends already in the text are kept; a word longer than the width keeps its own line', () => {
  assert.equal(wrapWords('a b\nc', 10), 'a b\nc');
  assert.equal(
    wrapWords('short https://example.invalid/a/very/long/path/that/exceeds end', 20),
    'short\nhttps://example.invalid/a/very/long/path/that/exceeds\nend',
  );
  assert.equal(wrapWords('', 10), '');
});
