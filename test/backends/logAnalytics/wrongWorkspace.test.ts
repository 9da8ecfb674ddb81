/**
 * A workspace id in settings that is a GUID but not a workspace (a typo, another tenant's, the
 * subscription's id pasted instead): the service answers 404, and the message must say which setting
 * holds the id and what it should be, not only the service's "could not be found".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BackendError } from '../../../src/results/errors';
import { LOOPBACK_WORKSPACE, loopbackBackend, useLoopbackServer } from './loopbackServer';

const NOT_FOUND = {
  status: 404,
  body: {
    error: { code: 'WorkspaceNotFoundError', message: `Workspace '${LOOPBACK_WORKSPACE}' could not be found` },
  },
};

describe('a workspace id that names no workspace', () => {
  const loopback = useLoopbackServer();

  test('the 404 names the setting and the id it holds, and keeps the service words', async () => {
    loopback.server.script([NOT_FOUND]);
    const e = await loopbackBackend(loopback)
      .run('Heartbeat | take 1')
      .then(
        () => assert.fail('the query did not fail'),
        (e: unknown) => e,
      );
    assert.ok(e instanceof BackendError, String(e));
    assert.equal(e.kind, 'config');
    assert.equal(e.status, 404);
    assert.match(
      e.message,
      /^Log Analytics does not know the workspace 0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a \(404 Not Found\)/,
    );
    assert.match(e.message, /could not be found/);
    assert.match(e.message, /kql\.logAnalytics\.workspaceId/);
    assert.match(e.message, /Workspace ID on the workspace's Overview page/);
  });

  test('the schema request on such an id says the same (its fallback query met the 404 too)', async () => {
    loopback.server.serveMetadata(NOT_FOUND);
    loopback.server.script([NOT_FOUND]);
    try {
      await assert.rejects(
        loopbackBackend(loopback).schema(),
        (e: unknown) =>
          e instanceof BackendError && e.status === 404 && /kql\.logAnalytics\.workspaceId/.test(e.message),
      );
    } finally {
      loopback.server.serveMetadata(undefined);
    }
  });
});
