import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionRequest, HoverRequest, type CompletionList, type Hover } from 'vscode-languageserver/node';
import { NotebookCellsNotification } from '../../src/protocol/lsp';
import { startServer, type ServerHarness } from './lspHarness';

const notebook = 'file:///report.kqlnb';
const cell = (n: number): string => `vscode-notebook-cell:/report.kqlnb#W${n}sZmlsZQ%3D%3D`;

describe('notebook cells over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('completion in cell 3 offers a let of cell 1; cell 3 has no "unknown name"; cell 1 does not see cell 3', async () => {
    await server.open(cell(0), 'let TimeRange = 24h;\nlet WantedComputers = dynamic(["*"]);');
    await server.open(cell(1), 'VMConnection | take 1');
    const text3 =
      'VMConnection\n| where TimeGenerated > ago(TimeRange)\n| where Computer in (WantedComputers)\n| extend Late = 1';
    // Before the client tells the order, cell 3 is a document of its own: TimeRange is unknown there.
    const alone = await server.open(cell(2), text3);
    assert.ok(
      alone.some((d) => /TimeRange/.test(JSON.stringify(d.message))),
      JSON.stringify(alone),
    );

    const checked = server.nextDiagnostics(cell(2));
    await server.connection.sendNotification(NotebookCellsNotification, {
      notebook,
      cells: [cell(0), cell(1), cell(2)],
    });
    assert.deepEqual(await checked, []);

    server.change(cell(2), `${text3}\n| where Computer in (Wanted`);
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: cell(2) },
      position: { line: 4, character: 27 },
    })) as CompletionList;
    assert.ok(
      list.items.some((i) => i.label === 'WantedComputers'),
      'the let of cell 1 is offered',
    );
    // The edit range is in the cell's own coordinates, not the scoped text's.
    assert.deepEqual(list.itemDefaults?.editRange, {
      start: { line: 4, character: 21 },
      end: { line: 4, character: 27 },
    });

    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: cell(2) },
      position: { line: 1, character: 32 },
    })) as Hover | null;
    assert.match(JSON.stringify(hover?.contents ?? ''), /TimeRange/);

    // A later cell's definitions are not in scope above it.
    const early = server.nextDiagnostics(cell(0));
    server.change(cell(0), 'let TimeRange = 24h;\nlet WantedComputers = dynamic(["*"]);\nprint Late');
    const d0 = await early;
    assert.ok(
      d0.some((d) => /'Late'/.test(JSON.stringify(d.message)) && d.range.start.line === 2),
      JSON.stringify(d0),
    );
  });

  test('a cell that only defines names has no diagnostics, and a blank line inside a cell keeps the scope', async () => {
    const nb = 'file:///second.kqlnb';
    const a = 'vscode-notebook-cell:/second.kqlnb#a';
    const b = 'vscode-notebook-cell:/second.kqlnb#b';
    await server.open(a, 'let Top = 3;');
    await server.open(b, 'VMConnection\n\n| take Top');
    const checked = server.nextDiagnostics(b);
    const checkedA = server.nextDiagnostics(a);
    await server.connection.sendNotification(NotebookCellsNotification, { notebook: nb, cells: [a, b] });
    assert.deepEqual(await checked, []);
    assert.deepEqual(await checkedA, []);
  });
});
