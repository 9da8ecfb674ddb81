import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CompletionItemKind,
  type CompletionList,
  CompletionRequest,
  InsertTextFormat,
} from 'vscode-languageserver/node';
import { positionOf, type ServerHarness, startServer } from './lspHarness';

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

/**
 * What a client inserts for an item of `list` (LSP 3.17, as vscode-languageclient applies it): its own
 * textEdit; under the list's default edit range, textEditText or else the label; else insertText or the label.
 */
function insertedText(list: CompletionList, item: CompletionList['items'][number]): string {
  if (item.textEdit) return item.textEdit.newText;
  if (list.itemDefaults?.editRange) return item.textEditText ?? item.label;
  return item.insertText ?? item.label;
}

describe('what a client inserts under the list’s default edit range', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  async function list(uri: string, text: string): Promise<CompletionList> {
    await server.open(uri, text);
    const result = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text),
    });
    return result as CompletionList;
  }

  test('a table with its pipe, a function with its parentheses: every item inserts its text', async () => {
    const tables = await list('file:///ins1.kql', 'VMB');
    assert.ok(tables.itemDefaults?.editRange, 'the list sets a default edit range');
    const table = tables.items.find((i) => i.label === 'VMBoundPort')!;
    assert.equal(insertedText(tables, table), 'VMBoundPort\n| ');
    const fns = await list('file:///ins2.kql', 'VMConnection | extend x = strc');
    const strcat = fns.items.find((i) => i.label === 'strcat')!;
    assert.equal(insertedText(fns, strcat), 'strcat($0)');
    for (const l of [tables, fns]) {
      for (const item of l.items)
        assert.equal(insertedText(l, item), item.insertText ?? item.label, String(item.label));
    }
  });
});
