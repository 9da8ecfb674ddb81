// @ownProcess: this checks what a process that has loaded nothing else loads (scripts/test-plan.mjs).
/**
 * uap-core's rules are read by the first parse_user_agent call, and by nothing before it: not by
 * loading the engine and its function table, not by other string functions (this file runs in a
 * process of its own, so no other test has read them). The engine's cold start is measured in bench/.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { uapRulesLoaded } from '../../../src/engine/functions/userAgentRules';
import { printed } from './helpers';

test('the rules are read on the first parse_user_agent call, not before', () => {
  assert.equal(uapRulesLoaded(), false);
  printed(
    "print v = parse_version('1.2.3'), u = parse_url('https://example.com/a'), e = extract('(\\\\d+)', 1, 'x42')",
  );
  assert.equal(uapRulesLoaded(), false, 'a query without parse_user_agent read the rules');
  assert.deepEqual(printed("print x = parse_user_agent('curl/8.4.0', 'browser')").x, {
    Browser: { Family: 'curl', MajorVersion: '8', MinorVersion: '4', Patch: '0' },
  });
  assert.equal(uapRulesLoaded(), true);
});
