import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { firstLine, recordRetry, retriesAllowed, withinTime } from '../e2e/attempts';

test('one retry by default, none while tracing, and a bad value is refused', () => {
  assert.equal(retriesAllowed({}), 1);
  assert.equal(retriesAllowed({ KQL_E2E_RETRIES: '0' }), 0);
  assert.equal(retriesAllowed({ KQL_E2E_RETRIES: '2' }), 2);
  assert.equal(retriesAllowed({ KQL_E2E_RETRIES: '2', KQL_E2E_TRACE: '/tmp/t' }), 0);
  assert.throws(() => retriesAllowed({ KQL_E2E_RETRIES: 'x' }), /KQL_E2E_RETRIES=x/);
  assert.throws(() => retriesAllowed({ KQL_E2E_RETRIES: '-1' }), /KQL_E2E_RETRIES=-1/);
});

test('a retried scenario is listed with its first failure line', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-retries-')), 'retried.txt');
  recordRetry('3', 1, new Error('the grid: not seen within 60 s\n  at stack'), file);
  recordRetry('40', 1, 'plain text', file);
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    'scenario 3: attempt 1 failed (the grid: not seen within 60 s); retried\n' +
      'scenario 40: attempt 1 failed (plain text); retried\n',
  );
  assert.equal(firstLine(new Error('a\nb')), 'a');
});

test('an attempt past its time rejects with what and how long; a quick one passes its value', async () => {
  assert.equal(await withinTime(1000, 'quick', async () => 7), 7);
  await assert.rejects(
    withinTime(50, 'scenario 9', () => new Promise((resolve) => setTimeout(resolve, 2000))),
    /scenario 9: no outcome within 0.05 s/,
  );
  await assert.rejects(
    withinTime(1000, 'failing', async () => Promise.reject(new Error('boom'))),
    /boom/,
  );
});
