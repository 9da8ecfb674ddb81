/**
 * What a user sees while Log Analytics throttles or fails mid-answer, over HTTPS to a loopback server:
 * each retry told while it waits, a result that came after waiting says so and keeps its exact cells,
 * a wait too long to sit through ends the run with when to try again, Cancel works during a wait, a
 * connection dropped mid-body and a PartialError's real reason are reported as what they are.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { LogAnalyticsBackend } from '../../../src/backends/logAnalytics';
import { BackendError, QueryCancelledError } from '../../../src/results/errors';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

// Text: a JavaScript number could not hold 851673153924341805.
const EXACT_BODY =
  '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Id","type":"long"},{"name":"At","type":"datetime"}],' +
  '"rows":[[851673153924341805,"2026-11-23T10:00:00.1234567Z"]]}]}';

describe('Log Analytics retries and broken answers', () => {
  const loopback = useLoopbackServer();

  function backend(): LogAnalyticsBackend {
    return loopbackBackend(loopback, {
      credential,
      retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
      maxRetryWaitSeconds: 5,
    });
  }

  test('a 429 then a success: the wait is told while it lasts, the result says so and keeps exact cells', async () => {
    loopback.server.script([
      { status: 429, raw: '', headers: { 'retry-after': '1' } },
      { status: 200, raw: EXACT_BODY },
    ]);
    const progress: string[] = [];
    const started = Date.now();
    const result = await backend().run('VMConnection', { onProgress: (m) => progress.push(m) });
    assert.ok(Date.now() - started >= 900, 'it waited the second the service asked for');
    assert.deepEqual(progress, [
      'Log Analytics is throttling requests (429 Too Many Requests): waiting 1 s as it asked (Retry-After), then retry 1 of 2…',
    ]);
    assert.deepEqual(result.warnings, [
      'Log Analytics answered 429 Too Many Requests first; this result came after retrying once, waiting 1 s as the service asked.',
    ]);
    // The retry's answer is read like the first one's: the long and the 100-ns tick stay exact.
    assert.deepEqual(result.tables[0]!.rows[0], ['851673153924341805', '2026-11-23T10:00:00.1234567Z']);
  });

  test('a Retry-After as an HTTP date is waited for and told in seconds', async () => {
    loopback.server.script([
      { status: 429, raw: '', headers: { 'retry-after': new Date(Date.now() + 3_000).toUTCString() } },
      { status: 200, raw: EXACT_BODY },
    ]);
    const progress: string[] = [];
    await backend().run('VMConnection', { onProgress: (m) => progress.push(m) });
    assert.equal(progress.length, 1);
    assert.match(
      progress[0]!,
      /^Log Analytics is throttling requests \(429 Too Many Requests\): waiting [1-3] s as it asked/,
    );
  });

  test('a Retry-After longer than the extension waits ends the run at once, saying when to try again', async () => {
    loopback.server.script([
      {
        status: 429,
        body: { error: { code: 'ThrottledError', message: 'Your request was throttled.' } },
        headers: { 'retry-after': '3600' },
      },
      { status: 200, raw: EXACT_BODY },
    ]);
    const before = loopback.server.requests.length;
    const started = Date.now();
    await assert.rejects(backend().run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.equal(e.kind, 'throttled');
      assert.equal(e.retryAfterSeconds, 3600);
      assert.equal(
        e.message,
        'Log Analytics is throttling requests (429 Too Many Requests) and asks to wait 3600 s, longer than the ' +
          'extension waits with a query running; try again in 3600 s. Your request was throttled.',
      );
      return true;
    });
    assert.ok(Date.now() - started < 5_000, 'it did not sit through the wait');
    assert.equal(loopback.server.requests.length - before, 1, 'no retry was sent');
    loopback.server.script([]);
  });

  test('throttled on every try: each retry told, then a throttling error with when to try again', async () => {
    loopback.server.script([1, 2, 3].map(() => ({ status: 429, raw: '', headers: { 'retry-after': '0' } })));
    const progress: string[] = [];
    await assert.rejects(backend().run('VMConnection', { onProgress: (m) => progress.push(m) }), (e: unknown) => {
      assert.ok(e instanceof BackendError && e.kind === 'throttled', String(e));
      assert.match(e.message, /retries did not get through; try again in 0 s/);
      return true;
    });
    assert.deepEqual(
      progress.map((m) => /retry (\d) of 2/.exec(m)?.[1]),
      ['1', '2'],
    );
  });

  test('Cancel while waiting on a Retry-After stops the run at once', async () => {
    loopback.server.script([
      { status: 429, raw: '', headers: { 'retry-after': '4' } },
      { status: 200, raw: EXACT_BODY },
    ]);
    const before = loopback.server.requests.length;
    const controller = new AbortController();
    const started = Date.now();
    const run = backend().run('VMConnection', {
      signal: controller.signal,
      onProgress: () => setTimeout(() => controller.abort(), 100),
    });
    await assert.rejects(run, QueryCancelledError);
    assert.ok(Date.now() - started < 3_000, `cancelled after ${Date.now() - started} ms`);
    assert.equal(loopback.server.requests.length - before, 1, 'no retry was sent after the cancel');
    loopback.server.script([]);
  });

  test('a connection dropped mid-body says the answer broke off, not that the service was unreachable', async () => {
    loopback.server.script([{ status: 200, raw: EXACT_BODY, cutAfterBytes: 40 }]);
    await assert.rejects(backend().run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.equal(e.kind, 'network');
      assert.match(
        e.message,
        /^The connection to Log Analytics broke while its answer \(200\) was arriving, after 40 bytes/,
      );
      assert.doesNotMatch(e.message, /Could not reach/);
      return true;
    });
  });

  test("a PartialError's warning carries the reason inside its details, which the SDK drops", async () => {
    const body = {
      tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'long' }], rows: [[1], [2]] }],
      error: {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [
          {
            code: 'EngineError',
            message: 'Something went wrong processing your query on the server.',
            innererror: {
              code: '-2133196797',
              message: 'Query execution has exceeded the allowed limits (80DA0001): the result exceeds 64 MB.',
            },
          },
        ],
      },
    };
    loopback.server.script([{ status: 200, body }]);
    const result = await backend().run('VMConnection');
    assert.equal(result.tables[0]!.rows.length, 2);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /^Partial results: .*exceeded the allowed limits \(80DA0001\)/);
  });
});
