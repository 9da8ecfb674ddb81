import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, kqlString, kqlIdentifier } from '../../src/kql';
import { kusto } from '../../src/kql/kustoLibrary';

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
