/**
 * A token the service refuses (401) before its expiry — revoked, or replaced by a new sign-in through
 * VS Code's Accounts menu — must not be sent again: the SDK's pipeline caches a token until shortly
 * before it expires, so without care every later query would fail the same way until then.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { BackendError } from '../../../src/results/errors';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const OK = { tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'long' }], rows: [[1]] }] };
const REFUSED = {
  error: { code: 'InvalidTokenError', message: 'The provided authentication is not valid for this resource' },
};

describe('a token the service refused', () => {
  const loopback = useLoopbackServer();

  test('is not sent again: the next query asks the credential for a token', async () => {
    // The credential's session changes between the two queries (VS Code refreshed or replaced it).
    let current = 'first-token';
    const asked: string[] = [];
    const credential: TokenCredential = {
      getToken: async (): Promise<AccessToken> => {
        asked.push(current);
        return { token: current, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    loopback.server.respond((r) =>
      r.headers.authorization === 'Bearer first-token' ? { status: 401, body: REFUSED } : { status: 200, body: OK },
    );
    try {
      const backend = loopbackBackend(loopback, { credential });
      await assert.rejects(
        backend.run('VMConnection | take 1'),
        (e: unknown) => e instanceof BackendError && e.kind === 'auth' && e.status === 401,
      );
      current = 'second-token';
      const result = await backend.run('VMConnection | take 1');
      assert.deepEqual(result.tables[0]!.rows, [[1]]);
      assert.deepEqual(
        loopback.server.requests.slice(-2).map((r) => r.headers.authorization),
        ['Bearer first-token', 'Bearer second-token'],
      );
      // A token that works stays cached: a third query asks the credential for nothing.
      const before = asked.length;
      await backend.run('VMConnection | take 1');
      assert.equal(asked.length, before);
    } finally {
      loopback.server.respond(undefined);
    }
  });
});
