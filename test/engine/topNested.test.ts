import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, ticks } from './helpers';

// T: web01 (100 outbound, 50 inbound), db01 (300 outbound, 200 inbound), web02 (null outbound).
describe('top-nested', () => {
  test('keeps the best N per parent, level by level, with Kusto column names', () => {
    const r = run('T | top-nested 2 of Computer by sum(BytesSent), top-nested 1 of Direction by sum(BytesSent)');
    assert.deepEqual(r.columns, ['Computer', 'aggregated_Computer', 'Direction', 'aggregated_Direction']);
    assert.deepEqual(r.rows, [
      ['db01', 500, 'outbound', 300],
      ['web01', 150, 'outbound', 100],
    ]);
  });

  test('asc keeps the lowest; nulls come last either way', () => {
    assert.deepEqual(run('T | top-nested 2 of Computer by s = min(BytesSent) asc').rows, [
      ['web01', 50],
      ['db01', 200],
    ]);
    assert.deepEqual(run('T | top-nested of Computer by m = max(BytesSent)').rows, [
      ['db01', 300],
      ['web01', 100],
      ['web02', null],
    ]);
  });

  test('with others adds one row per parent aggregating the values left out', () => {
    const r = run(
      'T | top-nested 1 of Computer with others = "rest" by s = sum(BytesSent), top-nested 1 of Direction with others = "other" by n = count()',
    );
    // db01 is kept; its directions tie at one row each, the first seen (outbound) wins. The rest of
    // the machines form one row, with no deeper level.
    assert.deepEqual(r.rows, [
      ['db01', 500, 'outbound', 1],
      ['db01', 500, 'other', 1],
      ['rest', 150, '', null],
    ]);
  });

  test('the aggregation may be an expression over aggregates, and the key an expression', () => {
    const r = run('T | top-nested 1 of Hour = bin(TimeGenerated, 1h) by PerRow = sum(BytesSent) / count()');
    assert.deepEqual(r.columns, ['Hour', 'PerRow']);
    assert.deepEqual(r.rows, [[ticks('2024-01-01T02:00:00Z'), 200]]);
  });

  test('the reference example: the two latest records per identity with their other column', () => {
    const r = run(`datatable(id: string, timestamp: datetime, otherInformation: string) [
        "Barak", datetime(2015-01-01), "1", "Barak", datetime(2016-01-01), "2", "Barak", datetime(2017-01-20), "3",
        "Donald", datetime(2017-01-20), "4", "Donald", datetime(2017-01-18), "5", "Donald", datetime(2017-01-19), "6"]
      | top-nested of id by Ignore0 = max(1), top-nested 2 of timestamp by Ignore1 = max(timestamp), top-nested of otherInformation by Ignore2 = max(1)
      | project-away Ignore0, Ignore1, Ignore2
      | order by timestamp asc, id asc`);
    assert.deepEqual(r.rows, [
      ['Barak', ticks('2016-01-01T00:00:00Z'), '2'],
      ['Donald', ticks('2017-01-19T00:00:00Z'), '6'],
      ['Barak', ticks('2017-01-20T00:00:00Z'), '3'],
      ['Donald', ticks('2017-01-20T00:00:00Z'), '4'],
    ]);
  });

  test('no input rows give no output rows', () => {
    assert.deepEqual(run('T | where false | top-nested 3 of Computer with others = "x" by count()').rows, []);
  });
});
