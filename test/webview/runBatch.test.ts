import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ShowErrorMessage, ShowResultMessage } from '../../src/protocol/messages';
import { toColumnar } from '../../src/protocol/columnar';
import { headline, RunBatch } from '../../webview/results/runBatch';

const origin = (line: number, text: string) => ({
  documentUri: 'file:///q.kql',
  queryText: text,
  blockStartLine: line,
});
function result(index: number, count: number, rows: number, line = index * 5): ShowResultMessage {
  return {
    type: 'showResult',
    ...origin(line, `// query ${index}\nVMConnection | take ${rows}`),
    batch: { index, count },
    result: {
      tables: [
        toColumnar({
          name: 'PrimaryResult',
          columns: [{ name: 'n', type: 'long' }],
          rows: Array.from({ length: rows }, (_, i) => [i]),
        }),
      ],
      warnings: [],
      stats: { rowCount: rows, durationMs: 1, backend: 'local', truncated: false },
    },
    options: { maxChartPoints: 100 },
  } as ShowResultMessage;
}
const error = (index: number, count: number): ShowErrorMessage => ({
  type: 'showError',
  ...origin(index * 5, 'VMConnection | where Nope'),
  batch: { index, count },
  kind: 'query',
  message: 'no Nope',
});

describe('RunBatch', () => {
  test('keeps every outcome of a Run all, in query order, with labels saying what each is', () => {
    const batch = new RunBatch();
    batch.started({ index: 0, count: 3 });
    assert.equal(batch.finished(result(0, 3, 1)), true);
    batch.started({ index: 1, count: 3 });
    assert.equal(batch.finished(error(1, 3)), true);
    assert.deepEqual(
      batch.entries().map((e) => e.label),
      ['1/3 · line 1 · query 0 · 1 row', '2/3 · line 6 · VMConnection | where Nope · error'],
    );
    assert.equal(batch.get(1)?.type, 'showError');
  });

  test('a new Run all, or a single run, starts afresh', () => {
    const batch = new RunBatch();
    batch.started({ index: 0, count: 2 });
    batch.finished(result(0, 2, 1));
    batch.started({ index: 0, count: 2 });
    assert.deepEqual(batch.entries(), []);
    batch.finished(result(0, 2, 1));
    batch.started(undefined);
    assert.equal(batch.finished({ ...result(0, 2, 1), batch: undefined }), false);
    assert.deepEqual(batch.entries(), []);
  });

  test('outcomes replayed to a reloaded panel, without their running messages, still form the batch', () => {
    const batch = new RunBatch();
    for (let i = 0; i < 3; i++) {
      assert.equal(batch.finished(result(i, 3, i + 1)), true);
    }
    assert.deepEqual(
      batch.entries().map((e) => e.index),
      [0, 1, 2],
    );
  });

  test('a query is labelled by the comment that heads it, else its first line of KQL', () => {
    assert.equal(
      headline('// Failed connections by machine\nVMConnection\n| where LinksFailed > 0'),
      'Failed connections by machine',
    );
    assert.equal(headline('\n  //   Bound ports  \nVMBoundPort'), 'Bound ports');
    assert.equal(
      headline('VMConnection // trailing note\n// later comment\n| take 1'),
      'VMConnection // trailing note',
    );
    assert.equal(headline('//\nVMComputer'), 'VMComputer');
  });

  test('long queries are shortened in the label', () => {
    const batch = new RunBatch();
    batch.started({ index: 0, count: 1 });
    batch.finished({ ...result(0, 1, 0), queryText: `VMConnection | where ${'x'.repeat(100)}` });
    const label = batch.entries()[0]!.label;
    assert.ok(label.includes('…') && label.length < 100, label);
  });
});
