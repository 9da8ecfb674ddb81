/**
 * Where a cell's result came from survives a save and a reopen: the payload keeps the label of the
 * backend that answered, and the reopened output's metadata (the cell's status bar) is read from it.
 * Its values survive too, lone surrogates included (the grid shows them as `[U+D800]`).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ERROR_MIME,
  errorTextWithBackend,
  type NotebookResultPayload,
  RESULT_MIME,
  readNotebook,
  resultOutputMetadata,
  resultPayload,
  savedOutputMetadata,
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

/** A failed cell's output as the serializer saves it (its metadata's backend kept in the error item) and reopens it. */
function failureSavedAndReopened(errorText: string, backend: unknown) {
  const text = writeNotebook(
    {
      cells: [
        {
          kind: 'code',
          language: 'kql',
          source: 'VMConnection | take 1',
          executionOrder: 1,
          outputs: [[{ mime: ERROR_MIME, value: errorTextWithBackend(errorText, backend) }]],
        },
      ],
    },
    1000,
  );
  return readNotebook(text, 1000).cells[0]!.outputs![0]!;
}

test('a cell that failed on Log Analytics reopens naming Log Analytics, its error unchanged', () => {
  const error = JSON.stringify({ name: 'Query error', message: '1:1: Failed to resolve table', stack: '' });
  const items = failureSavedAndReopened(error, LA);
  assert.deepEqual(savedOutputMetadata(items), { backend: LA });
  const shown = JSON.parse(items[0]!.value as string) as Record<string, unknown>;
  assert.equal(shown.name, 'Query error');
  assert.equal(shown.message, '1:1: Failed to resolve table');
});

test('a failure without a backend (a cell of definitions only, an older file) reopens without one', () => {
  const error = JSON.stringify({ name: 'Query error', message: 'x' });
  assert.equal(savedOutputMetadata(failureSavedAndReopened(error, undefined)), undefined);
  assert.equal(errorTextWithBackend(error, undefined), error);
});

test("a hostile failure's text or label is kept as it was and names no backend", () => {
  for (const text of ['not json', '[1,2]', 'null', '"a string"']) {
    assert.equal(errorTextWithBackend(text, LA), text);
    assert.equal(savedOutputMetadata([{ mime: ERROR_MIME, value: text }]), undefined);
  }
  for (const backend of ['$(alert) Fake', 'x'.repeat(500), 42, '']) {
    const hand = JSON.stringify({ name: 'e', message: 'm', backend });
    assert.equal(savedOutputMetadata([{ mime: ERROR_MIME, value: hand }]), undefined);
  }
});
