import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globalsFor, items, kusto } from '../../src/kql';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { installCompletionMemo } from '../../src/server/completionMemo';
import { toLspItemCached } from '../../src/server/completion';

/** Every item the library offers at each sampled position, as comparable text. */
function completionsAt(text: string, positions: readonly number[]): string[] {
  const K = kusto();
  const service = new K.Editor.KustoCodeService.$ctor1(text, globalsFor());
  return positions.map((p) => {
    const info = service.GetCompletionItems(p)!;
    const list = [...items(info.Items)].map((i) =>
      [i.Kind, i.DisplayText, i.MatchText, i.BeforeText, i.AfterText, i.OrderText, i.Retrigger].join('\u0001'),
    );
    return `${p}@${info.EditStart}+${info.EditLength}:${list.join('\u0002')}`;
  });
}

describe('completion memo', () => {
  test("memoised completion returns exactly the library's items, at every kind of position", () => {
    const queries = [
      ...SAMPLE_QUERIES.slice(0, 4).map(sampleQueryText),
      'let f = (x: string) { strlen(x) };\nVMConnection\n| invoke ',
      'VMConnection\n| where Computer == "a" and ',
      // After an infix operand, inside operator and function arguments: the child-hint memo's cases.
      'let Today = now(); VMComputer | extend DaysSinceBoot = Today - BootTime ',
      'VMConnection\n| where BytesSent * 2 > strlen(Computer) + 1 and iff(LinksFailed > 0, true, false) ',
      'VMConnection\n| summarize arg_max(TimeGenerated, *) by Computer\n| join kind=inner (VMBoundPort) on ',
    ];
    // Positions after each operator/space boundary, where completion contexts change.
    const cases = queries.map((q) => ({
      q,
      positions: [...q.matchAll(/[|(=, \n]/g)]
        .map((m) => m.index! + 1)
        .filter((_, i) => i % 5 === 0)
        .concat(q.length),
    }));
    const before = cases.map((c) => completionsAt(c.q, c.positions));
    assert.equal(installCompletionMemo(), true, 'the library has the methods the memo wraps');
    const afterFirst = cases.map((c) => completionsAt(c.q, c.positions));
    const afterSecond = cases.map((c) => completionsAt(c.q, c.positions));
    assert.deepEqual(afterFirst, before);
    assert.deepEqual(afterSecond, before, 'served from the memo, still identical');
    assert.ok(
      before.flat().some((s) => s.includes('strcat')),
      'function items were compared',
    );
  });
});

describe('LSP completion items', () => {
  test("insert text joins the library's apply texts exactly as its BeforeText/AfterText do", () => {
    installCompletionMemo();
    const K = kusto();
    const cases: [string, number][] = [
      ['VMConnection\n| where TimeGenerated > ago(1h)\n| where ', -1],
      ['VMConnection | summarize ', -1],
      ['VMConnection | ', -1],
      ['print ', -1],
      ['VMConnection | render ', -1],
      ['VMConnection | join kind=', -1],
      ['let f = (x: string) { strlen(x) };\nVMConnection\n| invoke ', -1],
    ];
    let functions = 0;
    for (const [text, at] of cases) {
      const service = new K.Editor.KustoCodeService.$ctor1(text, globalsFor());
      const info = service.GetCompletionItems(at < 0 ? text.length : at)!;
      for (const item of items(info.Items)) {
        const lsp = toLspItemCached(item);
        const before = item.BeforeText ?? '';
        const after = item.AfterText ?? '';
        if (after) {
          functions++;
          assert.equal(lsp.insertText, `${snippet(before)}$0${snippet(after)}`, item.DisplayText ?? '');
        } else {
          assert.equal(lsp.insertText ?? lsp.label, before, item.DisplayText ?? '');
        }
        assert.equal(toLspItemCached(item), lsp, 'converted once per library item');
      }
    }
    assert.ok(functions > 100, 'function items with a caret were compared');
  });
});

function snippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
