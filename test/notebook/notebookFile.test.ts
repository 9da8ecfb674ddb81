import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NotebookFormatError,
  readNotebook,
  RESULT_MIME,
  rowsText,
  savedRowsNote,
  writeNotebook,
  type NotebookJson,
  type NotebookResultPayload,
} from '../../src/notebook';

function payload(rows: number): NotebookResultPayload {
  return {
    rowsReturned: rows,
    result: {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'Computer', type: 'string' },
            { name: 'n', type: 'long' },
          ],
          rows: Array.from({ length: rows }, (_, i) => [`m${i}`, i]),
        },
      ],
      render: { visualization: 'columnchart' },
      stats: { backend: 'local', durationMs: 12, rowCount: rows, truncated: false },
      warnings: [],
    },
  };
}

const notebook: NotebookJson = {
  cells: [
    { kind: 'markdown', language: 'markdown', source: '# Title\n\nWhat it answers.' },
    {
      kind: 'code',
      language: 'kql',
      source: 'let TimeRange = 24h;\r\nlet Computers = dynamic(["*"]);',
      outputs: [[{ mime: 'text/plain', value: 'defines: TimeRange, Computers' }]],
      executionOrder: 1,
      durationMs: 3,
    },
    {
      kind: 'code',
      language: 'kql',
      source: 'VMConnection\n| summarize n = count() by Computer\n| render columnchart\n',
      outputs: [
        [
          { mime: RESULT_MIME, value: payload(3) },
          { mime: 'text/plain', value: '3 rows' },
        ],
      ],
      executionOrder: 2,
      durationMs: 40,
    },
  ],
};

test('a notebook round-trips through its file, outputs included, text exactly (line ends too)', () => {
  const text = writeNotebook(notebook, 100);
  assert.deepEqual(readNotebook(text), notebook);
  // Writing what was read gives the same bytes: no churn in version control.
  assert.equal(writeNotebook(readNotebook(text), 100), text);
});

test('the file diffs well: fixed key order, one line per source line and per result row', () => {
  const text = writeNotebook(notebook, 100);
  const lines = text.split('\n');
  assert.ok(lines.includes('        "VMConnection\\n",'), text);
  assert.ok(
    lines.some((l) => l.trim() === '["m1",1],'),
    text,
  );
  const cell = text.slice(text.indexOf('"kind": "code"'));
  const order = ['"kind"', '"language"', '"source"', '"executionOrder"', '"durationMs"', '"outputs"'].map((k) =>
    cell.indexOf(k),
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  );
});

test('saved rows are capped by the setting, and the saved output says how many the query returned', () => {
  const big: NotebookJson = {
    cells: [
      {
        kind: 'code',
        language: 'kql',
        source: 'VMConnection',
        outputs: [[{ mime: RESULT_MIME, value: payload(100_000) }]],
      },
    ],
  };
  const text = writeNotebook(big, 2000);
  assert.ok(text.length < 100_000, `file is ${text.length} characters`);
  const saved = readNotebook(text).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
  assert.equal(saved.result.tables[0]!.rows.length, 2000);
  assert.equal(saved.rowsReturned, 100_000);
  assert.equal(savedRowsNote(saved), 'Saved 2,000 of 100,000 rows: run the cell again for all of them.');
  assert.equal(savedRowsNote(payload(5)), undefined);
});

test('a cap of zero saves no outputs at all', () => {
  const text = writeNotebook(notebook, 0);
  assert.ok(!text.includes('outputs'));
  assert.deepEqual(
    readNotebook(text).cells.map((c) => c.source),
    notebook.cells.map((c) => c.source),
  );
});

test('bad files fail with the cell and the reason', () => {
  assert.deepEqual(readNotebook(''), { cells: [] });
  assert.throws(() => readNotebook('{"cells": ['), NotebookFormatError);
  assert.throws(
    () => readNotebook('{"cells": [{"kind": "code", "source": 3}]}'),
    /Cell 1: "source" must be a list of lines/,
  );
  assert.throws(() => readNotebook('{"cells": [{"kind": "sql", "source": []}]}'), /Cell 1: "kind"/);
  assert.throws(
    () =>
      readNotebook(
        `{"cells": [{"kind": "code", "source": [], "outputs": [[{"mime": "${RESULT_MIME}", "value": {}}]]}]}`,
      ),
    /Cell 1, output 1, item 1: a query result/,
  );
  assert.throws(() => readNotebook('{"kqlNotebook": 7, "cells": []}'), /version 7/);
});

test('a row count reads "1 row", "0 rows", "12,345 rows" (the cell status bar said "1 rows")', () => {
  assert.equal(rowsText(1), '1 row');
  assert.equal(rowsText(0), '0 rows');
  assert.equal(rowsText(12345), '12,345 rows');
});
