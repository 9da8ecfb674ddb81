/**
 * Log Analytics failures that carry no JSON error body (a gateway's 502, a 503 HTML page, a bare 429),
 * oversized responses, and endpoints that are not Azure Monitor's: each over HTTPS to a loopback server.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { LogAnalyticsBackend, type LogAnalyticsOptions } from '../../../src/backends/logAnalytics';
import { BackendError } from '../../../src/results/errors';
import { errorHeading } from '../../../src/ui/errorHeading';
import { type LoopbackServer, loopbackBackend, useLoopbackServer } from './loopbackServer';

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';
const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';

class CountingCredential implements TokenCredential {
  calls = 0;
  async getToken(): Promise<AccessToken> {
    this.calls++;
    return { token: 'secret-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe('Log Analytics failures without a JSON error body', () => {
  const loopback = useLoopbackServer();

  function backend(extra: Partial<LogAnalyticsOptions> = {}): LogAnalyticsBackend {
    return loopbackBackend(loopback, { credential: new CountingCredential(), ...extra });
  }

  async function failure(reply: Parameters<LoopbackServer['script']>[0][number]): Promise<BackendError> {
    loopback.server.script([reply]);
    try {
      await backend().run('VMConnection | take 1');
    } catch (e) {
      assert.ok(
        e instanceof BackendError,
        `not a BackendError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
      );
      return e;
    }
    throw new Error('the query did not fail');
  }

  test('a 503 with an HTML page is a server error that says the service is unavailable', async () => {
    const e = await failure({ status: 503, raw: HTML_PAGE, headers: { 'content-type': 'text/html' } });
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 503);
    assert.match(e.message, /^Log Analytics is unavailable \(503 Service Unavailable\)/);
    assert.doesNotMatch(e.message, /<html|Cannot read properties/i);
  });

  test('a 502 or 503 whose message ends in a full stop gets no second one', async () => {
    // A 504 is the server's time limit: its message is serverTimeout.ts's (test/ui/runFailure.test.ts).
    for (const status of [502, 503]) {
      for (const message of ['The service is busy.', 'The service is busy', 'Try later!']) {
        const e = await failure({ status, body: { error: { code: 'ServiceUnavailable', message } } });
        assert.doesNotMatch(e.message, /\.\.|!\./, e.message);
        assert.match(
          e.message,
          /after retries: The service is busy\. Try again later\.$|after retries: Try later! Try again later\.$/,
        );
      }
    }
  });

  test('a 502 with an empty body is a server error naming the bad gateway', async () => {
    const e = await failure({ status: 502, raw: '' });
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 502);
    assert.match(e.message, /\(502 Bad Gateway\)/);
    assert.doesNotMatch(e.message, /Cannot read properties/);
  });

  test('a 429 with an empty body is throttling, with the Retry-After the service sent', async () => {
    const e = await failure({ status: 429, raw: '', headers: { 'retry-after': '37' } });
    assert.equal(e.kind, 'throttled');
    assert.equal(e.status, 429);
    assert.equal(e.retryAfterSeconds, 37);
    assert.match(e.message, /throttling.*try again in 37 s/i);
  });

  test('a 429 whose Retry-After is an HTTP date is read as seconds from now', async () => {
    const when = new Date(Date.now() + 120_000).toUTCString();
    const e = await failure({
      status: 429,
      raw: '<html>slow down</html>',
      headers: { 'retry-after': when, 'content-type': 'text/html' },
    });
    assert.equal(e.kind, 'throttled');
    assert.ok(e.retryAfterSeconds! > 100 && e.retryAfterSeconds! <= 120, String(e.retryAfterSeconds));
  });

  test("a 503 with a JSON error keeps the service's message", async () => {
    const e = await failure({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } });
    assert.equal(e.kind, 'server');
    assert.match(e.message, /try later/);
  });

  test('a 200 whose body is not JSON is a server error, not a crash', async () => {
    const e = await failure({
      status: 200,
      raw: '<html>captive portal</html>',
      headers: { 'content-type': 'text/html' },
    });
    assert.equal(e.kind, 'server');
    assert.match(e.message, /not a query result/);
  });

  test("a 200 whose JSON breaks off says so, with the parser's words and not the body", async () => {
    const e = await failure({
      status: 200,
      raw: '{"tables":[{"name":"PrimaryResult","columns":[{"name":"a","type":"long"}],"rows":[[1],[2',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(e.kind, 'server');
    assert.match(
      e.message,
      /^Log Analytics answered 200 OK, but its JSON is malformed \(.*JSON.*\), so it is not a query result/,
    );
    assert.match(e.message, /run the query again/);
    assert.doesNotMatch(e.message, /PrimaryResult|"tables"/);
  });

  test('a 200 whose row does not fit its columns names the row, under the unreadable-answer heading', async () => {
    const e = await failure({
      status: 200,
      raw: '{"tables":[{"name":"PrimaryResult","columns":[{"name":"a","type":"long"},{"name":"b","type":"string"}],"rows":[[1,"x"],[2]]}]}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 200);
    assert.match(
      e.message,
      /^Log Analytics answered 200 OK, but its row 2 of table PrimaryResult has 1 cell for its 2 columns, so it is not a query result\./,
    );
    assert.equal(
      errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: e.kind, status: e.status }),
      'Log Analytics sent an unreadable answer',
    );
  });

  test('a 500 web page says the service failed and to run again later, without markup or retries it did not make', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>500 - Internal server error.</title></head><body><h1>Server Error</h1></body></html>';
    const e = await failure({ status: 500, raw: page, headers: { 'content-type': 'text/html' } });
    assert.equal(e.kind, 'server');
    assert.match(
      e.message,
      /^Log Analytics failed \(500 Internal Server Error\): the response was a web page titled "500 - Internal server error\."/,
    );
    assert.match(e.message, /run the query again in a few minutes\.$/);
    assert.doesNotMatch(e.message, /<|after retries/);
  });

  test('a 401 says to sign in again; a 403 that the account lacks access to the workspace', async () => {
    const unauthorized = await failure({
      status: 401,
      body: {
        error: { code: 'InvalidTokenError', message: 'The provided authentication is not valid for this resource' },
      },
    });
    assert.equal(unauthorized.kind, 'auth');
    assert.match(
      unauthorized.message,
      /refused the sign-in \(401 Unauthorized\): The provided authentication is not valid for this resource\. Sign in again: run "Connection Analytics: Sign In to Log Analytics"/,
    );
    const forbidden = await failure({
      status: 403,
      body: {
        error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' },
      },
    });
    assert.equal(forbidden.kind, 'auth');
    assert.match(
      forbidden.message,
      /^Log Analytics denied access to the workspace \(403 Forbidden\): The provided credentials have insufficient access\./,
    );
    assert.match(forbidden.message, /needs read access to it \(the Log Analytics Reader role/);
    assert.doesNotMatch(forbidden.message, /refused the sign-in/);
  });

  test('a response larger than the cap is refused without reading it all', async () => {
    const row = `["${'x'.repeat(1000)}"]`;
    const huge = `{"tables":[{"name":"PrimaryResult","columns":[{"name":"s","type":"string"}],"rows":[${Array.from({ length: 3000 }, () => row).join(',')}]}]}`;
    loopback.server.script([{ status: 200, raw: huge }]);
    await assert.rejects(backend({ maxResponseBytes: 1_000_000 }).run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.equal(e.kind, 'data');
      assert.match(e.message, /larger than 1 MB/);
      // Its heading is not the missing table's, the other 'data' failure.
      assert.equal(
        errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: e.kind, status: e.status }),
        'The answer is too large to show',
      );
      return true;
    });
    // A response within the cap still works.
    loopback.server.script([{ status: 200, raw: huge }]);
    const ok = await backend({ maxResponseBytes: 10_000_000 }).run('VMConnection');
    assert.equal(ok.tables[0]!.rows.length, 3000);
  });

  test('a Content-Length over the cap is refused before the body is read', async () => {
    loopback.server.script([{ status: 200, raw: 'x'.repeat(2_000_000), headers: { 'content-length': '2000000' } }]);
    await assert.rejects(
      backend({ maxResponseBytes: 1_000_000 }).run('VMConnection'),
      (e: unknown) => e instanceof BackendError && e.kind === 'data',
    );
  });
});

describe('Log Analytics endpoints', () => {
  const loopback = useLoopbackServer();

  const ok = {
    status: 200,
    body: { tables: [{ name: 'PrimaryResult', columns: [{ name: 'x', type: 'long' }], rows: [[1]] }] },
  };

  test('a custom endpoint that is not confirmed gets no token and no request', async () => {
    const credential = new CountingCredential();
    const asked: string[] = [];
    const before = loopback.server.requests.length;
    const la = loopbackBackend(loopback, {
      credential,
      approveEndpoint: async (host) => {
        asked.push(host);
        return false;
      },
    });
    await assert.rejects(
      la.run('print 1'),
      (e: unknown) =>
        e instanceof BackendError &&
        e.kind === 'config' &&
        /not an Azure Monitor host and was not confirmed/.test(e.message),
    );
    assert.deepEqual(asked, [new URL(loopback.server.endpoint).host]);
    assert.equal(credential.calls, 0);
    assert.equal(loopback.server.requests.length, before);
  });

  test('without a way to confirm, a custom endpoint is refused', async () => {
    const credential = new CountingCredential();
    const la = loopbackBackend(loopback, { credential, approveEndpoint: undefined, retry: undefined });
    await assert.rejects(la.run('print 1'), (e: unknown) => e instanceof BackendError && e.kind === 'config');
    assert.equal(credential.calls, 0);
  });

  test('a confirmed custom endpoint is asked about once and then used', async () => {
    let asked = 0;
    const la = loopbackBackend(loopback, {
      credential: new CountingCredential(),
      approveEndpoint: async () => {
        asked++;
        return true;
      },
    });
    loopback.server.script([ok, ok]);
    await la.run('print 1');
    await la.run('print 1');
    assert.equal(asked, 1);
    assert.equal(loopback.server.requests.at(-1)!.headers.authorization, 'Bearer secret-token');
  });

  test('an http endpoint is refused outright', async () => {
    const credential = new CountingCredential();
    let asked = 0;
    const la = new LogAnalyticsBackend({
      workspaceId: WORKSPACE,
      credential,
      endpoint: 'http://127.0.0.1:9/v1',
      approveEndpoint: async () => {
        asked++;
        return true;
      },
    });
    await assert.rejects(
      la.run('print 1'),
      (e: unknown) => e instanceof BackendError && e.kind === 'config' && /unencrypted/.test(e.message),
    );
    assert.equal(asked, 0);
    assert.equal(credential.calls, 0);
  });
});
