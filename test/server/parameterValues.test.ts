/**
 * The language server's answer to the parameter values request: each value read as the extension host
 * reads it today (the library loaded for real, the same cases as the host's own check), in the shape
 * the client accepts, and a clear error for a malformed request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { declaredParameterLiteral } from '../../src/engine/parameterLiteral';
import { ParameterValuesRequest } from '../../src/protocol/lsp';
import { validateParameterValuesResult } from '../../src/protocol/validateParameterValues';
import { parameterValuesResponse } from '../../src/server/parameterValues';
import { startServer } from './lspHarness';

/** The host check's cases (test/ui/parameterValues.test.ts), and values of every other type. */
const VALUES = [
  { text: '2024-05-01T10:00Z', type: 'datetime' },
  { text: 'last tuesday', type: 'datetime' },
  { text: '42', type: 'long' },
  { text: '42; T | take 1', type: 'long' },
  { text: 'anything " at all', type: 'string' },
  { text: '1h', type: 'time' },
  { text: '1', type: '(a:long)' },
  { text: '-1.02:00:00', type: 'timespan' },
  { text: '{"k": [1, "x)"]}', type: 'dynamic' },
  { text: 'guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)', type: 'uniqueid' },
  { text: 'nan', type: 'double' },
  { text: '', type: 'bool' },
];

test("the server reads each value as the host does, and its answer passes the client's check", () => {
  const { readings } = parameterValuesResponse({ values: VALUES });
  assert.deepEqual(
    readings,
    VALUES.map((v) => declaredParameterLiteral(v.text, v.type)),
  );
  assert.deepEqual(readings[0], { literal: 'datetime(2024-05-01T10:00:00Z)' });
  assert.match((readings[1] as { problem: string }).problem, /^Not a datetime: expected a date and time/);
  assert.deepEqual(readings[2], { literal: 'long(42)' });
  assert.match((readings[3] as { problem: string }).problem, /^Not a long/);
  assert.deepEqual(readings[5], { literal: 'timespan(01:00:00)' });
  assert.match((readings[6] as { problem: string }).problem, /not a scalar type/);
  const sent = JSON.parse(JSON.stringify({ readings }));
  assert.deepEqual(validateParameterValuesResult(sent, VALUES), { ok: true, value: readings });
});

test('a request without a list of texts and type names is refused as invalid params, saying why', () => {
  const cases: [unknown, RegExp][] = [
    [undefined, /needs a "values" array/],
    [{ values: 'x' }, /needs a "values" array/],
    [{ values: [{ text: '1' }] }, /value 0 needs a string "text" and "type"/],
    [
      {
        values: [
          { text: '1', type: 'long' },
          { text: 2, type: 'long' },
        ],
      },
      /value 1 needs/,
    ],
  ];
  for (const [bad, why] of cases) {
    assert.throws(
      () => parameterValuesResponse(bad),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && why.test(e.message),
    );
  }
});

test('the running server answers the request over the connection, and refuses a malformed one', async () => {
  const server = await startServer();
  try {
    const answer = await server.connection.sendRequest(ParameterValuesRequest, { values: VALUES });
    assert.deepEqual(validateParameterValuesResult(answer, VALUES), {
      ok: true,
      value: parameterValuesResponse({ values: VALUES }).readings,
    });
    await assert.rejects(server.connection.sendRequest(ParameterValuesRequest, { text: '1' }), (e: unknown) => {
      const error = e as { code?: number; message?: string };
      return error.code === ErrorCodes.InvalidParams && /needs a "values" array/.test(error.message ?? '');
    });
  } finally {
    await server.stop();
  }
});
