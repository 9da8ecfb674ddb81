/**
 * Where a cell's result came from survives a save and a reopen: the payload keeps the label of the
 * backend that answered, and the reopened output's metadata (the cell's status bar) is read from it.
 * Its values survive too, lone surrogates included (the grid shows them as `[U+D800]`).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type NotebookResultPayload,
  RESULT_MIME,
  readNotebook,
  resultOutputMetadata,
  resultPayload,
  writeNotebook,
} from '../../src/notebook';
import type { QueryResult } from '../../src/results/queryResult';

const LA = 'Log Analytics: 0b6c1a2e…';

function result(values: string[], backend: 'local' | 'logAnalytics' = 'logAnalytics'): QueryResult {
  return {
    tables: [{ name: 'PrimaryResult', columns: [{ name: 'Computer', type: 'string' }], rows: values.map((v) => [v]) }],
    stats: { backend, durationMs: 5, rowCount: values.length, truncated: false },
    warnings: [],
  };
}

/** The payload of the first output of a notebook written with `payload` and read back. */
function savedAndReopened(payload: unknown): NotebookResultPayload {
  const text = writeNotebook(
    { cells: [{ kind: 'code', language: 'kql', source: 'x', outputs: [[{ mime: RESULT_MIME, value: payload }]] }] },
    1000,
  );
  return readNotebook(text, 1000).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
}

test('a result saved from Log Analytics reopens naming Log Analytics, with its rows', () => {
  const reopened = savedAndReopened(resultPayload(result(['web-01', 'db-01']), LA));
  assert.equal(reopened.backend, LA);
  assert.deepEqual(resultOutputMetadata(reopened), { rowCount: 2, backend: LA });
});

test('a payload without a backend (a file from before) gives its rows and no backend', () => {
  const older = resultPayload(result(['web-01']));
  assert.deepEqual(Object.keys(older), ['result', 'rowsReturned']);
  assert.deepEqual(resultOutputMetadata(savedAndReopened(older)), { rowCount: 1 });
});

test("a hand-made file's label is shown only as plain text of a label's length", () => {
  const payload = resultPayload(result(['web-01']));
  for (const backend of ['$(check) Verified workspace', 'x'.repeat(500), 42, '']) {
    assert.deepEqual(resultOutputMetadata({ ...payload, backend } as NotebookResultPayload), { rowCount: 1 });
  }
});

test('a lone surrogate in a value is saved escaped and reopens as itself, not U+FFFD', () => {
  const payload = resultPayload(result(['a\ud800b', 'x\udc00']), LA);
  const text = writeNotebook(
    { cells: [{ kind: 'code', language: 'kql', source: 'x', outputs: [[{ mime: RESULT_MIME, value: payload }]] }] },
    1000,
  );
  assert.match(text, /a\\ud800b/);
  assert.doesNotMatch(text, /\ufffd/);
  // The file is UTF-8: what VS Code writes and reads back is these bytes.
  const bytes = new TextDecoder().decode(new TextEncoder().encode(text));
  const rows = (readNotebook(bytes, 1000).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload).result.tables[0]!
    .rows;
  assert.deepEqual(rows, [['a\ud800b'], ['x\udc00']]);
});
