/**
 * The prompt's check of a typed parameter value comes from the language server; what needs no parse is
 * answered in the host without asking; when the server cannot answer (not running, failed, malformed,
 * late) the host reads the value itself, as before, and says why in the log. An answer whose literal is
 * not exactly one literal of the asked type is malformed: a literal may be put into a query's text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredParameterLiteral } from '../../src/engine/parameterLiteral';
import type { ParameterValueAsked } from '../../src/protocol/lsp';
import { isParameterLiteral } from '../../src/protocol/validateParameterValues';
import { type AskServerForValues, literalsFor, readingsFor, valueProblemFor } from '../../src/ui/parameterValueSource';

function recorder() {
  const notes: string[] = [];
  return { notes, note: (line: string) => notes.push(line) };
}

const DATETIME = { literal: 'datetime(2024-05-01T00:00:00Z)' };

test("the server's readings are used, only the values that need a parse are asked, nothing is logged", async () => {
  const asked: (readonly ParameterValueAsked[])[] = [];
  const ask: AskServerForValues = (values) => {
    asked.push(values);
    return Promise.resolve({ readings: [DATETIME, { problem: 'Not a timespan: from the server.' }] });
  };
  const { notes, note } = recorder();
  const readings = await readingsFor(
    [
      { text: 'web"01', type: 'string' },
      { text: '2024-05-01', type: 'datetime' },
      { text: '  ', type: 'long' },
      { text: 'soon', type: 'time' },
      { text: '1', type: '(a:long)' },
    ],
    ask,
    note,
  );
  assert.deepEqual(readings, [
    { literal: '"web\\"01"' },
    DATETIME,
    { problem: 'Enter a whole number, e.g. 42 or 0x2A.' },
    { problem: 'Not a timespan: from the server.' },
    { problem: "'(a:long)' is not a scalar type: a query parameter must have one." },
  ]);
  assert.deepEqual(asked, [
    [
      { text: '2024-05-01', type: 'datetime' },
      { text: 'soon', type: 'time' },
    ],
  ]);
  assert.deepEqual(notes, []);
});

test('a string, a blank value or a type that is not a scalar asks nobody', async () => {
  const ask: AskServerForValues = () => assert.fail('the server was asked');
  const { notes, note } = recorder();
  assert.equal(await valueProblemFor('anything " at all', 'string', ask, note), undefined);
  assert.match((await valueProblemFor('', 'datetime', ask, note)) ?? '', /^Enter a date and time/);
  assert.match((await valueProblemFor('1', '(a:long)', ask, note)) ?? '', /not a scalar type/);
  assert.deepEqual(notes, []);
});

test('without a good answer from the server, the host reads the values, and the log says why', async () => {
  const values = [
    { text: 'last tuesday', type: 'datetime' },
    { text: '1.02:00:00', type: 'timespan' },
  ];
  const host = values.map((v) => declaredParameterLiteral(v.text, v.type));
  assert.match((host[0] as { problem: string }).problem, /^Not a datetime/);
  assert.deepEqual(host[1], { literal: 'timespan(1.02:00:00)' });
  const cases: [AskServerForValues, RegExp][] = [
    [() => undefined, /the language server is not running/],
    [() => Promise.reject(new Error('Connection got disposed.')), /request failed \(Connection got disposed\.\)/],
    [() => Promise.resolve({ readings: [DATETIME] }), /malformed \(needs a "readings" array of 2\)/],
    [
      () => Promise.resolve({ readings: [{ problem: 'x', literal: 'datetime(null)' }, DATETIME] }),
      /reading 0 needs either a string "literal" or a string "problem"/,
    ],
    [
      // A literal of another type, or with query text after it, is not taken from the server.
      () => Promise.resolve({ readings: [{ problem: 'no' }, DATETIME] }),
      /reading 1 is not one timespan literal/,
    ],
    [
      () => Promise.resolve({ readings: [{ literal: 'datetime(2024-05-01T00:00:00Z); print 1' }, { problem: 'no' }] }),
      /reading 0 is not one datetime literal/,
    ],
    [() => new Promise<unknown>(() => undefined), /did not answer within 0\.05 s/],
  ];
  for (const [ask, why] of cases) {
    const { notes, note } = recorder();
    assert.deepEqual(await readingsFor(values, ask, note, 50), host);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /^Query parameter values read in the extension host \(loads Kusto\.Language here\): /);
    assert.match(notes[0]!, why);
  }
});

test('every literal the engine writes passes the shape check of its type, and nothing with more text does', () => {
  const good: [string, string[]][] = [
    ['long', ['42', '-5', '0x2A', 'long(7)', 'null']],
    ['int', ['5', '-2147483648']],
    ['real', ['1.5', '-0.25', '1e21', 'nan', '-inf', 'real(+inf)', '3', '1e-7']],
    ['decimal', ['12.75', '-3']],
    ['bool', ['true', 'False', 'null']],
    ['datetime', ['2024-05-01', '2024-05-01T13:30:00.1234567Z', 'datetime(null)']],
    ['timespan', ['30m', '-1h', '1.02:00:00', '00:00:00.5', 'timespan(2d)', '-3.00:00:00.1']],
    ['guid', ['74be27de-1e4e-49d9-b579-fe0b331d3642']],
    ['dynamic', ['["a", "b)"]', '{"k": 1, "s": "x\\"y\\n"}', 'dynamic(null)']],
    ['string', ['', 'a"b\nc\u2028', '\\']],
  ];
  for (const [type, texts] of good) {
    for (const text of texts) {
      const read = declaredParameterLiteral(text, type);
      assert.ok('literal' in read, `${type} ${text}`);
      assert.ok(isParameterLiteral(read.literal, type), `${type} ${JSON.stringify(text)} → ${read.literal}`);
    }
  }
  const bad: [string, string][] = [
    ['long(1); print 2', 'long'],
    ['long(1)', 'int'],
    ['datetime(2024-05-01T00:00:00Z) | take 0', 'datetime'],
    ['timespan(01:00:00)\n| take 0', 'timespan'],
    ['parse_json("a") | take 0 | print parse_json("b")', 'dynamic'],
    ['parse_json("a\\")', 'dynamic'],
    ['"a" "b"', 'string'],
    ['"a"; print "b"', 'string'],
    ['bool(true)', '(a:long)'],
  ];
  for (const [literal, type] of bad) {
    assert.equal(isParameterLiteral(literal, type), false, `${type} ${literal}`);
  }
});

test("a Run's literals for Log Analytics: typed values or defaults, read by the server; strings and refused values left out", async () => {
  const asked: (readonly ParameterValueAsked[])[] = [];
  const ask: AskServerForValues = (values) => {
    asked.push(values);
    return Promise.resolve({ readings: [DATETIME, { literal: 'long(10)' }, { problem: 'Not a timespan.' }] });
  };
  const { notes, note } = recorder();
  const declared = [
    { name: 'who', type: 'string' },
    { name: 'since', type: 'datetime' },
    { name: 'top', type: 'long', defaultText: '10' },
    { name: 'window', type: 'timespan' },
    { name: 'os', type: 'string', defaultText: '"linux"' },
    { name: 'unset', type: 'long' },
  ];
  const literals = await literalsFor(declared, { who: 'web01', since: '2024-05-01', window: 'soon' }, ask, note);
  assert.deepEqual(literals, { since: DATETIME.literal, top: 'long(10)' });
  assert.deepEqual(asked, [
    [
      { text: '2024-05-01', type: 'datetime' },
      { text: '10', type: 'long' },
      { text: 'soon', type: 'timespan' },
    ],
  ]);
  assert.deepEqual(notes, []);
  assert.deepEqual(await literalsFor([{ name: 'who', type: 'string' }], { who: 'x' }, ask, note), {});
  assert.equal(asked.length, 1, 'strings only: nobody asked');
});
