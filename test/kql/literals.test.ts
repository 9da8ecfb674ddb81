import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, kqlString, kqlIdentifier } from '../../src/kql';
import { kusto } from '../../src/kql/kustoLibrary';
import { RESERVED_WORDS } from '../../src/kql/reservedWords';

const hostile = [
  'plain',
  'with "quotes"',
  'back\\slash',
  'pipe | take 1',
  'new\nline',
  "single ' quote",
  'tab\tcr\r',
  '\\"; drop',
  'ünïcødé ☃',
];

test('kqlString keeps hostile values one literal whose value round-trips through Kusto.Language', () => {
  for (const value of hostile) {
    const q = analyze(`print x = ${kqlString(value)}`);
    assert.deepEqual(q.diagnostics, [], value);
    const K = kusto();
    const literal = q.code.Syntax!.GetFirstDescendant(
      K.Syntax.LiteralExpression,
      null,
    ) as Kusto.Language.Syntax.LiteralExpression;
    assert.equal(literal.LiteralValue, value);
  }
});

test('kqlIdentifier quotes names that are not plain identifiers', () => {
  assert.equal(kqlIdentifier('Computer'), 'Computer');
  assert.equal(kqlIdentifier('my col'), "['my col']");
  assert.deepEqual(analyze(`print ${kqlIdentifier("it's")} = 1`).diagnostics, []);
});

test('kqlIdentifier quotes reserved words, and a hostile name round-trips as one column', () => {
  for (const word of ['title', 'kind', 'where', 'by', 'true', 'time']) {
    assert.equal(kqlIdentifier(word), `['${word}']`);
  }
  assert.equal(kqlIdentifier('Type'), 'Type');
  assert.equal(kqlIdentifier('let'), 'let', 'a keyword that can be an identifier stays bare');
  for (const name of [...hostile, 'a.b', '1st', 'where', 'title', 'a"b', 'a\\"b', 'x\u0001y']) {
    const q = analyze(`datatable(${kqlIdentifier(name)}: string)["v"] | project ${kqlIdentifier(name)}`);
    assert.deepEqual(q.diagnostics, [], name);
    const columns = (q.code.ResultType as Kusto.Language.Symbols.TableSymbol).Columns!;
    assert.equal(columns.Count, 1, name);
    assert.equal(columns.getItem(0)!.Name, name);
  }
});

test('the reserved words are exactly those Kusto.Language brackets', () => {
  const K = kusto() as unknown as {
    KustoFacts: { BracketNameIfNecessary(n: string): string };
    Syntax: { SyntaxFacts: { IsKeyword(k: number): boolean; GetText(k: number): string | null } };
  };
  const expected = new Set<string>();
  for (let kind = 0; kind < 2000; kind++) {
    let text: string | null = null;
    try {
      if (!K.Syntax.SyntaxFacts.IsKeyword(kind)) continue;
      text = K.Syntax.SyntaxFacts.GetText(kind);
    } catch {
      continue;
    }
    if (text && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && K.KustoFacts.BracketNameIfNecessary(text) !== text) {
      expected.add(text);
    }
  }
  for (const literal of ['true', 'false', 'null']) {
    if (K.KustoFacts.BracketNameIfNecessary(literal) !== literal) expected.add(literal);
  }
  assert.deepEqual([...RESERVED_WORDS].sort(), [...expected].sort());
});
