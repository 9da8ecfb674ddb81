/**
 * The editor on a user's own workspace (the QA walk's: 300+ tables, a custom table whose columns have
 * spaces, non-Latin letters and every Kusto type, a table of 500 columns, no VMBoundPort): such a column
 * completes as the bracketed name a client then inserts, binds, and hovers with its type; the table the
 * workspace lacks is an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver/node';
import { SchemaNotification, type SchemaParams } from '../../src/protocol/lsp';
import { ODD_TABLE, workspaceWithoutBoundPorts } from '../backends/userWorkspaceMetadata';
import { positionOf, type ServerHarness, startServer } from './lspHarness';

describe("the editor on a user's own workspace", () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
    const params: SchemaParams = {
      source: { kind: 'logAnalytics', label: 'own workspace', fetchedAt: new Date().toISOString() },
      metadata: workspaceWithoutBoundPorts(),
    };
    await server.connection.sendNotification(SchemaNotification, params);
    const until = Date.now() + 60_000;
    while (!server.logs.some((l) => /Schema from own workspace/.test(l))) {
      if (Date.now() > until) throw new Error(`schema not taken: ${server.logs.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await server.stop();
  });

  test('a column with a space or non-Latin letters completes bracketed', async () => {
    const items = await server.complete('file:///own1.kql', `${ODD_TABLE} | project ▮`, '▮');
    const text = (label: string) => {
      const item = items.find((i) => i.label === label);
      assert.ok(item, `${label} offered among ${items.slice(0, 20).map((i) => i.label)}`);
      return item.textEditText ?? item.label;
    };
    assert.equal(text('Request Id'), "['Request Id']");
    assert.equal(text('注文番号_s'), "['注文番号_s']");
    assert.equal(text('CorrelationId'), 'CorrelationId');
    const wide = await server.complete('file:///own2.kql', 'Inventory500_CL | project Slot49▮', '▮');
    assert.ok(wide.some((i) => i.label === 'Slot499_s'));
  });

  test('every type binds; the missing table is an error; a column hovers with its type', async () => {
    const text = `${ODD_TABLE}
| where ['Request Id'] != "" and Elapsed > 1s and CorrelationId != guid(null) and Shipped
| summarize sum(Amount), max(Retries), max(SequenceNumber), avg(['Größe_d']) by tostring(Payload.items), ['注文番号_s']`;
    assert.deepEqual(await server.open('file:///own3.kql', text), []);
    const missing = await server.open('file:///own4.kql', 'VMBoundPort | take 1');
    assert.equal(missing.length, 1);
    assert.match(String(missing[0]!.message), /VMBoundPort/);
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///own3.kql' },
      position: positionOf(text, 'Elapsed'),
    });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Elapsed: timespan/);
  });
});
