import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NotebookFormatError,
  type NotebookJson,
  type NotebookResultPayload,
  RESULT_MIME,
  ranWithoutError,
  readNotebook,
  rowsText,
  savedRowsNote,
  writeNotebook,
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

test('outputs of a hand-edited file in a mime this extension does not write open as their text, never as markup', () => {
  const hostile = [
    { mime: 'text/html', value: '<img src=x onerror=alert(1)><script>alert(2)</script>' },
    { mime: 'text/markdown', value: '[open](javascript:alert(1)) ![](https://tracker.example/p.png)' },
    { mime: 'image/svg+xml', value: '<svg onload="alert(3)"/>' },
    { mime: 'application/javascript', value: 'alert(4)' },
    { mime: 'application/x.custom+json', value: { a: '<b>' } },
  ];
  const file = JSON.stringify({ cells: [{ kind: 'code', source: ['x'], outputs: [hostile] }] });
  const items = readNotebook(file).cells[0]!.outputs![0]!;
  assert.deepEqual(
    items.map((it) => it.mime),
    hostile.map(() => 'text/plain'),
  );
  assert.equal(items[0]!.value, hostile[0]!.value, 'the text is kept as it was written');
  assert.equal(items[4]!.value, '{\n  "a": "<b>"\n}');
  // What the extension writes itself is read back as written: results, text, errors.
  const own = [
    { mime: 'text/plain', value: 'Cannot run here. This part cannot run on this workspace.' },
    { mime: 'application/vnd.code.notebook.error', value: '{"name":"Query error","message":"1:5: bad"}' },
  ];
  const ownFile = JSON.stringify({ cells: [{ kind: 'code', source: ['x'], outputs: [own] }] });
  assert.deepEqual(readNotebook(ownFile).cells[0]!.outputs![0], own);
});

test('opening caps each saved result to the rows a save keeps, saying how many there were (a hand-made 50 MB output)', () => {
  const big = JSON.stringify({
    kqlNotebook: 1,
    cells: [{ kind: 'code', source: ['VMConnection'], outputs: [[{ mime: RESULT_MIME, value: payload(50_000) }]] }],
  });
  const whole = readNotebook(big).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
  assert.equal(whole.result.tables[0]!.rows.length, 50_000, 'without a cap (kql.notebook.savedRows 0) nothing is cut');
  const capped = readNotebook(big, 2000).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
  assert.equal(capped.result.tables[0]!.rows.length, 2000);
  assert.equal(savedRowsNote(capped), 'Saved 2,000 of 50,000 rows: run the cell again for all of them.');
  assert.ok(JSON.stringify(capped).length * 20 < big.length, 'the editor gets a twentieth of the text or less');
});

test('capping a result of several tables without per-table counts keeps each count', () => {
  const one = payload(3000);
  const two: NotebookResultPayload = {
    rowsReturned: 3000,
    result: { ...one.result, tables: [one.result.tables[0]!, { ...one.result.tables[0]!, name: 'Second' }] },
  };
  const file = JSON.stringify({
    cells: [{ kind: 'code', source: ['x'], outputs: [[{ mime: RESULT_MIME, value: two }]] }],
  });
  const capped = readNotebook(file, 100).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
  assert.equal(savedRowsNote(capped, 1), 'Saved 100 of 3,000 rows: run the cell again for all of them.');
});

test('a saved result whose table has no rows list is refused naming the cell, not failed on at save time', () => {
  const value = { rowsReturned: 1, result: { tables: [{ name: 'T', columns: [] }], stats: {}, warnings: [] } };
  const file = JSON.stringify({ cells: [{ kind: 'code', source: ['x'], outputs: [[{ mime: RESULT_MIME, value }]] }] });
  assert.throws(() => readNotebook(file), /Cell 1, output 1, item 1: table 1 of the result needs a "rows" list/);
});

test('a file that is not JSON says the line and column where it breaks', () => {
  assert.throws(
    () => readNotebook('{\n  "kqlNotebook": 1,\n  "cells": [\n    { "kind": "code" "source": [] }\n  ]\n}'),
    /^NotebookFormatError: The notebook is not valid JSON: .* \(line 4, column 22\)$/,
  );
  assert.throws(
    () => readNotebook('{\n  "kqlNotebook": 1,\n  "cells": [\n'),
    /The notebook is not valid JSON: Unexpected end of JSON input \(line 4, column 1\)/,
  );
});

test('a reopened cell whose last run failed or was cancelled shows as failed (every saved cell showed a tick)', () => {
  const cell = (outputs: { mime: string; value: unknown }[][]) => ({
    kind: 'code' as const,
    language: 'kql',
    source: 'x',
    outputs,
  });
  assert.equal(
    ranWithoutError(cell([[{ mime: 'application/vnd.code.notebook.error', value: '{"name":"Cancelled"}' }]])),
    false,
  );
  assert.equal(
    ranWithoutError(
      cell([
        [
          { mime: RESULT_MIME, value: payload(1) },
          { mime: 'text/plain', value: '1 row' },
        ],
      ]),
    ),
    true,
  );
  assert.equal(ranWithoutError({ kind: 'code', language: 'kql', source: 'x' }), true);
});
