/**
 * The workspace schema when the metadata answer is not all good: a few tables' entries broken (the rest of
 * a 600-table schema must survive, and the view must be able to say which were left out), and a service
 * that never answers the metadata request (it must end, at a stated limit, so the cached schema stays and
 * the log says why).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BackendError } from '../../../src/results/errors';
import { BROKEN_TABLES, QA_ODD_TABLE, QA_TABLE_COUNT, qaWalkMetadata } from '../qaWalkWorkspace';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

describe('a metadata answer that is not all good', () => {
  const loopback = useLoopbackServer();

  test('broken table entries are left out, named in the note; the other tables stay', async () => {
    loopback.server.serveMetadata({ status: 200, body: qaWalkMetadata() });
    try {
      const schema = await loopbackBackend(loopback).schema();
      assert.equal(schema.tables.length, QA_TABLE_COUNT - BROKEN_TABLES.length);
      assert.ok(schema.tables.some((t) => t.name === QA_ODD_TABLE));
      for (const name of BROKEN_TABLES) {
        assert.ok(!schema.tables.some((t) => t.name === name), `${name} left out`);
        assert.match(schema.source.note ?? '', new RegExp(name));
      }
      assert.deepEqual(schema.source.unreadTables, BROKEN_TABLES);
      assert.match(schema.source.note ?? '', /^2 tables left out: their metadata could not be read/);
      assert.match(schema.source.note ?? '', /columns\[1\]\.name: missing/);
    } finally {
      loopback.server.serveMetadata(undefined);
    }
  });

  test('a metadata request the service never answers ends at its limit, saying so', async () => {
    loopback.server.serveMetadata({ status: 200, body: qaWalkMetadata(), delayMs: 30_000 });
    const started = Date.now();
    try {
      await assert.rejects(
        loopbackBackend(loopback, { schemaTimeoutSeconds: 1 }).schema(),
        (e: unknown) =>
          e instanceof BackendError &&
          e.kind === 'network' &&
          /did not answer the workspace schema request within 1 s/.test(e.message),
      );
      assert.ok(Date.now() - started < 10_000, `ended after ${Date.now() - started} ms`);
    } finally {
      loopback.server.serveMetadata(undefined);
    }
  });

  test('a cancelled schema request is still a cancellation, not a time-out', async () => {
    loopback.server.serveMetadata({ status: 200, body: qaWalkMetadata(), delayMs: 30_000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    try {
      await assert.rejects(loopbackBackend(loopback, { schemaTimeoutSeconds: 20 }).schema(abort.signal), (e: unknown) =>
        /cancel/i.test(String((e as Error).message)),
      );
    } finally {
      loopback.server.serveMetadata(undefined);
    }
  });
});
