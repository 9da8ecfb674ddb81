import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionItemKind,
  InsertTextFormat,
  CompletionRequest,
  type CompletionList,
} from 'vscode-languageserver/node';
import { startServer, positionOf, type ServerHarness } from './lspHarness';

describe('completion over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('completes a column of the table being filtered', async () => {
    const items = await server.complete('file:///c1.kql', 'VMConnection | where Comp');
    const computer = items.find((i) => i.label === 'Computer');
    assert.ok(computer, 'Computer offered');
    assert.equal(computer.kind, CompletionItemKind.Field);
    assert.ok(!items.some((i) => i.label === 'Ip'), 'a VMBoundPort-only column is not offered for VMConnection');
  });

  test('follows columns through summarize: count_ and sum_BytesSent', async () => {
    const items = await server.complete(
      'file:///c2.kql',
      'VMConnection\n| summarize count(), sum(BytesSent) by Computer\n| where ',
    );
    const labels = new Set(items.map((i) => i.label));
    for (const name of ['count_', 'sum_BytesSent', 'Computer']) assert.ok(labels.has(name), `${name} offered`);
    assert.ok(!labels.has('BytesReceived'), 'columns dropped by summarize are gone');
  });

  test('offers tables at the start of a query, with the pipe appended', async () => {
    const items = await server.complete('file:///c3.kql', 'VMB');
    const table = items.find((i) => i.label === 'VMBoundPort');
    assert.ok(table);
    assert.equal(table.kind, CompletionItemKind.Class);
    assert.equal(table.insertText, 'VMBoundPort\n| ');
  });

  test('offers query operators after a pipe and kind= values for join', async () => {
    const ops = await server.complete('file:///c4.kql', 'VMConnection\n| ');
    for (const op of ['where', 'summarize', 'project', 'extend'])
      assert.ok(
        ops.some((i) => i.label === op),
        op,
      );
    const kinds = await server.complete('file:///c5.kql', 'VMConnection\n| join kind=');
    for (const k of ['inner', 'leftouter', 'leftanti'])
      assert.ok(
        kinds.some((i) => i.label === k),
        k,
      );
  });

  test('functions insert as snippets with the cursor inside the parentheses', async () => {
    const items = await server.complete('file:///c6.kql', 'VMConnection\n| extend x = strc');
    const strcat = items.find((i) => i.label === 'strcat');
    assert.ok(strcat, 'strcat offered');
    assert.equal(strcat.kind, CompletionItemKind.Function);
    assert.equal(strcat.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(strcat.insertText ?? '', /^strcat\(\$0\)$/);
    assert.match(strcat.labelDetails?.detail ?? '', /^\(.+\)$/);
  });

  test('the edit range covers the word being typed', async () => {
    const text = 'VMConnection | where Comp';
    await server.complete('file:///c7.kql', text);
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: 'file:///c7.kql' },
      position: positionOf(text),
    })) as CompletionList;
    assert.deepEqual(list.itemDefaults?.editRange, {
      start: { line: 0, character: 21 },
      end: { line: 0, character: 25 },
    });
  });

  test('aggregates are offered inside summarize', async () => {
    const items = await server.complete('file:///c8.kql', 'VMConnection\n| summarize dc');
    assert.ok(
      items.some((i) => i.label === 'dcount'),
      'dcount offered',
    );
  });
});
