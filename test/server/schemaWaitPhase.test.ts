/**
 * The hold's bound counts from the schema request, not from the server's start: a Log Analytics
 * workspace's first read waits on the sign-in (its dialogs can take longer than the whole 8 s bound),
 * during which nothing is shown as unknown, and the bound starts when the client says the request went
 * out. And a hold that begins withdraws the unknown-name errors already shown (a refresh, a workspace
 * switch), without waiting for the next edit.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { SchemaPendingNotification, type SchemaPendingParams } from '../../src/protocol/lsp';
import { SchemaWait, schemaPhaseFrom } from '../../src/server/schemaWait';
import { type ServerHarness, startServer } from './lspHarness';

/** Two unknown tables (no schema is ever sent) and a syntax error. */
const TEXT = 'Orders_CL\n| take 10\n\nNoSuchTable_CL\n| take 1\n\nprint x = 1 +\n';
const UNKNOWN = /^(KS142|KS204)$/;
const unknownLines = (list: Diagnostic[]) =>
  list.filter((d) => UNKNOWN.test(String(d.code))).map((d) => d.range.start.line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the hold counts from the schema request', () => {
  const servers: ServerHarness[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('a sign-in longer than the bound shows nothing unknown; the bound starts when the request is sent', async () => {
    const server = await startServer({
      initializationOptions: { schemaPending: true, schemaSource: 'logAnalytics', schemaPhase: 'signIn' },
      env: { KQL_SCHEMA_WAIT_MS: '1500' },
    });
    servers.push(server);
    const uri = 'file:///signin.kql';
    const first = await server.open(uri, TEXT);
    assert.ok(
      first.some((d) => d.range.start.line === 6),
      'the syntax error shows at once',
    );
    // The user is in the sign-in dialogs for twice the bound: nothing unknown is shown meanwhile.
    await sleep(3_000);
    const sent = performance.now();
    await server.connection.sendNotification(SchemaPendingNotification, {
      pending: true,
      source: 'logAnalytics',
      phase: 'request',
    } satisfies SchemaPendingParams);
    let list = first;
    while (unknownLines(list).length === 0) list = await server.nextDiagnostics(uri, 30_000);
    const shownAfter = performance.now() - sent;
    for (const p of server.published.slice(0, -1).filter((x) => x.uri === uri))
      assert.deepEqual(unknownLines(p.diagnostics), [], 'nothing unknown before the bound, counted from the request');
    // The schema never came: after the bound (from the request, not from the start) both tables are unknown.
    assert.deepEqual(unknownLines(list), [0, 3]);
    assert.ok(shownAfter >= 1_400, `unknown names shown ${Math.round(shownAfter)} ms after the request`);
    assert.ok(
      server.logs.some((l) => /has not arrived after \d+ ms: unknown names are shown/.test(l)),
      server.logs.join(' | '),
    );
  });

  test('the sign-in is bounded too (KQL_SIGN_IN_WAIT_MS)', async () => {
    const server = await startServer({
      initializationOptions: { schemaPending: true, schemaSource: 'logAnalytics', schemaPhase: 'signIn' },
      env: { KQL_SCHEMA_WAIT_MS: '100', KQL_SIGN_IN_WAIT_MS: '1500' },
    });
    servers.push(server);
    const uri = 'file:///never-signed-in.kql';
    let list = await server.open(uri, TEXT);
    while (unknownLines(list).length === 0) list = await server.nextDiagnostics(uri, 30_000);
    assert.deepEqual(unknownLines(list), [0, 3]);
    assert.ok(
      server.logs.some((l) => /waiting on the sign-in/.test(l)),
      server.logs.join(' | '),
    );
  });

  test('a sign-in that fails ends the hold at once', async () => {
    const server = await startServer({
      initializationOptions: { schemaPending: true, schemaSource: 'logAnalytics', schemaPhase: 'signIn' },
      env: { KQL_SCHEMA_WAIT_MS: '600000', KQL_SIGN_IN_WAIT_MS: '600000' },
    });
    servers.push(server);
    const uri = 'file:///declined.kql';
    const first = await server.open(uri, TEXT);
    assert.deepEqual(unknownLines(first), []);
    const next = server.nextDiagnostics(uri, 30_000);
    await server.connection.sendNotification(SchemaPendingNotification, { pending: false });
    assert.deepEqual(unknownLines(await next), [0, 3]);
  });

  test('a hold that begins withdraws the unknown-name errors already shown, with no edit', async () => {
    const server = await startServer({ env: { KQL_SCHEMA_WAIT_MS: '600000' } });
    servers.push(server);
    const uri = 'file:///refreshed.kql';
    const shown = await server.open(uri, TEXT);
    assert.deepEqual(unknownLines(shown), [0, 3]);
    // A refresh (or a workspace switch) starts a read.
    const next = server.nextDiagnostics(uri, 10_000);
    await server.connection.sendNotification(SchemaPendingNotification, {
      pending: true,
      source: 'logAnalytics',
      phase: 'request',
    } satisfies SchemaPendingParams);
    const held = await next;
    assert.deepEqual(unknownLines(held), [], JSON.stringify(held));
    assert.ok(
      held.some((d) => d.range.start.line === 6),
      'the syntax error stays',
    );
    // The read fails: the errors come back.
    const back = server.nextDiagnostics(uri, 30_000);
    await server.connection.sendNotification(SchemaPendingNotification, { pending: false });
    assert.deepEqual(unknownLines(await back), [0, 3]);
  });
});

describe('SchemaWait phases', () => {
  function wait(boundMs: number, signInMs: number) {
    const events: string[] = [];
    const w = new SchemaWait(
      { onBegin: () => events.push('begin'), onSettled: () => events.push('settled'), log: () => undefined },
      boundMs,
      signInMs,
    );
    return { w, events };
  }

  test('the request phase restarts the bound; no phase keeps it', async () => {
    const { w, events } = wait(300, 10_000);
    w.begin('x', 'signIn');
    await sleep(400);
    assert.ok(w.pending, 'the sign-in is not bounded by the request bound');
    w.begin('x', 'request');
    await sleep(200);
    w.begin('x');
    await sleep(200);
    assert.ok(!w.pending, 'a begin without a phase kept the bound');
    assert.deepEqual(events, ['begin', 'settled']);
    w.dispose();
  });

  test('onBegin only when a hold begins', () => {
    const { w, events } = wait(10_000, 10_000);
    w.begin('x', 'request');
    w.begin('x', 'request');
    w.begin('x', 'signIn');
    assert.deepEqual(events, ['begin']);
    w.end('done');
    w.begin('x');
    assert.deepEqual(events, ['begin', 'settled', 'begin']);
    w.dispose();
  });

  test('hostile phases are no phase', () => {
    assert.equal(schemaPhaseFrom('signIn'), 'signIn');
    assert.equal(schemaPhaseFrom('request'), 'request');
    for (const v of [undefined, null, 42, 'SIGNIN', { phase: 'signIn' }, ['request']])
      assert.equal(schemaPhaseFrom(v), undefined);
  });
});
