/**
 * The editor on a user's own names, over LSP: a column that must be written in brackets completes
 * while its bracket is being typed (the library offers nothing inside the quotes), and Go to Definition
 * finds a `let` or a query parameter; each answer's range lands on the right characters after CRLF
 * line ends and astral characters (two UTF-16 code units each).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CompletionList, CompletionRequest, DefinitionRequest, type Location } from 'vscode-languageserver/node';
import { SchemaNotification, type SchemaParams } from '../../src/protocol/lsp';
import { type ServerHarness, startServer } from './lspHarness';

const COLUMNS = ['TimeGenerated:datetime', 'Request Id:string', '1stSeen:datetime', 'where:string', "it's:string"];

/** Text with `▮` marking the cursor, as CRLF lines: the text and the cursor's LSP position. */
function marked(lines: string[]) {
  const row = lines.findIndex((l) => l.includes('▮'));
  return {
    text: lines.join('\r\n').replace('▮', ''),
    lines: lines.map((l) => l.replace('▮', '')),
    position: { line: row, character: lines[row]!.indexOf('▮') },
  };
}

describe("the editor on a user's own names", () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
    const params: SchemaParams = {
      source: { kind: 'file', label: 'own names', fetchedAt: new Date().toISOString() },
      metadata: {
        tables: [
          {
            name: 'Odd_CL',
            columns: COLUMNS.map((c) => ({ name: c.split(':')[0], type: c.split(':')[1] })),
          },
        ],
      },
    };
    await server.connection.sendNotification(SchemaNotification, params);
    const until = Date.now() + 60_000;
    while (!server.logs.some((l) => /Schema from own names/.test(l))) {
      if (Date.now() > until) throw new Error(`schema not taken: ${server.logs.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await server.stop();
  });

  test("typing ['Re, with the closing '] the editor added, offers ['Request Id'] replacing all of it", async () => {
    const doc = marked(['// 😀 counts', 'Odd_CL', `| where Computer != "👩‍💻" and ['Re▮'] != ""`]);
    await server.open('file:///bracket.kql', doc.text);
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: 'file:///bracket.kql' },
      position: doc.position,
    })) as CompletionList;
    const item = list.items.find((i) => i.label === 'Request Id');
    assert.ok(item, `Request Id among ${list.items.map((i) => i.label).join(', ')}`);
    assert.equal(item.textEditText, "['Request Id']");
    assert.ok(list.items.some((i) => i.textEditText === "['it\\'s']"));
    assert.ok(!list.items.some((i) => i.label === 'project'), 'no keywords inside a bracket');
    const range = list.itemDefaults?.editRange as {
      start: { line: number; character: number };
      end: { character: number };
    };
    assert.equal(range.start.line, 2);
    assert.equal(doc.lines[2]!.slice(range.start.character, range.end.character), "['Re']");
  });

  test('Go to Definition lands on the let and the query parameter, past emoji and CRLF; a table has none', async () => {
    const doc = marked([
      '// 👩‍💻 since when',
      'let since = ago(1d); let label = "😀";',
      'declare query_parameters(limit:long = 10);',
      'Odd_CL | where TimeGenerated > since and ["where"] != "😀😀" | take lim▮it',
    ]);
    const uri = 'file:///definition.kql';
    await server.open(uri, doc.text);
    const definition = async (line: number, word: string) => {
      const found = (await server.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri },
        position: { line, character: doc.lines[line]!.lastIndexOf(word) + 1 },
      })) as Location | null;
      return (
        found &&
        `${found.range.start.line}:${doc.lines[found.range.start.line]!.slice(found.range.start.character, found.range.end.character)}@${found.range.start.character}`
      );
    };
    assert.equal(await definition(3, 'limit'), '2:limit@25');
    assert.equal(await definition(3, 'since'), '1:since@4');
    assert.equal(await definition(3, 'Odd_CL'), null);
  });
});
