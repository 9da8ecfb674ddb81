/**
 * The language server's answer to the query parameters request: the declarations Kusto.Language reads
 * (the library loaded for real), in the shape the client accepts, and a clear error for a malformed request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { QueryParametersRequest } from '../../src/protocol/lsp';
import { validateQueryParametersResult } from '../../src/protocol/validateQueryParameters';
import { queryParametersResponse } from '../../src/server/queryParameters';
import { startServer } from './lspHarness';

const QUERY = `declare query_parameters(['min cpus']:long, since:datetime = datetime(2024-01-01));
VMComputer | where Cpus >= ['min cpus'];
declare query_parameters(who:string = "web\\"01");
print who`;

test('the server reads every declaration with its offsets, types and defaults as written', () => {
  const { declarations } = queryParametersResponse({ text: QUERY });
  assert.deepEqual(
    declarations.map((d) => d.parameters),
    [
      [
        { name: 'min cpus', type: 'long' },
        { name: 'since', type: 'datetime', defaultText: 'datetime(2024-01-01)' },
      ],
      [{ name: 'who', type: 'string', defaultText: '"web\\"01"' }],
    ],
  );
  assert.deepEqual(
    declarations.map((d) => QUERY.slice(d.start, d.end)),
    [
      "declare query_parameters(['min cpus']:long, since:datetime = datetime(2024-01-01))",
      'declare query_parameters(who:string = "web\\"01")',
    ],
  );
  // What crosses the connection is JSON: the client's check takes it as it is.
  const sent = JSON.parse(JSON.stringify({ declarations }));
  assert.deepEqual(validateQueryParametersResult(sent, QUERY), { ok: true, value: declarations });
});

test('a text that declares nothing has no declarations', () => {
  assert.deepEqual(queryParametersResponse({ text: 'VMComputer | take 1' }), { declarations: [] });
  assert.deepEqual(queryParametersResponse({ text: 'print query_parameters = 1' }).declarations, []);
});

test('a request without a string text is refused as invalid params, saying why', () => {
  for (const bad of [undefined, null, 'declare query_parameters(a:long);', { text: 42 }, []]) {
    assert.throws(
      () => queryParametersResponse(bad),
      (e: unknown) =>
        e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && /needs a string "text"/.test(e.message),
    );
  }
});

test('the running server answers the request over the connection, and refuses a malformed one', async () => {
  const server = await startServer();
  try {
    await server.open('file:///p.kql', QUERY);
    const answer = await server.connection.sendRequest(QueryParametersRequest, { text: QUERY });
    assert.deepEqual(validateQueryParametersResult(answer, QUERY), {
      ok: true,
      value: queryParametersResponse({ text: QUERY }).declarations,
    });
    await assert.rejects(server.connection.sendRequest(QueryParametersRequest, { source: QUERY }), (e: unknown) => {
      const error = e as { code?: number; message?: string };
      return error.code === ErrorCodes.InvalidParams && /needs a string "text"/.test(error.message ?? '');
    });
  } finally {
    await server.stop();
  }
});
