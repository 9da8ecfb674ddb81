/**
 * A query the service stopped at its time limit (504 Gateway Timeout, or its GatewayTimeout code), over
 * HTTPS to a loopback server: not retried, reported as the server's time limit in the server's words,
 * and not lost to the extension's own timer when both limits are the same.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { LogAnalyticsBackend } from '../../../src/backends/logAnalytics';
import {
  backstopMs,
  isServerTimeout,
  requestedTimeLimitSeconds,
  serverTimeLimitSeconds,
} from '../../../src/backends/logAnalytics/serverTimeout';
import { QueryTimeoutError } from '../../../src/results/errors';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

// As the service answers a query past its limit (recorded by the Azure SDK's own tests).
const GATEWAY_TIMEOUT = {
  error: {
    message: 'Gateway timeout',
    code: 'GatewayTimeout',
    correlationId: '19fd0bf6-7c36-4028-927b-a54b2a169654',
    innererror: { code: 'GatewayTimeout', message: 'Query execution exceeded the time limit of 1 s.' },
  },
};

describe('Log Analytics stopping a query at its time limit', () => {
  const loopback = useLoopbackServer();

  function backend(serverTimeoutSeconds = 42): LogAnalyticsBackend {
    return loopbackBackend(loopback, {
      credential,
      serverTimeoutSeconds,
      retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
  }

  test("a 504 is not retried and says the server's time limit stopped the query, in its words", async () => {
    loopback.server.script([
      { status: 504, body: GATEWAY_TIMEOUT },
      { status: 200, body: { tables: [] } },
    ]);
    const before = loopback.server.requests.length;
    await assert.rejects(backend().run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof QueryTimeoutError, String(e));
      assert.equal(e.timeoutMs, 42_000);
      assert.equal(
        e.message,
        "Log Analytics stopped the query at the server's time limit of 42 s (504 Gateway Timeout): Gateway timeout. " +
          'Query execution exceeded the time limit of 1 s.',
      );
      return true;
    });
    assert.equal(loopback.server.requests.length - before, 1, 'no retry was sent');
    loopback.server.script([]);
  });

  test('the API timeout code on another 5xx is the same time limit', async () => {
    loopback.server.script([
      { status: 500, body: GATEWAY_TIMEOUT },
      { status: 200, body: { tables: [] } },
    ]);
    const before = loopback.server.requests.length;
    await assert.rejects(backend().run('VMConnection'), /stopped the query at the server's time limit of 42 s/);
    assert.equal(loopback.server.requests.length - before, 1, 'no retry was sent');
    loopback.server.script([]);
  });

  test("with the run's limit equal to the server's, the server's answer wins over the extension's timer", async () => {
    // The service answers its 504 just after the 1 s it was given, as a real one does over the network.
    loopback.server.script([{ status: 504, body: GATEWAY_TIMEOUT, delayMs: 1_300 }]);
    await assert.rejects(backend(1).run('VMConnection', { timeoutMs: 1_000 }), (e: unknown) => {
      assert.ok(e instanceof QueryTimeoutError, String(e));
      assert.match(e.message, /^Log Analytics stopped the query at the server's time limit of 1 s .*Gateway timeout/);
      return true;
    });
    assert.match(String(loopback.server.requests.at(-1)!.headers.prefer), /wait=1(\D|$)/);
  });

  test("a run's shorter limit is what the service is asked for", async () => {
    loopback.server.script([{ status: 200, body: { tables: [] } }]);
    await backend(180).run('VMConnection', { timeoutMs: 30_000 });
    assert.match(String(loopback.server.requests.at(-1)!.headers.prefer), /wait=30(\D|$)/);
  });
});

test('the limits: asked in whole seconds within the API maximum, the backstop after the answer can arrive', () => {
  assert.equal(serverTimeLimitSeconds(undefined, undefined), 180);
  assert.equal(serverTimeLimitSeconds(180, 120_000), 120);
  assert.equal(serverTimeLimitSeconds(180, 200), 1);
  assert.equal(serverTimeLimitSeconds(900, undefined), 600);
  assert.equal(backstopMs(180), 190_000);
  assert.equal(backstopMs(1), 2_000);
  assert.equal(requestedTimeLimitSeconds('wait=42, include-render=true'), 42);
  assert.equal(requestedTimeLimitSeconds('include-render=true'), undefined);
  assert.equal(isServerTimeout(503, { code: 'ServiceUnavailable' }), false);
  assert.equal(isServerTimeout(502, { code: 'X', innererror: { code: 'GatewayTimeout' } }), true);
});
