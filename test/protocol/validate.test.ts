import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toColumnar } from '../../src/protocol/columnar';
import {
  validateHostMessage,
  validatePanelState,
  validateQueryResult,
  validateWebviewMessage,
} from '../../src/protocol/validate';
import type { QueryResult } from '../../src/results/queryResult';

const result: QueryResult = {
  tables: [
    {
      name: 'PrimaryResult',
      columns: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Computer', type: 'string' },
        { name: 'Bytes', type: 'long' },
      ],
      rows: [
        ['2024-01-01T00:00:00Z', 'web-01', 10],
        ['2024-01-01T01:00:00Z', null, 20],
      ],
    },
  ],
  render: { visualization: 'timechart', ycolumns: ['Bytes'], ymin: 0 },
  stats: { backend: 'local', durationMs: 12.5, rowCount: 2, truncated: false },
  warnings: [],
};
const payload = { ...result, tables: result.tables.map(toColumnar) };
const origin = { documentUri: 'file:///q.kql', queryText: 'T', blockStartLine: 3 };

describe('validateWebviewMessage', () => {
  test('accepts every well-formed message and keeps only known fields', () => {
    const ok = [
      { type: 'ready' },
      { type: 'rerun' },
      { type: 'exportData', format: 'csv', tableIndex: 0 },
      { type: 'exportData', format: 'json', tableIndex: 0, batchIndex: 2 },
      { type: 'exportImage', format: 'png', data: 'data:image/png;base64,AAAA' },
      { type: 'exportImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'copy', what: 'row', text: 'a\tb' },
      { type: 'copy', what: 'rows', text: 'A\tB\na\tb', rows: 1, headers: true },
      { type: 'copy', what: 'rows', text: 'a\tb', rows: 1, selectedRows: 450_000, headers: false },
      { type: 'openSpec', spec: '{}' },
      { type: 'reveal', line: 1, column: 4 },
      { type: 'log', level: 'warn', message: 'x' },
    ];
    for (const m of ok) {
      const v = validateWebviewMessage(m);
      assert.equal(v.ok, true, JSON.stringify(m));
      assert.deepEqual(v.ok && v.value, m);
    }
    const extra = validateWebviewMessage({ type: 'ready', evil: 'x' });
    assert.deepEqual(extra.ok && extra.value, { type: 'ready' });
  });

  test('refuses malformed messages with a reason', () => {
    const bad: unknown[] = [
      null,
      42,
      'ready',
      [],
      {},
      { type: 7 },
      { type: 'runShellCommand', cmd: 'rm -rf /' },
      { type: 'exportData', format: 'xlsx', tableIndex: 0 },
      { type: 'exportData', format: 'csv', tableIndex: -1 },
      { type: 'exportData', format: 'csv', tableIndex: 0.5 },
      { type: 'exportData', format: 'csv' },
      { type: 'exportImage', format: 'png', data: '<svg></svg>' },
      { type: 'exportImage', format: 'svg', data: 'data:image/png;base64,AAAA' },
      { type: 'exportImage', format: 'gif', data: 'x' },
      { type: 'copy', what: 'everything', text: 'x' },
      { type: 'copy', what: 'cell', text: 5 },
      { type: 'copy', what: 'rows', text: 'x', rows: 0 },
      { type: 'copy', what: 'rows', text: 'x', rows: 1, selectedRows: '2' },
      { type: 'copy', what: 'rows', text: 'x', headers: 'yes' },
      { type: 'openSpec', spec: { mark: 'bar' } },
      { type: 'reveal', line: 0, column: 1 },
      { type: 'reveal', line: '3', column: 1 },
      { type: 'log', level: 'debug', message: 'x' },
    ];
    for (const m of bad) {
      const v = validateWebviewMessage(m);
      assert.equal(v.ok, false, JSON.stringify(m));
      assert.ok(!v.ok && v.reason.length > 0);
    }
  });

  test('truncates long log messages from the webview', () => {
    const v = validateWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(50_000) });
    assert.ok(v.ok && v.value.type === 'log');
    assert.equal(v.ok && v.value.type === 'log' && v.value.message.length, 10_000);
  });
});

describe('validateHostMessage', () => {
  test('accepts showResult, showError, running, cancelled and clear', () => {
    const msgs = [
      { type: 'showResult', ...origin, result: payload, options: { maxChartPoints: 100 } },
      { type: 'showError', ...origin, kind: 'query', message: 'bad', line: 4, column: 2 },
      { type: 'showError', ...origin, kind: 'timeout', message: 'slow' },
      { type: 'running', ...origin },
      { type: 'cancelled' },
      { type: 'clear', note: 'gone' },
    ];
    for (const m of msgs) {
      assert.equal(validateHostMessage(m).ok, true, JSON.stringify(m).slice(0, 80));
    }
  });

  test('refuses results whose rows do not match their columns', () => {
    const ragged = { ...result, tables: [{ ...result.tables[0]!, rows: [['2024-01-01T00:00:00Z', 'x']] }] };
    assert.match(((v) => (v.ok ? '' : v.reason))(validateQueryResult(ragged)), /row 0 does not have 3 values/);
    const short = { ...payload, tables: [{ ...payload.tables[0]!, rowCount: payload.tables[0]!.rowCount + 1 }] };
    const v = validateHostMessage({ type: 'showResult', ...origin, result: short, options: { maxChartPoints: 100 } });
    assert.equal(v.ok, false);
    assert.match(!v.ok ? v.reason : '', /table 0 column 0 needs \d+ /);
  });

  test('the applied time range travels as text for the header, or not at all', () => {
    const withRange = (timeRange: unknown) =>
      validateHostMessage({
        type: 'showResult',
        ...origin,
        result: payload,
        options: { maxChartPoints: 100, timeRange },
      });
    assert.equal(withRange('Last 24 hours · 2026-12-04 03:00 → 2026-12-05 03:00 UTC').ok, true);
    const v = withRange({ duration: 'PT24H' });
    assert.equal(v.ok, false);
    assert.match(!v.ok ? v.reason : '', /timeRange is text/);
  });

  test('a row-form result is not what the webview takes', () => {
    assert.equal(
      validateHostMessage({ type: 'showResult', ...origin, result, options: { maxChartPoints: 100 } }).ok,
      false,
    );
  });

  test('refuses unknown column types, bad stats, bad render properties and bad positions', () => {
    const badType = {
      ...result,
      tables: [{ ...result.tables[0]!, columns: [{ name: 'a', type: 'varchar' }], rows: [] }],
    };
    assert.equal(validateQueryResult(badType).ok, false);
    assert.equal(validateQueryResult({ ...result, stats: { ...result.stats, rowCount: -1 } }).ok, false);
    assert.equal(validateQueryResult({ ...result, render: { visualization: 'timechart', ymin: 'low' } }).ok, false);
    assert.equal(
      validateQueryResult({ ...result, render: { visualization: 'timechart', series: 'Computer' } }).ok,
      false,
    );
    assert.equal(validateQueryResult({ ...result, warnings: [1] }).ok, false);
    assert.equal(validateHostMessage({ type: 'showError', ...origin, kind: 'query', message: 'm', line: 0 }).ok, false);
    assert.equal(validateHostMessage({ type: 'showError', ...origin, kind: 'oops', message: 'm' }).ok, false);
    assert.equal(validateHostMessage({ type: 'showResult', ...origin, result }).ok, false);
    assert.equal(validateHostMessage({ type: 'running', documentUri: 'x' }).ok, false);
  });

  test('a Run all position is { index, count } with 0 ≤ index < count, on running, results and errors', () => {
    for (const batch of [
      { index: 0, count: 1 },
      { index: 2, count: 3 },
    ]) {
      assert.equal(validateHostMessage({ type: 'running', ...origin, batch }).ok, true);
      assert.equal(
        validateHostMessage({ type: 'showResult', ...origin, batch, result: payload, options: { maxChartPoints: 100 } })
          .ok,
        true,
      );
      assert.equal(validateHostMessage({ type: 'showError', ...origin, batch, kind: 'query', message: 'm' }).ok, true);
    }
    for (const batch of [
      { index: 3, count: 3 },
      { index: -1, count: 2 },
      { index: 0, count: 0 },
      { index: 0.5, count: 2 },
      'first',
      null,
    ]) {
      const v = validateHostMessage({ type: 'running', ...origin, batch });
      assert.equal(v.ok, false, JSON.stringify(batch));
      assert.match(!v.ok ? v.reason : '', /batch/);
    }
    assert.equal(
      validateWebviewMessage({ type: 'exportData', format: 'csv', tableIndex: 0, batchIndex: -1 }).ok,
      false,
    );
  });
});

describe('validatePanelState', () => {
  test('keeps valid fields and drops the rest', () => {
    assert.deepEqual(
      validatePanelState({ documentUri: 'file:///a.kql', queryText: 'T', blockStartLine: 2, activeTab: 'chart' }),
      {
        documentUri: 'file:///a.kql',
        queryText: 'T',
        blockStartLine: 2,
        activeTab: 'chart',
      },
    );
    assert.deepEqual(validatePanelState({ documentUri: 'file:///a.kql', activeTab: 'evil', blockStartLine: -3 }), {
      documentUri: 'file:///a.kql',
      queryText: undefined,
      blockStartLine: undefined,
      activeTab: undefined,
    });
    assert.equal(validatePanelState(undefined), undefined);
    assert.equal(validatePanelState({ queryText: 'T' }), undefined);
  });
});
