/**
 * Where a stopped run was crosses two boundaries (engine worker → host, host → results webview): its
 * texts come from a user's files and query, so long or hostile ones are cut and kept as plain text, and
 * malformed stop points are dropped without losing the error they ride on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserializeError, serializeError } from '../../src/backends/local/workerProtocol';
import {
  cutDetail,
  MAX_DETAIL_CHARS,
  MAX_STOP_LOADED,
  MAX_STOP_NAME_CHARS,
  validateStopPoint,
} from '../../src/protocol/stopPoint';
import { validateHostMessage, validateWebviewMessage } from '../../src/protocol/validate';
import { QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';
import { describeStop, MAX_OPERATOR_CHARS, queryStopAt } from '../../src/results/stopPoint';

const origin = { documentUri: 'file:///q.kql', queryText: 'T | count', blockStartLine: 0 };

test('a load stop: the table, the files, rows and MB read, and the tables that had loaded', () => {
  const text = describeStop({
    stage: 'load',
    table: 'VMConnection',
    filesDone: 2,
    files: 12,
    rows: 1_234_567,
    bytes: 80 * 1048576,
    totalBytes: 219 * 1048576,
    loaded: ['VMComputer'],
  });
  assert.equal(
    text,
    'VMComputer had loaded; it was still loading VMConnection from its files (in file 3 of 12, 1,234,567 rows, 80 of 219 MB read).',
  );
});

test('a query stop names the operator that ran and its line; a result stop the rows sent', () => {
  const query = 'VMConnection\n| where Computer has "web"\n| summarize   count()\n    by Computer';
  const at = query.indexOf('summarize');
  const stop = queryStopAt(query, { start: at, end: query.length });
  assert.deepEqual(stop, { stage: 'query', operator: 'summarize count() by Computer', line: 3 });
  assert.equal(describeStop(stop), 'It was running `summarize count() by Computer` (line 3 of the query).');
  // The whole text is no operator.
  assert.deepEqual(queryStopAt(query, { start: 0, end: query.length }), { stage: 'query' });
  assert.equal(
    describeStop({ stage: 'result', rows: 40_000, totalRows: 120_000 }),
    'The query had finished; its result was being sent to the editor (40,000 of 120,000 rows sent).',
  );
  const long = `where ${'x'.repeat(500)}`;
  assert.ok(queryStopAt(`T\n| ${long}`, { start: 4, end: 4 + long.length }).operator!.length <= MAX_OPERATOR_CHARS);
});

test('hostile stop points: long names cut, markup kept as text, bad numbers and kinds dropped', () => {
  const hostile = `<img src=x onerror=alert(1)>${'A'.repeat(5000)}`;
  const v = validateStopPoint({
    stage: 'load',
    table: hostile,
    bytes: 10,
    totalBytes: 5,
    rows: -3,
    files: 2,
    filesDone: 9,
  });
  assert.ok(v && v.stage === 'load');
  assert.ok(v.table.length <= MAX_STOP_NAME_CHARS);
  assert.ok(v.table.startsWith('<img src=x onerror=alert(1)>'), 'kept as text, never interpreted');
  assert.equal(v.totalBytes, 10, 'never less than read');
  assert.equal(v.rows, undefined);
  assert.equal(v.files, undefined, 'more files done than there are is dropped');
  for (const bad of [
    null,
    'load',
    [],
    { stage: 'load' },
    { stage: 'load', table: 'T', bytes: Number.NaN, totalBytes: 1 },
    { stage: 'boom' },
  ]) {
    assert.equal(validateStopPoint(bad), undefined, JSON.stringify(bad));
  }
  const many = validateStopPoint({ stage: 'query', loaded: Array.from({ length: 50 }, (_, i) => `T${i}`), line: 0.5 });
  assert.equal(many?.loaded?.length, MAX_STOP_LOADED + 1);
  assert.equal(many?.loaded?.at(-1), '40 more');
  const op = validateStopPoint({ stage: 'query', operator: `summarize\n\n${'y'.repeat(1000)}`, line: 7 });
  assert.ok(op?.stage === 'query' && op.operator!.length <= MAX_OPERATOR_CHARS && !op.operator!.includes('\n'));
});

test('the worker protocol carries the stop of a timeout and a cancel, checked on arrival', () => {
  const stop = { stage: 'load', table: 'Big', bytes: 5, totalBytes: 10, files: 3, filesDone: 1, rows: 7 } as const;
  const t = deserializeError(serializeError(new QueryTimeoutError(1000, undefined, stop), 1000));
  assert.ok(t instanceof QueryTimeoutError);
  assert.deepEqual(t.stop, stop);
  const c = deserializeError(
    serializeError(new QueryCancelledError(undefined, { stage: 'query', operator: 'count', line: 2 }), 0),
  );
  assert.ok(c instanceof QueryCancelledError);
  assert.deepEqual(c.stop, { stage: 'query', operator: 'count', line: 2 });
  // A malformed stop (a worker of another build) is dropped; the timeout stays a timeout.
  const odd = deserializeError({ kind: 'timeout', timeoutMs: 1000, stop: { stage: 'load', table: 3 } as never });
  assert.ok(odd instanceof QueryTimeoutError);
  assert.equal(odd.stop, undefined);
  // None given: none made up.
  assert.equal(
    (deserializeError(serializeError(new QueryTimeoutError(1000), 1000)) as QueryTimeoutError).stop,
    undefined,
  );
});

test('showError: an oversized detail is cut, not refused; a setting must be a kql.… id', () => {
  const detail = `<script>alert(1)</script>${'d'.repeat(20_000)}`;
  const r = validateHostMessage({
    type: 'showError',
    ...origin,
    kind: 'timeout',
    message: 'slow',
    detail,
    setting: 'kql.local.timeoutSeconds',
  });
  assert.ok(r.ok);
  const m = r.value as { detail?: string; setting?: string };
  assert.equal(m.detail?.length, MAX_DETAIL_CHARS);
  assert.ok(m.detail?.startsWith('<script>'), 'the text itself, for textContent');
  assert.equal(m.detail, cutDetail(detail));
  assert.equal(m.setting, 'kql.local.timeoutSeconds');
  for (const setting of [
    'workbench.action.terminal.new',
    'kql.',
    'kql.local.timeoutSeconds; rm',
    3,
    `kql.${'a'.repeat(200)}`,
  ]) {
    const bad = validateHostMessage({ type: 'showError', ...origin, kind: 'timeout', message: 'm', setting });
    assert.equal(bad.ok, false, String(setting));
  }
  assert.equal(
    validateHostMessage({ type: 'showError', ...origin, kind: 'timeout', message: 'm', detail: 5 }).ok,
    false,
  );
  // A short detail passes as it is.
  const short = validateHostMessage({
    type: 'showError',
    ...origin,
    kind: 'cancelled',
    message: 'm',
    detail: 'It was loading T.',
  });
  assert.ok(short.ok && (short.value as { detail?: string }).detail === 'It was loading T.');
});

test('openSetting from the webview: only a kql.… setting id', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'openSetting', setting: 'kql.local.timeoutSeconds', extra: 1 }), {
    ok: true,
    value: { type: 'openSetting', setting: 'kql.local.timeoutSeconds' },
  });
  for (const setting of [undefined, '', 'editor.fontSize', 'kql.local.timeoutSeconds"><b>', ['kql.backend']]) {
    assert.equal(validateWebviewMessage({ type: 'openSetting', setting }).ok, false, String(setting));
  }
});
