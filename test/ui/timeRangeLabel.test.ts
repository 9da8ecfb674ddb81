import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliedTimeRangeText, parseInterval, timeRangeLabel, timeRangeOf } from '../../src/ui/timeRangeLabel';
import { checkDatetime } from '../../src/ui/datetimeInput';

test('time range settings read as words', () => {
  assert.equal(timeRangeLabel('PT30M'), 'Last 30 minutes');
  assert.equal(timeRangeLabel('PT1H'), 'Last hour');
  assert.equal(timeRangeLabel('PT24H'), 'Last 24 hours');
  assert.equal(timeRangeLabel('P7D'), 'Last 7 days');
  assert.equal(timeRangeLabel('P1W'), 'Last week');
  assert.equal(timeRangeLabel('query'), 'Time range set in query');
  assert.equal(timeRangeLabel('P1DT6H'), 'Last P1DT6H');
  assert.equal(timeRangeLabel('2026-12-04T03:00Z/2026-12-05T03:30:15Z'), '2026-12-04 03:00 → 2026-12-05 03:30 UTC');
});

test('the results header names the bounds a duration meant when the run started', () => {
  const now = Date.parse('2026-12-05T03:00:40Z');
  assert.equal(appliedTimeRangeText('PT24H', now), 'Last 24 hours · 2026-12-04 03:00 → 2026-12-05 03:00 UTC');
  assert.equal(appliedTimeRangeText('PT30M', now), 'Last 30 minutes · 2026-12-05 02:30 → 2026-12-05 03:00 UTC');
  assert.equal(appliedTimeRangeText('query', now), 'Time range set in query');
  assert.equal(
    appliedTimeRangeText('2026-12-01T00:00Z/2026-12-02T00:00Z', now),
    '2026-12-01 00:00 → 2026-12-02 00:00 UTC',
  );
});

test('a custom start/end setting is an absolute window for the backends; a duration ends now', () => {
  assert.deepEqual(timeRangeOf('2026-12-01T00:00Z/2026-12-02T00:00Z'), {
    start: '2026-12-01T00:00Z',
    end: '2026-12-02T00:00Z',
  });
  assert.deepEqual(timeRangeOf('PT4H'), { duration: 'PT4H' });
  assert.equal(timeRangeOf('query'), undefined);
  assert.equal(parseInterval('yesterday/today'), undefined);
  assert.equal(parseInterval('2026-12-01T00:00Z'), undefined);
});

test('the custom range input boxes take ISO datetimes, read without a zone as UTC, and refuse the rest', () => {
  assert.deepEqual(checkDatetime('2026-12-04T03:00Z'), { iso: '2026-12-04T03:00:00Z' });
  assert.deepEqual(checkDatetime(' 2026-12-04 03:00 '), { iso: '2026-12-04T03:00:00Z' });
  assert.deepEqual(checkDatetime('2026-12-04'), { iso: '2026-12-04T00:00:00Z' });
  assert.deepEqual(checkDatetime('2026-12-04T05:00+02:00'), { iso: '2026-12-04T03:00:00Z' });
  assert.match(checkDatetime('yesterday').problem ?? '', /Not an ISO-8601 datetime/);
  assert.match(checkDatetime('2026-02-30T00:00Z').problem ?? '', /2026-02-30/);
  assert.match(checkDatetime('2026-13-01').problem ?? '', /2026-13-01/);
});
