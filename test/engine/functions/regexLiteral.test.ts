/**
 * The literal prefilter may skip a pattern only when no match is possible: what it reads is checked on
 * small patterns, and over uap-core's 1,175 patterns no text that matches a pattern fails its
 * requirements.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredLiterals } from '../../../src/engine/functions/regexLiteral';
import { uapRules } from '../../../src/engine/functions/userAgentRules';

test('runs, plain groups read through, alternations as one-of, quantified atoms left out', () => {
  const cases: [string, string[][]][] = [
    ['(Kobo Touch)\\b', [['Kobo Touch']]],
    ['(GeoEvent Server) (\\d+)(?:\\.(\\d+)|)', [['GeoEvent Server ']]],
    ['Microsoft Outlook 14\\.\\d+|MSOffice 14', [['Microsoft Outlook 14.', 'MSOffice 14']]],
    [
      '; {0,2}(A6277|ADR6400[A-Z]*)(?: Build|\\) AppleWebKit)',
      [[';'], ['A6277', 'ADR6400'], [' Build', ') AppleWebKit']],
    ],
    ['a(b(c|d)e)f', [['ab'], ['c', 'd'], ['ef']]],
    ['ab+c', [['a'], ['c']]],
    ['(ab)?cd', [['cd']]],
    ['x{2,3}yz', [['yz']]],
    ['[ab]c\\.d', [['c.d']]],
    ['a.b', [['a'], ['b']]],
  ];
  for (const [pattern, expected] of cases) {
    assert.deepEqual(requiredLiterals(pattern), expected, pattern);
  }
});

test('nothing where a branch may be empty or the pattern is not read', () => {
  for (const pattern of ['(?:x|)', 'ab|c*', 'a\\x41b', '(?i)abc', '(?P<n>abc)', 'a{', '[[:alpha:]]b', 'a(b']) {
    assert.deepEqual(requiredLiterals(pattern), [], pattern);
  }
});

test("over uap-core's patterns, a text that matches always meets the requirements", () => {
  const texts = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
    'Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (Linux; U; Android 4.0.4; es-es; airis TM421M Build/IMM76D) AppleWebKit/534.30',
    'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)',
    'curl/8.4.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
    'Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.14977',
    'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.3.1 like Chrome/120.0.6099.230 Safari/537.36',
    'Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54',
    'Mozilla/5.0 (PlayStation 4 3.11) AppleWebKit/537.73 (KHTML, like Gecko)',
  ];
  let matched = 0;
  const rules = uapRules();
  for (const rule of [...rules.browser, ...rules.os, ...rules.device]) {
    const re = new RegExp(rule.regex, rule.caseInsensitive ? 'i' : '');
    const requirements = requiredLiterals(rule.regex);
    for (const text of texts) {
      if (!re.test(text)) {
        continue;
      }
      matched++;
      const haystack = rule.caseInsensitive ? text.toLowerCase() : text;
      for (const any of requirements) {
        const needles = rule.caseInsensitive ? any.map((l) => l.toLowerCase()) : any;
        assert.ok(
          needles.some((l) => haystack.includes(l)),
          `${rule.regex} matches ${text} but the text has none of ${JSON.stringify(any)}`,
        );
      }
    }
  }
  assert.ok(matched > 60, `only ${matched} rule/text matches checked`);
});
