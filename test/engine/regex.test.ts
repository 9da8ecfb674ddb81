/**
 * Kusto's regular expressions are RE2: linear time, RE2's syntax errors (no backreferences, no
 * lookaround), and the same answers whichever matcher (re2js or the native fast path) runs them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { KqlError } from '../../src/kql';
import { compileRegex } from '../../src/engine/functions/kqlRegex';
import { nativeTranslation } from '../../src/engine/functions/regexFastPath';
import { run } from './helpers';

test('catastrophic patterns run in linear time: (a+)+$ over a failing text', () => {
  run('print 1');
  const started = Date.now();
  const r = run('print s = strcat(strrep("a", 5000), "!") | where s matches regex "(a+)+$" | count');
  assert.deepEqual(r.rows, [[0]]);
  const r2 = run(
    'print s = strcat(strrep("a", 5000), "!") | extend e = extract("(a|aa)*b", 0, s), c = countof(s, "(a*)*b", "regex"), p = replace_regex(s, @"(x+x+)+y", "z") | project e, c, same = p == s',
  );
  assert.deepEqual(r2.rows, [['', 0, true]]);
  // Backtracking would take longer than the universe's age; RE2 takes milliseconds.
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
});

test('backreferences and lookaround are rejected as Kusto (RE2) rejects them', () => {
  for (const pattern of ['(ab)\\\\1', '(?=a)b', '(?!a)b', '(?<=a)b']) {
    assert.throws(
      () => run(`print "abab" matches regex "${pattern}"`),
      (e: unknown) => e instanceof KqlError && /RE2/.test(e.message) && /Invalid regular expression/.test(e.message),
      pattern,
    );
  }
  assert.throws(() => run('print extract(@"(ab)\\1", 0, "abab")'), KqlError);
  assert.throws(() => run('print s = "abab" | parse kind=regex s with @"(?=x)" a'), KqlError);
});

test('RE2 syntax that JavaScript lacks works: POSIX classes, \\pL, \\A and \\z, inline flags, (?P<name>)', () => {
  const r = run(
    `print a = extract("[[:digit:]]+", 0, "ab123c"), b = extract(@"\\pL+", 0, "12Grüße!"), c = "abc" matches regex @"\\Aabc\\z", d = "ABC" matches regex "(?i)abc", e = extract_all(@"(?P<k>\\w)=(?P<v>\\d)", dynamic(["v"]), "a=1 b=2")`,
  );
  assert.deepEqual(r.rows, [['123', 'Grüße', true, true, ['1', '2']]]);
});

test('regex functions: extract, extract_all, replace_regex, countof, trim, split by parse kind=regex, indexof_regex', () => {
  const r = run(
    `print a = extract(@"(\\d+)-(\\d+)", 2, "ab 12-34"), b = replace_regex("a1b22", @"(\\d+)", @"<\\1>"), c = countof("ababab", "ab", "regex"), d = trim(@"[^\\w]+", "--x y--"), e = indexof_regex("abcabc", "c", 3), f = replace_regex("abc", "x*", "-")`,
  );
  assert.deepEqual(r.rows, [['34', 'a<1>b<22>', 3, 'x y', 5, '-a-b-c-']]);
  const p = run('print s = "name=alice; age=42" | parse kind=regex s with @"name=" who:string @"; age=" age:long');
  assert.deepEqual(p.rows, [['name=alice; age=42', 'alice', 42]]);
});

/** Differential check: wherever the fast path takes a pattern, it must agree with RE2 itself. */
test('the native fast path agrees with re2js on every pattern it accepts', () => {
  const patterns = [
    'sql',
    '^acme-demo-\\d+',
    'Duration=([0-9.]+)',
    'Email: (\\S+),',
    '[a-z]+@[a-z]+\\.com$',
    '\\bweb\\d{2}\\b',
    'a.c',
    '\\s+',
    '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})',
    'x{2,3}y?',
    '[^\\s,]+',
    'colou?r',
    '(?P<name>[A-Z]\\w*)',
    'a|b|c',
    '\\x41\\x{1F600}',
    '[\\-\\]]',
    '\\.\\*\\+',
    '}',
    'a{,2}',
    '[\\d\\s]+x',
    '^$',
    '.*',
  ];
  const texts = [
    '',
    'sql server',
    'acme-demo-12.x',
    'Duration=1.5s',
    'Email: a@b.com, ok',
    'x@y.com',
    'web01 web123',
    'a\nc abc',
    ' \t\v\u00a0 x',
    '10.0.0.1 and 300.2.3.4',
    'xxxy xxxxy',
    'colour color',
    'Alice bob',
    'A😀',
    '-]',
    '.*+',
    '}',
    'a{,2}',
    '12 3x',
  ];
  let accepted = 0;
  for (const pattern of patterns) {
    for (const caseInsensitive of [false, true]) {
      const native = nativeTranslation(pattern, { caseInsensitive });
      if (!native) {
        continue;
      }
      accepted++;
      const js = new RegExp(native.source, `${native.flags}g`);
      const re2 = RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      for (const text of texts) {
        js.lastIndex = 0;
        const m = js.exec(text);
        const matcher = re2.matcher(text);
        const found = matcher.find(0);
        assert.equal(m !== null, found, `${pattern} on ${JSON.stringify(text)}`);
        if (m && found) {
          assert.equal(m.index, matcher.start(), `${pattern} start on ${JSON.stringify(text)}`);
          assert.equal(m[0], matcher.group(0), `${pattern} match on ${JSON.stringify(text)}`);
          for (let g = 1; g <= re2.groupCount(); g++) {
            assert.equal(m[g] ?? null, matcher.group(g), `${pattern} group ${g} on ${JSON.stringify(text)}`);
          }
        }
      }
    }
  }
  assert.ok(accepted >= 20, `the fast path took only ${accepted} patterns`);
  // What it must refuse: nested or several loops, RE2-only syntax, multiline.
  for (const p of ['(a+)+', 'a+b+', '(a|b)*', '[[:alpha:]]', '\\pL', '(?i)a', '\\Aa', '(a){2}*']) {
    assert.equal(nativeTranslation(p, {}), undefined, p);
  }
  assert.equal(nativeTranslation('a', { multiline: true }), undefined);
});

test('a compiled pattern reports its groups and finds matches from an offset', () => {
  const re = compileRegex('(?P<word>[a-z]+)(\\d)?');
  assert.equal(re.groupCount, 2);
  assert.equal(re.groupNames.get('word'), 1);
  const m = re.exec('12 ab3 cd', 3);
  assert.deepEqual(m && { index: m.index, end: m.end, groups: m.groups }, {
    index: 3,
    end: 6,
    groups: ['ab3', 'ab', '3'],
  });
});
