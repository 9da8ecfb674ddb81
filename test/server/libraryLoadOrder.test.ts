/**
 * The language server's start-up order without a snapshot: Kusto.Language starts loading once `initialize`
 * is answered, not when `initialized` arrives (the client's round trip then overlaps the load), the answer
 * is not held behind the load, and a document opened before the library is ready is still checked.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parseTrace, SERVER_TRACE_LOG } from '../../src/protocol/startupTrace';
import { type ServerHarness, startServer, waitForLog } from './lspHarness';

/** An unknown table and a `where` without its condition: a real check finds both. */
const TEXT = 'NoSuchTable_CL\n| take 1\n\nVMConnection\n| where\n';

describe("the library's load at the server's start", () => {
  const servers: ServerHarness[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('begins once initialize is answered, with no initialized and no document', async () => {
    const server = await startServer({ initialized: false });
    servers.push(server);
    // Before this change the load waited for `initialized` (or a document): this would time out.
    await waitForLog(server, /^Kusto\.Language loaded in \d+ ms/);
  });

  test('a document opened while it loads gets its diagnostics, and the answer to initialize came first', async () => {
    const server = await startServer({ initialized: false });
    servers.push(server);
    // Sent at once: on the server it waits in the pipe while the library loads.
    const list = await server.open('file:///start/early.kql', TEXT);
    const lines = list.map((d) => d.range.start.line).sort((a, b) => a - b);
    assert.ok(lines.includes(0), `the unknown table is reported: ${JSON.stringify(list)}`);
    assert.ok(lines.includes(4), `the empty where is reported: ${JSON.stringify(list)}`);
    const marks = parseTrace(
      await waitForLog(server, new RegExp(`^${SERVER_TRACE_LOG.replace(/[()]/g, '\\$&')}`)),
      SERVER_TRACE_LOG,
    );
    assert.ok(marks, 'the server logs its start-up trace');
    const { initializeAnswered, libraryLoadStart, libraryLoaded } = marks;
    assert.ok(initializeAnswered !== undefined && libraryLoadStart !== undefined && libraryLoaded !== undefined);
    assert.ok(libraryLoadStart >= initializeAnswered, 'the load starts after the answer is returned');
    // The answer is written before the load's synchronous second, so it reached this client before the
    // load ended (held behind the load, it would arrive after libraryLoaded).
    assert.ok(
      server.initializeAnsweredAt <= libraryLoaded,
      `initialize answered at ${server.initializeAnsweredAt}, the library loaded at ${libraryLoaded}`,
    );
  });
});
