/**
 * A report part with a long Pick Machines… list (1,999 of 2,000 machines: every one would write "*")
 * reaches Log Analytics whole: the wrapped `dynamic([...])` of the parameter cell is the part's prelude,
 * ~30 KB of query text in the POST body, with a quote, an emoji and Hebrew intact.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { runLocalQuery } from '../../../src/backends/local/runQuery';
import { readNotebook, scopeCell, withComputers } from '../../../src/notebook';
import { NOW, ws } from '../../seed-queries/workspace';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe('a report part with 1,999 picked machines on Log Analytics', () => {
  const loopback = useLoopbackServer();

  test('the whole list is sent, and is a query the engine reads as 1,999 names', async () => {
    const names = Array.from({ length: 1_999 }, (_, i) => `vm-${String(i).padStart(4, '0')}.corp.example`);
    names[5] = `o'brien "db" 01`;
    names[6] = 'emoji-🖥️-01';
    names[7] = 'שרת-ראשי-01';
    const report = readNotebook(fs.readFileSync(path.resolve(__dirname, '../../../reports/tcp-traffic.kqlnb'), 'utf8'));
    const code = report.cells.filter((c) => c.kind === 'code').map((c) => c.source);
    code[0] = withComputers(code[0]!, names);
    const part = scopeCell(code, 1).text;
    assert.ok(part.length > 30_000, `${part.length} characters`);

    loopback.server.script([{ status: 200, body: { tables: [{ name: 'PrimaryResult', columns: [], rows: [] }] } }]);
    const la = loopbackBackend(loopback, {
      credential,
      retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    });
    await la.run(part, { timeRange: { duration: 'P1D' } });
    assert.equal(loopback.server.requests.at(-1)!.body.query, part);

    // The prelude as sent is valid KQL whose Computers holds the 1,999 names, odd ones included.
    const prelude = part.slice(0, part.indexOf('\nVMConnection'));
    const r = runLocalQuery(ws.database, `${prelude}\nprint n = array_length(Computers), odd = Computers[5]`, {
      nowMs: NOW.getTime(),
    });
    assert.deepEqual(r.tables[0]!.rows[0], [1_999, names[5]]);
  });
});
