import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/kql';
import {
  definitionsOf,
  describeDefinitions,
  isDefinitionsOnly,
  placeCellError,
  scopeCell,
  splitStatements,
} from '../../src/notebook';

const cells = [
  'let TimeRange = 24h;\nlet Computers = dynamic(["*"]); // all machines',
  'declare query_parameters(Port:long = 443, [\'Proc name\']:string = "x");\nset query_now = datetime(2026-11-23);',
  'VMConnection\n| where TimeGenerated > ago(TimeRange) and DestinationPort == Port\n| take 1',
  'let Late = 1h;',
];

test("a verbatim literal left unclosed ends at its line, so the next line's ; still splits", () => {
  const s = splitStatements('let p = @"C:\\dir\nlet q = 1;\nprint q');
  assert.deepEqual(
    s.map((x) => x.text.trim()),
    ['let p = @"C:\\dir\nlet q = 1;', 'print q'],
  );
});

test('statements split at top-level semicolons only', () => {
  const s = splitStatements('let f = (x:long) { let y = x; y + 1 };\nprint s = "a;b", t = @\'c;\' // ; in a comment\n');
  assert.deepEqual(
    s.map((x) => x.text.trim()),
    ['let f = (x:long) { let y = x; y + 1 };', 'print s = "a;b", t = @\'c;\' // ; in a comment'],
  );
  assert.deepEqual(
    definitionsOf(cells[1]!).map((d) => [d.kind, d.names]),
    [
      ['declare', ['Port', 'Proc name']],
      ['set', []],
    ],
  );
  assert.ok(isDefinitionsOnly(cells[0]!));
  assert.ok(!isDefinitionsOnly(cells[2]!));
  assert.equal(describeDefinitions(['TimeRange', 'Computers']), 'defines: TimeRange, Computers');
});

test('a later cell sees the definitions of every cell above it, and binds without errors', () => {
  const scoped = scopeCell(cells, 2);
  assert.deepEqual(analyze(scoped.text).diagnostics, []);
  assert.equal(scoped.text.slice(scoped.offset), cells[2]);
  assert.equal(scoped.lineOffset, 4);
  assert.equal(scoped.definitionsOnly, false);
});

test('an earlier cell does not see the definitions of later cells', () => {
  const scoped = scopeCell(cells, 2);
  assert.ok(!scoped.text.includes('Late'));
  const early = scopeCell(['print x = Late', 'let Late = 1h;'], 0);
  assert.equal(early.text, 'print x = Late');
  assert.match(analyze(early.text).diagnostics[0]!.message, /'Late'/);
});

test('a cell of definitions only is valid on its own and says what it defines', () => {
  const scoped = scopeCell(cells, 3);
  assert.deepEqual(analyze(scoped.text).diagnostics, []);
  assert.ok(scoped.definitionsOnly);
  assert.deepEqual(scoped.defines, ['Late']);
});

test('redefining a name follows Kusto: the redefinition is an error placed in the cell that redefines it', () => {
  const redefining = ['let x = 1;', 'let x = 2;\nprint x'];
  const scoped = scopeCell(redefining, 1);
  const d = analyze(scoped.text).diagnostics.find((x) => x.severity === 'error')!;
  assert.equal(d.code, 'KS201');
  const place = placeCellError(scoped, 1, d.range);
  assert.deepEqual(
    [place.cellIndex, place.inOwnCell, place.range.start.line, place.range.start.character],
    [1, true, 0, 4],
  );
});

test('an error in the definitions of an earlier cell is placed in that cell', () => {
  const scoped = scopeCell(['let a = 1;', 'let b = nosuch + 1;', 'print a, b'], 2);
  const d = analyze(scoped.text).diagnostics.find((x) => x.severity === 'error')!;
  const place = placeCellError(scoped, 2, d.range);
  assert.deepEqual([place.cellIndex, place.inOwnCell], [1, false]);
});

test('a definition without its semicolon still ends before the next cell', () => {
  const scoped = scopeCell(['let a = 1', 'print a'], 1);
  assert.deepEqual(analyze(scoped.text).diagnostics, []);
});

test('a run takes the definitions above that the cell uses, not a let of another part that reads a table it lacks', () => {
  // The seed queries opened as a notebook: one part's lets read ServiceMapComputer_CL; the parts below do not.
  const seeds = [
    'let TimeRange = 24h;\nlet Computers = dynamic(["*"]);',
    'let machines = datatable(m: string) ["m-1"];\nlet ips = materialize(ServiceMapComputer_CL\n| summarize ips = make_set(Ipv4Addresses_s) by ResourceName_s);\nlet out = VMConnection | where Machine in (machines);\nout | join kind=leftouter (ips) on $left.RemoteIp == $right.ips',
    'let Recent = VMConnection | where TimeGenerated > ago(TimeRange);\nRecent\n| summarize sum(BytesSent) by Computer',
  ];
  const run = scopeCell(seeds, 2, { onlyNeeded: true });
  assert.ok(!run.text.includes('ServiceMapComputer_CL'), run.text);
  assert.ok(!run.text.includes('machines'), run.text);
  assert.match(run.text, /^let TimeRange = 24h;\n/);
  assert.ok(!run.text.includes('Computers'), 'an unused parameter is left out too');
  // Positions still map back: the prelude's lines and their cells agree.
  assert.equal(run.text.slice(run.offset), seeds[2]);
  assert.equal(run.lineOffset, run.preludeCells.length);
  assert.deepEqual(run.preludeCells, [0]);
  // The editor still sees every definition above (completion offers them all).
  assert.ok(scopeCell(seeds, 2).text.includes('ServiceMapComputer_CL'));
});

test('a run keeps a let the cell uses through another let, and every set and declare', () => {
  const chain = [
    'declare query_parameters(Port:long = 443);\nset query_now = datetime(2026-11-23);\nlet Base = VMConnection | where DestinationPort == Port;',
    "let Unused = ServiceMapProcess_CL;\nlet ['Web traffic'] = Base | where ProcessName == 'nginx';",
    "['Web traffic'] | count",
  ];
  const run = scopeCell(chain, 2, { onlyNeeded: true });
  assert.ok(!run.text.includes('Unused'), run.text);
  for (const kept of ['declare query_parameters', 'set query_now', 'let Base', "let ['Web traffic']"]) {
    assert.ok(run.text.includes(kept), `${kept} in\n${run.text}`);
  }
  assert.deepEqual(analyze(run.text).diagnostics, []);
  assert.deepEqual(run.preludeCells, [0, 0, 0, 1]);
});
