/**
 * The schema's credential says once when its token is in hand (the request goes out then, and the
 * language server's bound on holding unknown names starts); a sign-in that fails or gives no token says
 * nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { tellingWhenReady } from '../../../src/backends/logAnalytics/tokenReady';

const TOKEN: AccessToken = { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };

test('told once, after the token, not before', async () => {
  let release = () => undefined as void;
  const signedIn = new Promise<void>((r) => {
    release = r;
  });
  const told: number[] = [];
  const inner: TokenCredential = {
    getToken: async () => {
      await signedIn;
      return TOKEN;
    },
  };
  const c = tellingWhenReady(inner, () => told.push(1));
  const first = c.getToken('scope');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(told, [], 'not while the sign-in is open');
  release();
  assert.equal(await first, TOKEN);
  assert.deepEqual(told, [1]);
  await c.getToken('scope');
  assert.deepEqual(told, [1], 'a retry is not a new request');
});

test('a failed or empty sign-in says nothing', async () => {
  const told: number[] = [];
  const failing = tellingWhenReady({ getToken: async () => Promise.reject(new Error('cancelled')) }, () =>
    told.push(1),
  );
  await assert.rejects(failing.getToken('scope'), /cancelled/);
  const empty = tellingWhenReady({ getToken: async () => null }, () => told.push(1));
  assert.equal(await empty.getToken('scope'), null);
  assert.deepEqual(told, []);
});
