/**
 * Values written by hand in settings.json, checked against their declarations in package.json: a bad one
 * gives the default and one sentence naming the setting, the value, what is wrong and what is used.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { checkSetting, settingSchemas } from '../../src/ui/settingCheck';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { contributes: { configuration: unknown } };
const schemas = settingSchemas(manifest.contributes.configuration);
const check = (key: string, value: unknown) =>
  checkSetting(key, schemas.get(`kql.${key}`), value, 'your user settings');

test('a negative row limit gives the default and says so', () => {
  const c = check('local.rowLimit', -5);
  assert.equal(c.value, 500_000);
  assert.equal(
    c.problem,
    'kql.local.rowLimit is -5 in your user settings, but it must be between 1 and 10000000. Using the default, 500000, until it is fixed.',
  );
});

test('a string where a number is expected, 1e12 and a fraction of a row are refused', () => {
  assert.match(
    check('local.rowLimit', '1000').problem ?? '',
    /is "1000" in your user settings, but it must be a number\./,
  );
  assert.match(check('local.rowLimit', 1e12).problem ?? '', /is 1000000000000 .* between 1 and 10000000/);
  assert.match(check('local.rowLimit', 2.5).problem ?? '', /must be a whole number/);
  assert.match(check('local.rowLimit', null).problem ?? '', /is null .* must be a number/);
});

test('a timeout past what a timer can wait (2^31 ms) is refused rather than firing at once', () => {
  const c = check('local.timeoutSeconds', 1e12);
  assert.equal(c.value, 120);
  assert.match(c.problem ?? '', /between 1 and 86400/);
  assert.ok((schemas.get('kql.local.timeoutSeconds')?.maximum ?? Infinity) * 1000 < 2 ** 31);
});

test('an unknown enum value names the values allowed', () => {
  const c = check('backend', 'logAnalytic');
  assert.equal(c.value, 'local');
  assert.match(
    c.problem ?? '',
    /kql\.backend is "logAnalytic" .* must be one of "local", "logAnalytics"\. Using the default, "local"/,
  );
  assert.match(check('logAnalytics.cloud', 'Azure').problem ?? '', /one of "AzurePublicCloud", "AzureUSGovernment"/);
});

test('a time range that is no duration, interval or "query" is refused with its form', () => {
  assert.equal(check('timeRange', 'PT24H').problem, undefined);
  assert.equal(check('timeRange', 'query').problem, undefined);
  assert.equal(check('timeRange', '2026-12-04T03:00Z/2026-12-05T03:00Z').problem, undefined);
  const c = check('timeRange', '24h');
  assert.equal(c.value, 'PT24H');
  assert.match(c.problem ?? '', /but it must be an ISO-8601 duration such as PT30M/);
});

test('a boolean written as a string, and a chart cap the results panel would refuse, fall back', () => {
  assert.equal(check('results.csvFormulaProtection', 'false').value, true);
  assert.match(check('results.csvFormulaProtection', 'false').problem ?? '', /must be true or false/);
  assert.equal(check('results.maxChartPoints', 'lots').value, 20_000);
  assert.equal(check('results.maxChartPoints', 1500.5).value, 20_000);
});

test('an unset value is the default, with nothing to say; a good value is kept', () => {
  assert.deepEqual(check('local.rowLimit', undefined), { value: 500_000 });
  assert.deepEqual(check('local.rowLimit', 1000), { value: 1000 });
  assert.deepEqual(check('logAnalytics.endpoint', undefined), { value: '' });
});

test('every declared default passes its own declaration', () => {
  for (const [key, schema] of schemas) {
    assert.equal(checkSetting(key, schema, schema.default).problem, undefined, key);
  }
});
