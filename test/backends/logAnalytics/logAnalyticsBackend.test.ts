import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  cloudEndpoints,
  isIsoDuration,
  type LogAnalyticsBackend,
  SignInRequiredError,
  toQueryTimeInterval,
} from '../../../src/backends/logAnalytics';
import { KqlError } from '../../../src/kql/errors';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../../src/results/errors';
import { plainBags } from '../../engine/bagData';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';

class FixedTokenCredential implements TokenCredential {
  scopes: string[][] = [];
  constructor(private readonly token: string | Error) {}
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    if (this.token instanceof Error) {
      throw this.token;
    }
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

const typedTables = {
  tables: [
    {
      name: 'PrimaryResult',
      columns: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Duration', type: 'timespan' },
        { name: 'Props', type: 'dynamic' },
        { name: 'Id', type: 'guid' },
        { name: 'Failed', type: 'bool' },
        { name: 'BytesSent', type: 'long' },
        { name: 'Ratio', type: 'real' },
        { name: 'Computer', type: 'string' },
      ],
      rows: [
        [
          '2026-11-23T10:00:00Z',
          '00:01:30',
          '{"ports":[80,443],"tls":true}',
          '1f2e3d4c-0000-4000-8000-000000000001',
          true,
          123456789012,
          0.25,
          'acme-demo',
        ],
        ['2026-11-23T10:01:00.5Z', '1.02:00:00', null, null, false, 0, null, 'admdemo-appsvr'],
      ],
    },
  ],
  render: {
    visualization: 'timechart',
    title: 'Traffic',
    xColumn: 'TimeGenerated',
    yColumns: 'BytesSent,Ratio',
    yMin: 'NaN',
    accumulate: false,
  },
};

describe('LogAnalyticsBackend over HTTPS to a loopback server', () => {
  const loopback = useLoopbackServer();

  function backend(credential: TokenCredential = new FixedTokenCredential('token-1')): LogAnalyticsBackend {
    return loopbackBackend(loopback, {
      credential,
      serverTimeoutSeconds: 42,
      retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
  }

  test('returns typed columns in wire form, with render info, timespan and server timeout', async () => {
    loopback.server.script([{ status: 200, body: typedTables }]);
    const credential = new FixedTokenCredential('token-1');
    const result = await backend(credential).run('VMConnection | take 2', { timeRange: { duration: 'PT4H' } });
    const req = loopback.server.requests.at(-1)!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, `/v1/workspaces/${WORKSPACE}/query`);
    assert.deepEqual(req.body, { query: 'VMConnection | take 2', timespan: 'PT4H' });
    assert.equal(req.headers.authorization, 'Bearer token-1');
    assert.match(String(req.headers.prefer), /wait=42/);
    assert.match(String(req.headers.prefer), /include-render=true/);
    assert.equal(req.headers['x-connection-analytics-call'], undefined);
    assert.deepEqual(credential.scopes[0], ['https://api.loganalytics.io/.default']);

    const t = result.tables[0]!;
    assert.deepEqual(
      t.columns.map((c) => c.type),
      ['datetime', 'timespan', 'dynamic', 'guid', 'bool', 'long', 'real', 'string'],
    );
    assert.deepEqual(plainBags(t.rows[0]), [
      '2026-11-23T10:00:00Z',
      '00:01:30',
      { ports: [80, 443], tls: true },
      '1f2e3d4c-0000-4000-8000-000000000001',
      true,
      123456789012,
      0.25,
      'acme-demo',
    ]);
    assert.deepEqual(t.rows[1], [
      '2026-11-23T10:01:00.500Z',
      '1.02:00:00',
      null,
      null,
      false,
      0,
      null,
      'admdemo-appsvr',
    ]);
    assert.deepEqual(result.render, {
      visualization: 'timechart',
      title: 'Traffic',
      xcolumn: 'TimeGenerated',
      ycolumns: ['BytesSent', 'Ratio'],
    });
    assert.equal(result.stats.backend, 'logAnalytics');
    assert.equal(result.stats.rowCount, 2);
    assert.deepEqual(result.warnings, []);
  });

  test('sends no timespan when the query sets its own window, and absolute bounds as an interval', async () => {
    loopback.server.script([
      { status: 200, body: typedTables },
      { status: 200, body: typedTables },
    ]);
    await backend().run('print 1');
    assert.equal(loopback.server.requests.at(-1)!.body.timespan, undefined);
    await backend().run('print 1', { timeRange: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' } });
    assert.equal(loopback.server.requests.at(-1)!.body.timespan, '2026-11-01T00:00:00.000Z/2026-11-02T00:00:00.000Z');
  });

  test('sends declared query parameters as lets of the run’s values, the body holding nothing else', async () => {
    loopback.server.script([{ status: 200, body: typedTables }]);
    await backend().run('declare query_parameters(who:string, n:long = 5);\nVMConnection | where Computer == who', {
      parameters: { who: 'web"01\n| take 1' },
    });
    assert.deepEqual(loopback.server.requests.at(-1)!.body, {
      query: 'let who = "web\\"01\\n| take 1"; let n = long(5);\nVMConnection | where Computer == who',
    });
  });

  test('a parameter without a value fails before anything is sent', async () => {
    const before = loopback.server.requests.length;
    await assert.rejects(
      backend().run('declare query_parameters(who:string);\nprint who'),
      (e) => e instanceof KqlError && /'who' has no value here/.test(e.message),
    );
    assert.equal(loopback.server.requests.length, before);
  });

  test('keeps the data of a partial error and reports the error as a warning', async () => {
    loopback.server.script([
      {
        status: 200,
        body: {
          ...typedTables,
          error: {
            code: 'PartialError',
            message: 'There were some errors when processing your query.',
            details: [{ code: 'EngineError', message: 'Query result set has exceeded the internal data size limit.' }],
          },
        },
      },
    ]);
    const result = await backend().run('VMConnection');
    assert.equal(result.tables[0]!.rows.length, 2);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /some errors when processing.*exceeded the internal data size limit/);
    assert.equal(result.stats.partial, true, 'the count is marked as not the whole answer');
  });

  test('retries a 429 (honouring Retry-After) and returns the later success', async () => {
    const before = loopback.server.requests.length;
    loopback.server.script([
      {
        status: 429,
        headers: { 'retry-after': '0' },
        body: { error: { code: 'TooManyRequests', message: 'slow down' } },
      },
      { status: 200, body: typedTables },
    ]);
    const result = await backend().run('VMConnection');
    assert.equal(loopback.server.requests.length - before, 2);
    assert.equal(result.tables[0]!.rows.length, 2);
  });

  test('reports a 5xx that persists after the retries as a server error', async () => {
    const before = loopback.server.requests.length;
    const fail = { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } };
    loopback.server.script([fail, fail, fail]);
    await assert.rejects(backend().run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof BackendError);
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 503);
      assert.match(e.message, /try later/);
      return true;
    });
    assert.equal(loopback.server.requests.length - before, 3);
  });

  test('reports a 401 as an auth error so the UI can ask for a new sign-in', async () => {
    loopback.server.script([
      {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationTokenTenant', message: 'The access token is expired.' } },
      },
    ]);
    await assert.rejects(backend().run('VMConnection'), (e: unknown) => {
      assert.ok(e instanceof BackendError);
      assert.equal(e.kind, 'auth');
      assert.equal(e.status, 401);
      assert.match(e.message, /expired/);
      return true;
    });
  });

  test('reports a missing sign-in from the credential as an auth error without calling the service', async () => {
    const before = loopback.server.requests.length;
    await assert.rejects(
      backend(new FixedTokenCredential(new SignInRequiredError())).run('VMConnection'),
      (e: unknown) => {
        assert.ok(e instanceof BackendError);
        assert.equal(e.kind, 'auth');
        return true;
      },
    );
    assert.equal(loopback.server.requests.length, before);
  });

  test('reports a query the service rejects (400) as a KqlError with its message', async () => {
    loopback.server.script([
      {
        status: 400,
        body: {
          error: {
            code: 'BadArgumentError',
            message: 'The request had some invalid properties',
            innererror: { code: 'SyntaxError', message: "Query could not be parsed at '|' on line [1,14]" },
          },
        },
      },
    ]);
    await assert.rejects(backend().run('VMConnection ||'), (e: unknown) => {
      assert.ok(e instanceof KqlError);
      assert.match(e.message, /could not be parsed/);
      return true;
    });
  });

  test('cancelling aborts the HTTP request of a slow response', async () => {
    loopback.server.script([{ status: 200, body: typedTables, delayMs: 30_000 }]);
    const controller = new AbortController();
    const started = Date.now();
    const run = backend().run('VMConnection', { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await assert.rejects(run, QueryCancelledError);
    await loopback.server.abandoned;
    assert.ok(Date.now() - started < 10_000, 'the request was abandoned, not awaited');
  });

  test('a query past its time limit stops with a timeout error', async () => {
    loopback.server.script([{ status: 200, body: typedTables, delayMs: 30_000 }]);
    await assert.rejects(
      backend().run('VMConnection', { timeoutMs: 200 }),
      (e: unknown) => e instanceof QueryTimeoutError && e.timeoutMs === 200,
    );
  });

  test('refuses a workspace id that is not a GUID before any request', async () => {
    const la = loopbackBackend(loopback, {
      workspaceId: 'my workspace',
      credential: new FixedTokenCredential('t'),
      approveEndpoint: undefined,
      retry: undefined,
    });
    await assert.rejects(
      la.run('print 1'),
      (e: unknown) => e instanceof BackendError && e.kind === 'config' && /not a GUID/.test(e.message),
    );
  });
});

describe('clouds and timespans', () => {
  test('each cloud has its own endpoint and scope, and an override keeps the scope', () => {
    assert.deepEqual(cloudEndpoints('AzureUSGovernment'), {
      endpoint: 'https://api.loganalytics.us/v1',
      scope: 'https://api.loganalytics.us/.default',
    });
    assert.equal(cloudEndpoints('AzureChinaCloud').scope, 'https://api.loganalytics.azure.cn/.default');
    assert.deepEqual(cloudEndpoints('AzurePublicCloud', 'https://proxy.example/v1/'), {
      endpoint: 'https://proxy.example/v1',
      scope: 'https://api.loganalytics.io/.default',
    });
  });

  test('time ranges become the API timespan', () => {
    assert.equal(toQueryTimeInterval(undefined), undefined);
    assert.deepEqual(toQueryTimeInterval({ duration: 'P7D' }), { duration: 'P7D' });
    assert.throws(() => toQueryTimeInterval({ start: 'yesterday' }), /not a datetime/);
  });
});

describe('custom time ranges', () => {
  test('accepts day/hour/minute/second durations and refuses the rest', () => {
    for (const ok of ['PT30M', 'P7D', 'pt12h', 'P1DT6H', 'PT90S', ' P2D ']) {
      assert.equal(isIsoDuration(ok), true, ok);
    }
    for (const bad of ['P', 'PT', 'P1Y', 'P1W', '12h', 'P1DT', 'PT1H30', '']) {
      assert.equal(isIsoDuration(bad), false, bad);
    }
  });
});
