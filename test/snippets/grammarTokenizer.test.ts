// The grammar under the real vscode-textmate + Oniguruma: hostile lines finish, and its word lists agree
// with Kusto.Language. (test/grammar/*.kql hold the scope assertions; the plain-Node runner skips that folder.)
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { analyze, kusto } from '../../src/kql';
import { OTHER_KEYWORDS, TABULAR_OPERATORS, TIMESPAN_SUFFIXES, WORD_OPERATORS } from '../../scripts/kqlGrammar';
import { loadKqlGrammar, scopeOf, tokenize } from '../grammar/tokenizer';
import { PATHOLOGICAL_LINES } from '../grammar/pathologicalLines';

let grammar: IGrammar;
before(async () => {
  grammar = await loadKqlGrammar();
});

describe('tokenizing hostile lines', () => {
  for (const [name, line] of Object.entries(PATHOLOGICAL_LINES)) {
    test(`${name} (${line.length} chars) finishes and covers the whole line`, () => {
      const result = grammar.tokenizeLine(line, null);
      assert.equal(result.stoppedEarly, false);
      // vscode-textmate counts the line's newline in its last token.
      assert.ok(result.tokens.at(-1)!.endIndex >= line.length);
    });
  }

  test('a 100k-character string is one string token', () => {
    const [tokens] = tokenize(grammar, PATHOLOGICAL_LINES.longString);
    const inner = tokens!.filter((t) => t.text.length > 1000);
    assert.equal(inner.length, 1);
    assert.deepEqual(inner[0]!.scopes, ['source.kql', 'string.quoted.double.kql']);
  });

  test('a multi-line string carries over lines and ends where it closes', () => {
    const lines = tokenize(grammar, 'print x = ```a\n| where b\nc``` | take 1');
    assert.equal(scopeOf(lines[1]!, '| where b'), 'string.quoted.triple.kql');
    assert.equal(scopeOf(lines[2]!, 'take'), 'keyword.control.query.kql');
  });
});

describe('the grammar word lists', () => {
  test('every tabular operator and keyword is a Kusto.Language keyword', () => {
    const list = kusto().Syntax.SyntaxFacts.Keywords;
    const bridge = (globalThis as unknown as { Bridge: { toArray(l: unknown): string[] } }).Bridge;
    const keywords = new Set(bridge.toArray(list));
    for (const word of [...TABULAR_OPERATORS, ...OTHER_KEYWORDS, ...WORD_OPERATORS]) {
      // The grammar's negated forms (!has) are built from these; the library lists `matches regex` as one.
      assert.ok(keywords.has(word), `${word} is not a Kusto keyword`);
    }
  });

  test('every timespan suffix makes a timespan Kusto accepts', () => {
    for (const suffix of TIMESPAN_SUFFIXES) {
      const errors = analyze(`print x = datetime(2020-01-01) + 2${suffix}`).diagnostics.filter(
        (d) => d.severity === 'error',
      );
      assert.deepEqual(errors, [], suffix);
    }
    // The check can fail: a number without a suffix is no timespan to add to a datetime.
    assert.ok(analyze('print x = datetime(2020-01-01) + 2').diagnostics.some((d) => d.severity === 'error'));
  });
});

/**
 * True when some group that contains an unbounded quantifier is itself repeated without bound, the
 * shape behind catastrophic backtracking, e.g. `(a+)+` or `(?:\w*,)*`.
 */
function hasNestedQuantifier(regex: string): boolean {
  const stack: boolean[] = [];
  const unboundedAt = (j: number) => regex[j] === '*' || regex[j] === '+' || /^\{\d*,\}/.test(regex.slice(j));
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c !== ']') {
        continue;
      }
      inClass = false;
    } else if (c === '[') {
      inClass = true;
      continue;
    } else if (c === '(') {
      stack.push(false);
      continue;
    } else if (c === ')') {
      const inner = stack.pop() ?? false;
      if (inner && unboundedAt(i + 1)) {
        return true;
      }
      if (inner && stack.length) {
        stack[stack.length - 1] = true;
      }
    }
    // An atom (escape, class end, group end or plain character) followed by * + {n,} repeats without bound.
    if (unboundedAt(i + 1) && stack.length) {
      stack[stack.length - 1] = true;
    }
  }
  return false;
}

describe('the grammar regexes', () => {
  test('the checker finds nested quantifiers', () => {
    assert.equal(hasNestedQuantifier('(a+)+'), true);
    assert.equal(hasNestedQuantifier('(?:x(\\w*),)*'), true);
    assert.equal(hasNestedQuantifier('(?:\\d+)(?:\\.\\d+)?'), false);
    assert.equal(hasNestedQuantifier('(?:[a-z]+-)*'), true);
    assert.equal(hasNestedQuantifier('[(+]+'), false);
  });

  test('none nests unbounded quantifiers', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../syntaxes/kql.tmLanguage.json'), 'utf8');
    const regexes: string[] = [];
    JSON.parse(text, (key, value: unknown) => {
      if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') {
        regexes.push(value);
      }
      return value;
    });
    assert.ok(regexes.length > 30);
    assert.deepEqual(regexes.filter(hasNestedQuantifier), []);
  });
});
