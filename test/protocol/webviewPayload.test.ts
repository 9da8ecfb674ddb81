import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ColumnarCells, columnarBuffers, toColumnar } from '../../src/protocol/columnar';
import type { ShowResultMessage } from '../../src/protocol/messages';
import { validateHostMessage } from '../../src/protocol/validate';
import { packColumnar, webviewPayload } from '../../src/protocol/webviewPayload';
import { rowCells } from '../../src/render/tableCells';
import type { QueryResult, ResultTable } from '../../src/results/queryResult';
import { throughVsCodeWebview } from './vscodeWebviewTransport';

function wideTable(columns: number, rows: number): ResultTable {
  return {
    name: 'PrimaryResult',
    columns: Array.from({ length: columns }, (_, c) => ({
      name: `c${String(c + 1).padStart(3, '0')}`,
      type: 'string',
    })),
    rows: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => `value ${c + 1} row ${r}`)),
  };
}

const mixed: ResultTable = {
  name: 'Mixed',
  columns: [
    { name: 'Text', type: 'string' },
    { name: 'Bytes', type: 'long' },
    { name: 'Ok', type: 'bool' },
    { name: 'Info', type: 'dynamic' },
    { name: 'Ratio', type: 'real' },
  ],
  rows: [
    ['web-é€😀', 5, true, { a: [1, 'x'] }, 0.5],
    [null, null, null, null, NaN],
    ['x', 2 ** 53 + 2, false, [1, 2], -1.25e300],
  ],
};

function result(...tables: ResultTable[]): QueryResult {
  const rowCount = tables[0]?.rows.length ?? 0;
  return { tables, stats: { backend: 'local', durationMs: 1, rowCount, truncated: false }, warnings: [] };
}

function showResult(r: QueryResult): ShowResultMessage {
  return {
    type: 'showResult',
    documentUri: 'file:///q.kql',
    queryText: 'print 1',
    blockStartLine: 0,
    result: webviewPayload(r),
    options: { maxChartPoints: 100 },
  };
}

/** Every cell of every table as the webview reads it, against the row form it came from. */
function assertSameCells(received: ShowResultMessage, sent: QueryResult): void {
  assert.equal(received.result.tables.length, sent.tables.length);
  sent.tables.forEach((table, t) => {
    const got = new ColumnarCells(received.result.tables[t]!);
    const want = rowCells(table);
    for (let r = 0; r < table.rows.length; r++) {
      for (let c = 0; c < table.columns.length; c++) {
        assert.equal(got.text(r, c), want.text(r, c), `table ${t} cell ${r},${c}`);
        assert.deepEqual(got.value(r, c), want.value(r, c), `table ${t} value ${r},${c}`);
      }
    }
  });
}

describe('a result on its way to the results webview in VS Code', () => {
  for (const [columns, rows] of [
    [200, 1],
    [200, 1000],
    [1000, 3],
  ] as const) {
    test(`${columns} text columns × ${rows} rows arrive whole and pass validation`, () => {
      const sent = result(wideTable(columns, rows));
      const received = validateHostMessage(throughVsCodeWebview(showResult(sent)));
      assert.ok(received.ok, received.ok ? '' : received.reason);
      assertSameCells(received.value as ShowResultMessage, sent);
    });
  }

  test('numbers with nulls, bools, JSON and several tables share one buffer and read back exactly', () => {
    const sent = result(mixed, wideTable(300, 2), mixed);
    const message = showResult(sent);
    const buffers = new Set(message.result.tables.flatMap(columnarBuffers));
    assert.equal(buffers.size, 1);
    const received = validateHostMessage(throughVsCodeWebview(message));
    assert.ok(received.ok, received.ok ? '' : received.reason);
    assertSameCells(received.value as ShowResultMessage, sent);
  });

  test('every packed Float64Array starts on an 8-byte boundary', () => {
    // A one-byte null mask before a Float64Array would be an unaligned offset (a RangeError) if not padded.
    const packed = packColumnar([toColumnar(mixed), toColumnar(mixed)]);
    for (const d of packed.flatMap((t) => t.data)) {
      if (d.kind === 'number') {
        assert.equal(d.values.byteOffset % 8, 0);
      }
    }
  });

  test('a result sent as one buffer per array (as before) loses columns past the 255-argument mark', () => {
    // Guards the model: without packing, 200 columns are 600 buffers and column 29 arrives empty.
    const sent = result(wideTable(200, 1));
    const unpacked = { ...showResult(sent), result: { ...sent, tables: sent.tables.map(toColumnar) } };
    const received = validateHostMessage(throughVsCodeWebview(unpacked));
    assert.equal(received.ok, false);
    assert.match(received.ok ? '' : received.reason, /column 29 has a code past its dictionary/);
  });
});
