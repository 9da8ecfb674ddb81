/**
 * The results panel and a notebook cell say the same for the same failure (both take runFailureText and
 * queryFailureText): a time-out names its limit and setting, the memory limit its setting, a cancel says
 * why when the user did not ask for it.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverTimeoutError } from '../../src/backends/logAnalytics/serverTimeout';
import { KqlError } from '../../src/kql/errors';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';
import { queryFailureText, runFailureText } from '../../src/ui/runFailure';

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

test("a local time-out: 'Timed out', the limit in seconds and the setting that raises it", () => {
  const f = runFailureText(new QueryTimeoutError(8000), 'local', false);
  assert.equal(f.kind, 'timeout');
  assert.equal(f.heading, 'Timed out');
  assert.equal(
    f.message,
    'The query did not finish within 8 s. The limit is the setting kql.local.timeoutSeconds: raise it to let queries run longer.',
  );
});

test('a time-out that crossed the worker as a plain Error is still a time-out', () => {
  const plain = Object.assign(new Error('The query did not finish within 2 s.'), { name: 'QueryTimeoutError' });
  const f = runFailureText(plain, 'local', false);
  assert.equal(f.heading, 'Timed out');
  assert.match(f.message, /within 2 s\. The limit is the setting kql\.local\.timeoutSeconds/);
});

test("Log Analytics' time limit names its own setting, one full stop between the service's words and it", () => {
  for (const said of ['Query exceeded the time limit.', 'Query exceeded the time limit', 'Query took too long…']) {
    const f = runFailureText(serverTimeoutError(180, 504, said), 'logAnalytics', false);
    assert.equal(f.heading, 'Timed out');
    assert.match(f.message, /time limit of 180 s \(504 Gateway Timeout\)/);
    assert.match(f.message, /kql\.logAnalytics\.serverTimeoutSeconds/);
    assert.doesNotMatch(f.message, /\.\.|…\./, f.message);
  }
});

test("the user's Cancel says it was cancelled, whatever the backend threw meanwhile", () => {
  const f = runFailureText(new BackendError('network', 'socket hang up'), 'logAnalytics', true);
  assert.deepEqual(f, { kind: 'cancelled', heading: 'Cancelled', message: 'The query was cancelled.' });
});

test('a run stopped because its backend was shut down (a backend switch) is cancelled, and says why', () => {
  const f = runFailureText(new QueryCancelledError('The local engine was shut down.'), 'local', false);
  assert.deepEqual(f, {
    kind: 'cancelled',
    heading: 'Cancelled',
    message: 'The query was cancelled. The local engine was shut down.',
  });
});

test("a backend's failure keeps its message under the panel's heading for it", () => {
  const e = new BackendError('server', 'Log Analytics is unavailable (503 Service Unavailable) after retries.', 503);
  const f = runFailureText(e, 'logAnalytics', false);
  assert.deepEqual(f, { kind: 'backend', heading: 'Log Analytics is unavailable', message: e.message });
});

test('the engine memory limit names kql.local.memoryLimitMB; a query error keeps its words', () => {
  const memory = new KqlError(
    'KQL-MEMORY',
    "range needs more memory than the embedded engine's limit of 64 MB for one query.",
    zero,
  );
  const f = queryFailureText(memory, 'local');
  assert.equal(f.heading, 'The query has an error');
  assert.match(f.message, /64 MB for one query\. The limit is the setting kql\.local\.memoryLimitMB/);
  const heap = new KqlError(
    'KQL-MEMORY',
    "The query needs more memory than the embedded engine's heap allows (1.1 GB in use, limit 1 GB).",
    zero,
  );
  assert.match(
    queryFailureText(heap, 'local').message,
    /limit 1 GB\)\. The limit is the setting kql\.local\.memoryLimitMB/,
  );
  const rejected = queryFailureText(new KqlError('BadArgumentError', "Failed to resolve 'Foo'", zero), 'logAnalytics');
  assert.deepEqual(rejected, {
    kind: 'query',
    heading: 'Log Analytics rejected the query',
    message: "Failed to resolve 'Foo'",
  });
});

test('a time-out in a load says where it was, what to change, and links the setting', () => {
  const stop = {
    stage: 'load',
    table: 'VMConnection',
    bytes: 5 * 1048576,
    totalBytes: 300 * 1048576,
    files: 40,
    filesDone: 3,
    rows: 120_000,
  } as const;
  const f = runFailureText(new QueryTimeoutError(1000, undefined, stop), 'local', false);
  assert.match(f.message, /did not finish within 1 s\. The limit is the setting kql\.local\.timeoutSeconds/);
  assert.match(
    f.detail ?? '',
    /^It was still loading VMConnection from its files \(in file 4 of 40, 120,000 rows, 5 of 300 MB read\)\. /,
  );
  assert.match(f.detail ?? '', /load cache/);
  assert.equal(f.setting, 'kql.local.timeoutSeconds');
});

test('a time-out in the query names the operator; one with nothing known has no detail', () => {
  const f = runFailureText(
    new QueryTimeoutError(1000, undefined, { stage: 'query', operator: 'summarize count()', line: 2 }),
    'local',
    false,
  );
  assert.match(f.detail ?? '', /running `summarize count\(\)` \(line 2 of the query\)\. The query itself was slow/);
  const bare = runFailureText(new QueryTimeoutError(1000), 'local', false);
  assert.equal(bare.detail, undefined);
  assert.equal(bare.setting, 'kql.local.timeoutSeconds');
});

test("the user's Cancel says what had finished and what was under way, and links no setting", () => {
  const stop = { stage: 'load', table: 'B', bytes: 1, totalBytes: 2, loaded: ['A'] } as const;
  const f = runFailureText(new QueryCancelledError(undefined, stop), 'local', true);
  assert.equal(f.message, 'The query was cancelled.');
  assert.equal(f.detail, 'A had loaded; it was still loading B from its files (0 of 0 MB read).');
  assert.equal(f.setting, undefined);
});

test("the memory limit's query error links its setting; other query errors none", () => {
  const memory = queryFailureText(
    {
      message: "The query needs more memory than the embedded engine's limit of 128 MB for one query.",
      code: 'KQL-MEMORY',
    },
    'local',
  );
  assert.equal(memory.setting, 'kql.local.memoryLimitMB');
  assert.equal(queryFailureText({ message: 'bad', code: 'KS1' }, 'local').setting, undefined);
});
