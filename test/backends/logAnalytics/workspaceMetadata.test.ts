import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  LogAnalyticsBackend,
  type LogAnalyticsOptions,
  readCachedSchema,
  writeCachedSchema,
} from '../../../src/backends/logAnalytics';
import { BackendError } from '../../../src/results/errors';
import { hasColumn, schemaFingerprint } from '../../../src/schema/workspaceSchema';
import { metadataFixture } from '../metadataFixture';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';
const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('workspace schema from Log Analytics', () => {
  const loopback = useLoopbackServer();
  const backend = (
    retries: Pick<LogAnalyticsOptions, 'retry' | 'maxRetryWaitSeconds'> = { retry: { maxRetries: 0 } },
  ) => loopbackBackend(loopback, { credential, ...retries });

  test('reads the metadata API: 300+ tables, saved functions, solutions as groups', async () => {
    loopback.server.serveMetadata({ status: 200, body: metadataFixture() });
    const schema = await backend().schema();
    assert.equal(schema.source.kind, 'logAnalytics');
    assert.ok(schema.tables.length > 300);
    assert.ok(hasColumn(schema, 'Heartbeat', 'OSType'));
    assert.deepEqual(
      schema.functions.map((f) => f.name),
      ['HeartbeatOf', 'BusyMachines', 'FailedLinks'],
    );
    assert.equal(schema.tables.find((t) => t.name === 'VMConnection')!.group, 'VMInsights');
  });

  test('metadata denied (403): falls back to the schema query and says so', async () => {
    loopback.server.serveMetadata({
      status: 403,
      body: { error: { code: 'InsufficientAccessError', message: 'no metadata for you' } },
    });
    loopback.server.script([
      {
        status: 200,
        body: {
          tables: [
            {
              name: 'PrimaryResult',
              columns: [
                { name: '__Table', type: 'string' },
                { name: 'Columns', type: 'dynamic' },
              ],
              rows: [
                ['Heartbeat', '{"TimeGenerated":"datetime","Computer":"string","__Table":"string"}'],
                ['Perf', { CounterValue: 'real', Computer: 'string' }],
              ],
            },
          ],
        },
      },
    ]);
    const schema = await backend().schema();
    assert.equal(schema.source.kind, 'logAnalyticsQuery');
    assert.match(schema.source.note ?? '', /metadata API was denied \(403\)/);
    assert.deepEqual(
      schema.tables.map((t) => [t.name, t.columns.map((c) => `${c.name}:${c.type}`)]),
      [
        ['Heartbeat', ['TimeGenerated:datetime', 'Computer:string']],
        ['Perf', ['CounterValue:real', 'Computer:string']],
      ],
    );
    const query = loopback.server.requests.at(-1)!;
    assert.match(query.url, /\/query$/);
    assert.match(query.body.query ?? '', /buildschema/);
  });

  test('a refused sign-in (401) is an auth error, not a fallback', async () => {
    loopback.server.serveMetadata({ status: 401, body: { error: { code: 'InvalidTokenError', message: 'expired' } } });
    await assert.rejects(backend().schema(), (e: unknown) => e instanceof BackendError && e.kind === 'auth');
  });

  const retrying = () =>
    backend({ retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 }, maxRetryWaitSeconds: 5 });

  test('a Retry-After past the cap ends the metadata request at once, saying when to try again', {
    timeout: 20_000,
  }, async () => {
    loopback.server.serveMetadata(undefined);
    loopback.server.script([
      {
        status: 429,
        body: { error: { code: 'ThrottledError', message: 'Your request was throttled.' } },
        headers: { 'retry-after': '3600' },
      },
      { status: 200, body: metadataFixture() },
    ]);
    const before = loopback.server.requests.length;
    const started = Date.now();
    await assert.rejects(retrying().schema(), (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.equal(e.kind, 'throttled');
      assert.equal(e.retryAfterSeconds, 3600);
      assert.equal(
        e.message,
        'Log Analytics is throttling requests (429 Too Many Requests) and asks to wait 3600 s, longer than the ' +
          'extension waits for the workspace schema; try again in 3600 s. Your request was throttled.',
      );
      return true;
    });
    assert.ok(Date.now() - started < 5_000, 'it did not sit through the wait');
    assert.equal(loopback.server.requests.length - before, 1, 'no retry was sent');
    loopback.server.script([]);
  });

  test('a short Retry-After on the metadata request is waited for and told', async () => {
    loopback.server.serveMetadata(undefined);
    loopback.server.script([
      { status: 503, raw: '', headers: { 'retry-after': '1' } },
      { status: 200, body: metadataFixture() },
    ]);
    const told: string[] = [];
    const schema = await retrying().schema(undefined, (m) => told.push(m));
    assert.equal(schema.source.kind, 'logAnalytics');
    assert.deepEqual(told, [
      'Log Analytics answered (503 Service Unavailable): waiting 1 s as it asked (Retry-After), then retry 1 of 2…',
    ]);
  });

  test('a workspace id that is not a GUID rejects without a request', async () => {
    const before = loopback.server.requests.length;
    await assert.rejects(new LogAnalyticsBackend({ workspaceId: 'nope', credential }).schema(), /not a GUID/);
    assert.equal(loopback.server.requests.length, before);
  });
});

test('the disk cache keeps a workspace schema per workspace, and ignores a damaged file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-cache-'));
  const { schemaFromMetadata } = await import('../../../src/schema/metadataJson');
  const schema = schemaFromMetadata(metadataFixture(), {
    kind: 'logAnalytics',
    label: 'Log Analytics metadata API',
    fetchedAt: '2026-12-01T10:00:00.000Z',
  });
  await writeCachedSchema(dir, WORKSPACE, schema);
  const back = (await readCachedSchema(dir, WORKSPACE))!;
  assert.equal(schemaFingerprint(back), schemaFingerprint(schema));
  assert.equal(back.source.kind, 'cache');
  assert.equal(back.source.fetchedAt, '2026-12-01T10:00:00.000Z');
  assert.equal(await readCachedSchema(dir, 'other'), undefined);
  fs.writeFileSync(
    path.join(dir, `schema-${WORKSPACE}.json`),
    '{"source": {"fetchedAt": "x"}, "metadata": {"tables": 1}}',
  );
  assert.equal(await readCachedSchema(dir, WORKSPACE), undefined);
});
