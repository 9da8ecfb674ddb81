import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationType, type TextEdit } from 'vscode-languageserver/node';
import { kqlString } from '../../src/kql/literals';
import { LiveValuesNotification, type LiveValuesParams } from '../../src/protocol/lsp';
import { liveValueContext } from '../../src/server/liveValues';
import { startServer, type ServerHarness } from './lspHarness';

const HOSTILE = 'evil"host\\name\nnext';

describe('live values', () => {
  test('the value context is the column compared or listed before the cursor', () => {
    assert.deepEqual(liveValueContext('VMConnection | where Computer == ', 33), {
      column: 'Computer',
      literalStart: 33,
    });
    assert.deepEqual(liveValueContext('X | where Computer == "ac', 24), { column: 'Computer', literalStart: 22 });
    assert.deepEqual(liveValueContext('X | where RemoteIp in ("10.0.0.1", ', 34), {
      column: 'RemoteIp',
      literalStart: 34,
    });
    assert.deepEqual(liveValueContext('X | where Machine !in~ ("a\\"b", "m-', 35), {
      column: 'Machine',
      literalStart: 32,
    });
    assert.equal(liveValueContext('X | where Computer == "done" ', 29), undefined);
    assert.equal(liveValueContext('X | where Computer ', 18), undefined);
  });

  describe('over LSP', () => {
    let server: ServerHarness;
    before(async () => {
      server = await startServer();
      const values: LiveValuesParams = {
        source: 'Sample workspace',
        values: { Computer: ['acme-demo', HOSTILE, 'admdemo-appsvr'], RemoteIp: ['10.229.243.232'] },
      };
      await server.connection.sendNotification(new NotificationType<LiveValuesParams>(LiveValuesNotification), values);
    });
    after(async () => {
      await server.stop();
    });

    test('offers the workspace values after Computer ==, escaped as KQL string literals', async () => {
      const text = 'VMConnection\n| where Computer == ';
      const items = await server.complete('file:///l1.kql', text);
      const values = items.filter((i) => i.detail?.startsWith('Computer'));
      assert.deepEqual(
        values.map((i) => i.label),
        ['"acme-demo"', '"admdemo-appsvr"', kqlString(HOSTILE)],
      );
      const hostile = values.find((i) => i.label === kqlString(HOSTILE))!;
      assert.equal((hostile.textEdit as TextEdit).newText, '"evil\\"host\\\\name\\nnext"');
      assert.deepEqual((hostile.textEdit as TextEdit).range, {
        start: { line: 1, character: 20 },
        end: { line: 1, character: 20 },
      });
      assert.equal(items[0]!.detail, 'Computer in Sample workspace', 'values sort before the library items');
    });

    test('a partly typed literal is replaced from its opening quote', async () => {
      const text = 'VMConnection\n| where Computer == "ac';
      const items = await server.complete('file:///l2.kql', text);
      const acme = items.find((i) => i.label === '"acme-demo"')!;
      assert.deepEqual((acme.textEdit as TextEdit).range, {
        start: { line: 1, character: 20 },
        end: { line: 1, character: 23 },
      });
    });

    test('after an auto-closed quote, the pick replaces the literal through its closing quote', async () => {
      for (const [uri, text, endChar] of [
        ['file:///l7.kql', 'VMConnection\n| where Computer == "▮"', 22],
        ['file:///l8.kql', 'VMConnection\n| where Computer == "acme-d▮"\n| take 1', 28],
        ['file:///l9.kql', 'VMConnection\n| where Computer == "ac▮me" and RemoteIp == "x"', 26],
      ] as const) {
        const items = await server.complete(uri, text, '▮');
        const acme = items.find((i) => i.label === '"acme-demo"')!;
        const edit = acme.textEdit as TextEdit;
        assert.deepEqual(edit.range, { start: { line: 1, character: 20 }, end: { line: 1, character: endChar } }, text);
        const line = text.split('\n')[1]!.replace('▮', '');
        const applied = line.slice(0, 20) + edit.newText + line.slice(endChar);
        assert.match(applied, /^\| where Computer == "acme-demo"( and RemoteIp == "x")?$/, applied);
      }
    });

    test('offers values inside an in (...) list, and none for columns without values', async () => {
      const inList = await server.complete('file:///l3.kql', 'VMConnection\n| where RemoteIp in ("10.0.0.1", ');
      assert.ok(inList.some((i) => i.label === '"10.229.243.232"'));
      const none = await server.complete('file:///l4.kql', 'VMConnection\n| where ProcessName == ');
      assert.ok(!none.some((i) => i.detail?.includes('Sample workspace')));
    });

    test('the inserted hostile value keeps the query valid', async () => {
      const diags = await server.open(
        'file:///l5.kql',
        `VMConnection\n| where Computer == ${kqlString(HOSTILE)}\n| take 1`,
      );
      assert.deepEqual(
        diags.filter((d) => d.severity === 1),
        [],
      );
    });

    test('an empty notification clears the values', async () => {
      await server.connection.sendNotification(new NotificationType<LiveValuesParams>(LiveValuesNotification), {
        source: '',
        values: {},
      });
      const items = await server.complete('file:///l6.kql', 'VMConnection\n| where Computer == ');
      assert.ok(!items.some((i) => i.label === '"acme-demo"'));
    });
  });
});
