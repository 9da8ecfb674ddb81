/**
 * Log Analytics' REST API writes a long as a JSON number with all its digits, a dynamic value as its
 * JSON text (Kusto's: `[1.0,2.0]` for reals) and datetimes to the 100-ns tick. The SDK's JSON.parse
 * and Date objects lose each of those; the backend reads them again from the response text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { quoteLongNumbers } from '../../../src/backends/logAnalytics/exactCells';
import { toJsonRecords } from '../../../src/render/exportData';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

// Written as text: a JavaScript object could not hold 851673153924341805.
const BODY = `{"tables":[{"name":"PrimaryResult","columns":[
  {"name":"Id","type":"long"},{"name":"Small","type":"long"},{"name":"Series","type":"dynamic"},
  {"name":"Bag","type":"dynamic"},{"name":"Plain","type":"dynamic"},{"name":"At","type":"datetime"},
  {"name":"Ratio","type":"real"},{"name":"Name","type":"string"}],
 "rows":[
  [851673153924341805,42,"[-1.0,1.0,3.0]","{\\"big\\":1234567890123456789,\\"r\\":42.0}","{\\"a\\":[1,2]}","2026-11-23T10:00:00.1234567Z",12345678901234567890,"id 12345678901234567"],
  [-9223372036854775808,null,null,"{}","[1.5]","2026-11-23T10:00:00Z",0.5,""]
 ]}]}`;

describe('exact cells from a Log Analytics response', () => {
  const loopback = useLoopbackServer();

  test('a lone surrogate the service escapes (\\ud800) reaches the result as itself, in strings and dynamic values', async () => {
    const body = String.raw`{"tables":[{"name":"PrimaryResult","columns":[{"name":"S","type":"string"},{"name":"D","type":"dynamic"}],"rows":[["a\ud800b","{\"k\":\"\udc00\"}"]]}]}`;
    loopback.server.script([{ status: 200, raw: body, headers: { 'content-type': 'application/json' } }]);
    const t = (await loopbackBackend(loopback, { credential }).run('VMConnection')).tables[0]!;
    assert.equal(t.rows[0]![0], 'a\ud800b');
    assert.deepEqual({ ...(t.rows[0]![1] as object) }, { k: '\udc00' });
  });

  test('longs past 2^53, exact dynamic values and 100-ns datetimes reach the result', async () => {
    loopback.server.script([{ status: 200, raw: BODY, headers: { 'content-type': 'application/json' } }]);
    const backend = loopbackBackend(loopback, { credential, retry: undefined });
    const t = (await backend.run('VMConnection')).tables[0]!;
    assert.deepEqual(t.rows[0]!.slice(0, 4), [
      '851673153924341805',
      42,
      '[-1.0,1.0,3.0]',
      '{"big":1234567890123456789,"r":42.0}',
    ]);
    // A value plain JSON holds exactly stays a plain value; reals stay numbers; strings are untouched.
    assert.deepEqual(JSON.parse(JSON.stringify(t.rows[0]!.slice(4))), [
      { a: [1, 2] },
      '2026-11-23T10:00:00.1234567Z',
      12345678901234567000,
      'id 12345678901234567',
    ]);
    assert.deepEqual(t.rows[1]!.slice(0, 2), ['-9223372036854775808', null]);
    assert.deepEqual(JSON.parse(JSON.stringify(t.rows[1]!.slice(4, 6))), [[1.5], '2026-11-23T10:00:00Z']);
    // And a JSON export writes them as Log Analytics did.
    const records = toJsonRecords(t);
    assert.match(records, /"Id": 851673153924341805,/);
    assert.match(records, /"Series": \[-1\.0,1\.0,3\.0\],/);
  });

  test('only integer tokens of 16+ digits outside strings are quoted', () => {
    assert.equal(
      quoteLongNumbers(
        '[1234567890123456789,-9223372036854775808,12,1.5,1234567890123456789.5,"1234567890123456789",1e300]',
      ),
      '["1234567890123456789","-9223372036854775808",12,1.5,1234567890123456789.5,"1234567890123456789",1e300]',
    );
    assert.equal(quoteLongNumbers('{"a":"x\\"1234567890123456789"}'), '{"a":"x\\"1234567890123456789"}');
  });
});
