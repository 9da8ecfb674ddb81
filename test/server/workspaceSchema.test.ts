/**
 * The language server against a Log Analytics workspace's own schema: the metadata API of the
 * loopback test server (300+ tables, saved functions) is fetched through the real client and handed
 * to the server over its custom LSP notification, as the extension does.
 */

import assert from 'node:assert/strict';
import * as https from 'node:https';
import { after, before, describe, test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver/node';
import { fetchMetadataDocument } from '../../src/backends/logAnalytics';
import { SchemaNotification, type SchemaParams } from '../../src/protocol/lsp';
import { type LoopbackServer, startLoopbackServer } from '../backends/logAnalytics/loopbackServer';
import { metadataFixture } from '../backends/metadataFixture';
import { positionOf, type ServerHarness, startServer, waitForLog } from './lspHarness';

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';
const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('language server with a Log Analytics workspace schema', () => {
  let la: LoopbackServer;
  let agent: https.Agent;
  let server: ServerHarness;
  before(async () => {
    la = await startLoopbackServer();
    agent = new https.Agent({ ca: la.ca });
    la.serveMetadata({ status: 200, body: metadataFixture() });
    const metadata = await fetchMetadataDocument({
      workspaceId: WORKSPACE,
      credential,
      endpoint: la.endpoint,
      clientOptions: { agent },
    });
    server = await startServer();
    const params: SchemaParams = {
      source: { kind: 'logAnalytics', label: 'loopback metadata', fetchedAt: new Date().toISOString() },
      metadata,
    };
    await server.connection.sendNotification(SchemaNotification, params);
    await waitForLog(server, /Schema from loopback metadata: 3\d\d tables, 3 functions/);
  });
  after(async () => {
    await server.stop();
    agent.destroy();
    await la.close();
  });

  test('the metadata request went to the workspace with a bearer token', () => {
    const req = la.requests.find((r) => r.url.includes('/metadata'))!;
    assert.equal(req.method, 'GET');
    assert.equal(req.url, `/v1/workspaces/${WORKSPACE}/metadata`);
    assert.equal(req.headers.authorization, 'Bearer token-1');
  });

  test('Heartbeat | summarize count() by Computer has no diagnostics and completes Heartbeat columns', async () => {
    assert.deepEqual(await server.open('file:///hb.kql', 'Heartbeat | summarize count() by Computer'), []);
    const items = await server.complete('file:///hb2.kql', 'Heartbeat | where ▮', '▮');
    const labels = items.map((i) => i.label);
    for (const column of ['Computer', 'OSType', 'ComputerIP', 'RemoteIPCountry'])
      assert.ok(labels.includes(column), `${column} in ${labels.slice(0, 30).join(', ')}`);
  });

  test('a misspelt column of a non-catalogue table is an error at its position', async () => {
    const text = 'Perf\n| where CountrName == "% Processor Time"';
    const diagnostics = await server.open('file:///perf.kql', text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, 1);
    assert.match(String(diagnostics[0]!.message), /CountrName/);
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } });
  });

  test('a saved function completes, binds and hovers with its body', async () => {
    const items = await server.complete('file:///fn.kql', 'Heartbe▮', '▮');
    assert.ok(
      items.some((i) => i.label === 'HeartbeatOf' || String(i.label).startsWith('HeartbeatOf(')),
      items.map((i) => i.label).join(', '),
    );
    const text = 'HeartbeatOf("web-1") | project OSType, Computer';
    assert.deepEqual(await server.open('file:///fn2.kql', text), []);
    const wrong = await server.open('file:///fn3.kql', 'HeartbeatOf("web-1") | project OSTyp');
    assert.match(String(wrong[0]?.message ?? ''), /OSTyp/);
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///fn2.kql' },
      position: positionOf(text, 'eatOf'),
    });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(String(value), /HeartbeatOf/);
    assert.match(String(value), /Heartbeat \| where Computer == computer/);
  });

  test('workspace("other").Heartbeat is not an error, nor app() or resource()', async () => {
    assert.deepEqual(
      await server.open('file:///x.kql', 'workspace("other").Heartbeat | summarize count() by Computer'),
      [],
    );
    const text = 'union app("shop").requests, resource("/subscriptions/s/vm").Heartbeat | take 10';
    const notes = await server.open('file:///y.kql', text);
    // requests is not a table of this workspace: an information note saying so, never an error.
    assert.deepEqual(
      notes.map((d) => [d.severity, d.code, d.range.start.character, d.range.end.character]),
      [[3, 'KQL-CROSS-RESOURCE', 6, 26]],
    );
    assert.match(
      String(notes[0]!.message),
      /^requests in app\("shop"\) is not in this workspace's schema.*local engine cannot reach other workspaces/,
    );
    assert.equal(text.slice(6, 26), 'app("shop").requests');
  });

  test('a malformed schema is ignored and the previous one stays', async () => {
    await server.connection.sendNotification(SchemaNotification, {
      source: { kind: 'file', label: 'bad', fetchedAt: '' },
      metadata: { tables: 'no' },
    });
    await waitForLog(server, /Ignoring a malformed schema.*\$\.tables/);
    assert.deepEqual(await server.open('file:///hb3.kql', 'Heartbeat | take 1'), []);
  });
});
