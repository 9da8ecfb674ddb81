/**
 * uap-core's rules as the engine reads them: every pattern compiles in RE2 (so none runs on a
 * backtracking engine) and in JavaScript, the build's JSON is the YAML read in development, and a
 * changed rule file fails with the rule it names.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parse } from 'yaml';
import { UAP_RULES_FILE as BUILD_FILE, uapRulesJson } from '../../../scripts/uapRules.mjs';
import { compileRegex } from '../../../src/engine/functions/kqlRegex';
import { rulesOf, UAP_RULES_FILE, uapRules } from '../../../src/engine/functions/userAgentRules';

const yamlText = (): string => fs.readFileSync(createRequire(__filename).resolve('uap-core/regexes.yaml'), 'utf8');

test("every one of uap-core's patterns compiles in RE2 and in JavaScript", () => {
  const rules = uapRules();
  const all = [...rules.browser, ...rules.os, ...rules.device];
  assert.equal(all.length, 1175, 'uap-core 0.18.0 has 1,175 rules');
  const failed: string[] = [];
  for (const rule of all) {
    try {
      compileRegex(rule.regex, { caseInsensitive: rule.caseInsensitive });
      new RegExp(rule.regex, rule.caseInsensitive ? 'i' : '');
    } catch (e) {
      failed.push(`${rule.regex}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(failed, []);
  assert.equal(all.filter((r) => r.caseInsensitive).length, 65, "the device rules flagged 'i'");
});

test('the JSON the build writes reads as the same rules as the YAML', () => {
  assert.equal(BUILD_FILE, UAP_RULES_FILE);
  const text = yamlText();
  assert.deepEqual(rulesOf(JSON.parse(uapRulesJson(text)), 'json'), rulesOf(parse(text), 'yaml'));
  assert.ok(uapRulesJson(text).length < text.length * 0.8, 'the JSON drops the comments and layout');
});

test('a rule file of another shape is refused, naming the rule', () => {
  assert.throws(() => rulesOf({ user_agent_parsers: [] }, 'f'), /f: 'user_agent_parsers' is not a list of rules/);
  const lists = (rule: unknown) => ({ user_agent_parsers: [rule], os_parsers: [rule], device_parsers: [rule] });
  assert.throws(() => rulesOf(lists({ regex: 1 }), 'f'), /f: user_agent_parsers\[0\] has no 'regex' string/);
  assert.throws(() => rulesOf(lists({ regex: 'a', regex_flag: 'x' }), 'f'), /regex_flag 'x' is not 'i'/);
  assert.throws(() => rulesOf(lists({ regex: 'a', model: 'x' }), 'f'), /'model' is not a uap-core rule key/);
  // An unquoted version in YAML is a number; the replacement is its text.
  assert.deepEqual(rulesOf(lists({ regex: 'a', v1_replacement: 2007 }), 'f').browser[0]!.replacements, {
    v1_replacement: '2007',
  });
});
