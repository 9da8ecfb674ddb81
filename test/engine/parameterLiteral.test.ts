/**
 * A parameter value typed by a user, checked against its declared type and written back as a typed
 * literal: what the editor's input box says of a value, and what the Log Analytics backend puts in the
 * query in place of `declare query_parameters`. Each literal is run back through the engine: it must
 * give the value the engine gives the same text as a request's parameter value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parameterLiteral, parameterType } from '../../src/engine/parameterLiteral';
import type { KqlType } from '../../src/engine/values';
import { run } from './helpers';

function literal(text: string, type: KqlType): string {
  const read = parameterLiteral(text, type);
  assert.ok('literal' in read, `${JSON.stringify(text)} is a ${type}: ${JSON.stringify(read)}`);
  return read.literal;
}

function problem(text: string, type: KqlType): string {
  const read = parameterLiteral(text, type);
  assert.ok('problem' in read, `${JSON.stringify(text)} is refused as a ${type}, not ${JSON.stringify(read)}`);
  return read.problem;
}

/** The literal as a `let`, and the text as a request's parameter value: the engine must read both alike. */
function assertSameValue(text: string, type: KqlType): void {
  const asLet = run(`let p = ${literal(text, type)}; print p, gettype(p)`);
  const asParameter = run(`declare query_parameters(p:${type}); print p, gettype(p)`, undefined, {
    parameters: { p: text },
  });
  assert.deepEqual(asLet.rows, asParameter.rows, `${type} ${JSON.stringify(text)}`);
  assert.deepEqual(asLet.types, asParameter.types);
}

describe('parameter values per type', () => {
  const good: [KqlType, string[]][] = [
    ['long', ['42', '-5', '0x2A', 'long(7)', ' 12 ', 'null']],
    ['int', ['5', '-2147483648', 'int(3)']],
    ['real', ['1.5', '-0.25', '1e21', 'nan', '-inf', 'real(+inf)', '3']],
    ['decimal', ['12.75', '-3']],
    ['bool', ['true', 'False', 'bool(true)']],
    ['datetime', ['2024-05-01', '2024-05-01T13:30:00.1234567Z', 'datetime(2024-01-01 10:00)']],
    ['timespan', ['30m', '-1h', '1.02:00:00', '00:00:00.5', 'timespan(2d)']],
    ['guid', ['74be27de-1e4e-49d9-b579-fe0b331d3642', 'guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)']],
    ['dynamic', ['["a", "b)"]', '{"k": 1, "s": "x\\"y"}', 'dynamic([1, 2.5])']],
  ];
  for (const [type, texts] of good) {
    test(`${type}: ${texts.join(' · ')} read as the engine reads a request's value`, () => {
      for (const text of texts) {
        assertSameValue(text, type);
      }
    });
  }

  test('a value that is not a literal of the type is refused with what one looks like', () => {
    assert.match(problem('abc', 'long'), /^Not a long: expected a whole number, e\.g\. 42/);
    assert.match(problem('1.5', 'long'), /^Not a long/);
    assert.match(problem('2024-13-01', 'datetime'), /^Not a datetime: expected a date and time, e\.g\. 2024-05-01/);
    assert.match(problem('yesterday', 'datetime'), /^Not a datetime/);
    assert.match(problem('5 fortnights', 'timespan'), /^Not a timespan: expected a duration, e\.g\. 30m/);
    assert.match(problem('yes', 'bool'), /^Not a bool: expected true or false/);
    assert.match(problem('74be27de', 'guid'), /^Not a guid/);
    assert.match(problem('{"k": ', 'dynamic'), /^Not a dynamic/);
    assert.match(problem('1x', 'real'), /^Not a real/);
    assert.match(problem('', 'long'), /^Enter a whole number/);
    assert.match(problem('   ', 'datetime'), /^Enter a date and time/);
  });

  test('a string takes any text as it is, the empty one included', () => {
    for (const text of ['', 'web01', ' spaced ', 'dynamic([1])', '42']) {
      assert.deepEqual(run(`let p = ${literal(text, 'string')}; print p`).rows, [[text]]);
    }
  });

  test("declared type names and their aliases (double, date, time, boolean, uniqueid) map to the engine's types", () => {
    assert.equal(parameterType('long'), 'long');
    assert.equal(parameterType('double'), 'real');
    assert.equal(parameterType('Date'), 'datetime');
    assert.equal(parameterType('time'), 'timespan');
    assert.equal(parameterType('boolean'), 'bool');
    assert.equal(parameterType('uniqueid'), 'guid');
    assert.equal(parameterType('(a:long)'), undefined);
  });
});

describe('hostile values', () => {
  const hostile = [
    '"; print "pwned',
    "'; print 'pwned",
    'x" | take 0 | union (print "pwned")',
    '1;\nprint "pwned"',
    '1\n| take 0',
    '\\"); print 1; //',
    'a\u2028b\u0000c\r\n\t',
    '```',
    `${'A'.repeat(100_000)}"`,
  ];

  test('a string value stays one string, whatever it holds', () => {
    for (const text of hostile) {
      const r = run(`let p = ${literal(text, 'string')}; print p, strlen(p)`);
      assert.deepEqual(r.rows, [[text, [...text].length]], JSON.stringify(text.slice(0, 40)));
    }
  });

  test('no other type takes them: each is refused, never pasted into a literal', () => {
    for (const type of ['long', 'int', 'real', 'decimal', 'bool', 'datetime', 'timespan', 'guid'] as const) {
      for (const text of [...hostile, `1) | take 0 | print (1`, `${type}(1); print 2`, '2024-01-01) | take 0 //']) {
        problem(text, type);
      }
    }
  });

  test('a dynamic value is written from its JSON, quoted: a `)` or `"` inside stays data', () => {
    const text = '{"a": "x\\") | take 0 | print (\\"", "b": ["; print 1"]}';
    const lit = literal(text, 'dynamic');
    assert.match(lit, /^parse_json\("/);
    const r = run(`let p = ${lit}; print tostring(p.a), tostring(p.b[0])`);
    assert.deepEqual(r.rows, [['x") | take 0 | print ("', '; print 1']]);
  });
});
