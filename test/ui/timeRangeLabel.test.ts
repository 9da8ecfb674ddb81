import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeRangeLabel } from '../../src/ui/timeRangeLabel';

test('time range settings read as words', () => {
  assert.equal(timeRangeLabel('PT30M'), 'Last 30 minutes');
  assert.equal(timeRangeLabel('PT1H'), 'Last hour');
  assert.equal(timeRangeLabel('PT24H'), 'Last 24 hours');
  assert.equal(timeRangeLabel('P7D'), 'Last 7 days');
  assert.equal(timeRangeLabel('P1W'), 'Last week');
  assert.equal(timeRangeLabel('query'), 'Time range set in query');
  assert.equal(timeRangeLabel('P1DT6H'), 'Last P1DT6H');
});
