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
