/**
 * A query that reads a table the workspace lacks: Log Analytics refuses it with a semantic error
 * (SEM0100) nested two levels down its 400 answer. For a table the extension's views and reports read,
 * the backend says which table the workspace has not got and what writes it, as a MissingTableError
 * (so a report skips that part); any other unresolved name stays the service's query error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unresolvedCatalogueTables } from '../../../src/backends/logAnalytics/missingTable';
import { KqlError } from '../../../src/kql/errors';
import { MissingTableError } from '../../../src/results/errors';
import { errorHeading } from '../../../src/ui/errorHeading';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';
import { unresolvedName as unresolved } from './serviceAnswers';

const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('a table the workspace lacks', () => {
  const loopback = useLoopbackServer();
  const backend = () => loopbackBackend(loopback, { credential });

  test('VMBoundPort missing: the error names it, what writes it and what the service said', async () => {
    loopback.server.script([unresolved('summarize', 'VMBoundPort')]);
    const error = await backend()
      .run('VMBoundPort | summarize count() by Computer')
      .then(
        () => assert.fail('the run should fail'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof MissingTableError, String(error));
    assert.deepEqual(error.tables, ['VMBoundPort']);
    assert.equal(error.kind, 'data');
    assert.equal(error.status, 400);
    assert.equal(
      error.message,
      "This workspace has no VMBoundPort table, which the query reads (Log Analytics said: 'summarize' operator: Failed to resolve table or column expression named 'VMBoundPort'). VMBoundPort is written by VM insights with processes and dependencies (the Dependency agent).",
    );
    assert.equal(
      errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: error.kind, status: error.status }),
      'The workspace has no such table',
    );
  });

  test("a user's own name the service cannot resolve stays its query error, in its words", async () => {
    loopback.server.script([unresolved('where', 'Custom003_C')]);
    await assert.rejects(
      backend().run('Custom003_C | take 1'),
      (e: unknown) =>
        e instanceof KqlError && !(e instanceof MissingTableError) && /named 'Custom003_C'/.test(e.message),
    );
  });

  test('every form of the message is read, each table once, only catalogue tables', () => {
    assert.deepEqual(
      unresolvedCatalogueTables([
        "Failed to resolve table expression named 'VMProcess'",
        "'join' operator: Failed to resolve table or column expression named 'VMBoundPort'",
        "'union' operator: Failed to resolve table or column expression named 'VMProcess'",
        "Failed to resolve scalar expression named 'VMConnection'",
        "Failed to resolve table or column expression named 'Perf'",
      ]),
      ['VMProcess', 'VMBoundPort'],
    );
  });
});
