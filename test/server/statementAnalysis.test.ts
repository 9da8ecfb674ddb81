import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { BlockAnalyzer } from '../../src/server/blockAnalysis';
import { CompletionProvider } from '../../src/server/completion';
import { installCompletionMemo } from '../../src/server/completionMemo';
import { LiveValueStore } from '../../src/server/liveValues';
import { segmentAt } from '../../src/server/pipeSegments';

const EXTRA = [
  'VMConnection\n| where ProcessName == "a|b" // a | in a comment\n| summarize count() by Computer\n| where ',
  'let machines = dynamic(["m-1"]);\nlet ips = VMComputer | project Computer, Ipv4Addresses;\nVMConnection\n| where Machine in (machines)\n| join kind=leftouter (ips) on Computer\n| project ',
  'VMConnection\n| summarize arg_max(TimeGenerated, *) by ConnectionId\n| join kind=inner (VMBoundPort | where Ip != "127.0.0.1" | project Machine, Port) on $left.Machine == $right.Machine\n| extend x = ',
  'VMConnection\n| order by TimeGenerated asc\n| extend n = row_number()\n| where n > ',
  'VMConnection\n| as conns\n| join (conns) on ConnectionId\n| where ',
  'VMBoundPort\n| summarize Ports = make_set(Port) by Computer\n| mv-expand Ports\n| extend P = toint(Ports)\n| where P ',
  // Statements after lets: functions, shadowed names, comments and strings in the statement.
  'let threshold = 5;\nlet busy = (n:long) { n > threshold };\n// which machines are busy\nlet VMBoundPort = VMConnection | where busy(LinksLive);\nVMBoundPort\n| where Machine == "a;b" // note ; and |\n| summarize c = count() by Machine\n| where c > threshold and ',
  'let start = ago(1h);\nlet conns = VMConnection | where TimeGenerated > start | project Machine, BytesSent;\nlet top = conns | summarize s = sum(BytesSent) by Machine | top 3 by s;\ntop\n| join kind=inner (conns) on Machine\n| extend ratio = BytesSent * 1.0 / s\n| project ',
  'declare query_parameters(m:string = "x");\nlet a = 1;\nVMConnection\n| where Machine == m and LinksLive > a\n| project ',
  'let t = datatable(x:long, y:string) [1, "a", 2, "b"];\nt\n| as named\n| where x > 1\n| extend z = ',
];

/** Offsets where an editor asks for completion: after trigger characters and at word starts. */
function requestOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 1; i <= text.length; i++) {
    const ch = text[i - 1]!;
    const prev = i > 1 ? text[i - 2]! : '\n';
    if (' |(,=."\n'.includes(ch) || (/\w/.test(ch) && !/\w/.test(prev))) out.push(i);
  }
  return out;
}

function provider(local: boolean): CompletionProvider {
  return new CompletionProvider(new BlockAnalyzer(() => {}), new LiveValueStore(), () => {}, 5000, local);
}

describe('completion from the statement or pipe segment alone', () => {
  test("segmentAt finds the cursor's segment and skips strings, comments and brackets", () => {
    const text = 'T | where a == "x|y" // c | d\n| join (U | where b) on k\n| extend ';
    const s = segmentAt(text, text.length)!;
    assert.equal(text.slice(s.pipe, s.segmentEnd), '| extend ');
    assert.deepEqual(s.earlierOperators, ['where', 'join']);
    const inJoin = text.indexOf('where b') + 6;
    assert.equal(
      text.slice(segmentAt(text, inJoin)!.pipe, segmentAt(text, inJoin)!.segmentEnd),
      '| join (U | where b) on k\n',
    );
    assert.equal(segmentAt(text, text.indexOf('x|y') + 1), undefined, 'inside a string');
    assert.equal(segmentAt(text, text.indexOf('// c') + 4), undefined, 'inside a comment');
    assert.equal(segmentAt(text, 1), undefined, 'in the first segment');
    assert.equal(segmentAt('let a = 1;\nT | ', 'let a = 1;\nT | '.length)!.statementStart, 'let a = 1;'.length);
    assert.equal(segmentAt('T | where a == "open', 'T | where a == "open'.length), undefined, 'in an unclosed string');
  });

  test("a later segment of a let statement's pipeline is completed after that pipeline's table", () => {
    installCompletionMemo();
    const fast = provider(true);
    const whole = provider(false);
    const text =
      'let start = ago(1h);\nlet busy = VMConnection\n| where TimeGenerated > start\n| project Machine, LinksLive\n| where ';
    const doc = TextDocument.create('file:///let.kql', 'kql', 1, `${text};\nbusy`);
    const a = fast.complete(doc, text.length);
    assert.equal(fast.stats.piped, 1, 'completed from the segment');
    const labels = a.items.map((i) => i.label);
    assert.ok(labels.includes('LinksLive') && !labels.includes('Computer'), 'the projected columns only');
    assert.deepEqual(
      labels,
      whole.complete(doc, text.length).items.map((i) => i.label),
    );
  });

  test("gives exactly the whole block's items and edit ranges at request positions of the sample queries", () => {
    installCompletionMemo();
    const fast = provider(true);
    const whole = provider(false);
    const queries = [...SAMPLE_QUERIES.map(sampleQueryText), ...EXTRA];
    let compared = 0;
    let version = 0;
    // Every request position takes about two minutes; by default every 10th (KQL_THOROUGH=1 for all).
    const stride = process.env.KQL_THOROUGH ? 1 : 10;
    for (const query of queries) {
      for (const [n, offset] of requestOffsets(query).entries()) {
        if (n % stride !== 0 && !query.slice(0, offset).trimEnd().endsWith('|')) continue;
        // The document as typed so far, as in an editor, and the full query with the cursor inside it.
        for (const text of n % (2 * stride) === 0 ? [query.slice(0, offset), query] : [query.slice(0, offset)]) {
          const doc = TextDocument.create(`file:///q${version}.kql`, 'kql', version++, text);
          const a = fast.complete(doc, offset);
          const b = whole.complete(doc, offset);
          assert.deepEqual(a.itemDefaults, b.itemDefaults, `edit range at ${offset} of ${JSON.stringify(text)}`);
          assert.deepEqual(
            a.items.map((i) => [i.label, i.kind, i.insertText, i.sortText, i.filterText]),
            b.items.map((i) => [i.label, i.kind, i.insertText, i.sortText, i.filterText]),
            `items at ${offset} of ${JSON.stringify(text.slice(Math.max(0, offset - 60), offset))}`,
          );
          compared++;
        }
      }
    }
    assert.ok(
      fast.stats.piped > compared / 3,
      `most positions were completed from their segment (${fast.stats.piped} of ${compared})`,
    );
    assert.ok(
      fast.stats.statement > compared / 20,
      `positions in later statements were completed from their statement (${fast.stats.statement} of ${compared})`,
    );
  });
});
