/**
 * Kusto's datetime and timespan are exact to one 100-ns tick over their whole range (datetime:
 * 0001-01-01 to 9999-12-31; the reference's scalar data types), not only where a double happens to
 * hold every tick (1981–2038 counted from the engine's base). Expected values follow the reference's
 * definitions: endofday is the day's last tick, datetime_diff counts period boundaries, tolong of a
 * datetime counts .NET ticks from 0001-01-01.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Database, executeQuery } from '../../src/engine';
import { toWire } from '../../src/engine/wireValues';

/** The one row of a print, each value as the wire carries it (datetimes and timespans as Kusto prints them). */
function printed(query: string): unknown[] {
  const result = executeQuery(query, new Database([])).tables[0]!.table;
  const row = result.rows()[0]!;
  return row.map((v, i) => toWire(v, result.columns[i]!.column.type));
}

describe('datetimes outside 1981–2038 keep every tick', () => {
  test('literals at both ends of the range print exactly', () => {
    assert.deepEqual(printed('print datetime(1601-01-01 00:00:00.0000001), datetime(9999-12-31 23:59:59.9999999)'), [
      '1601-01-01T00:00:00.0000001Z',
      '9999-12-31T23:59:59.9999999Z',
    ]);
    assert.deepEqual(
      printed('print todatetime("1900-06-30 12:34:56.7654321"), datetime(1970-01-01 00:00:00.0000001)'),
      ['1900-06-30T12:34:56.7654321Z', '1970-01-01T00:00:00.0000001Z'],
    );
  });
  test('endofday, endofmonth and endofyear end on the last tick', () => {
    assert.deepEqual(
      printed(
        'print endofday(datetime(1900-01-01)), endofmonth(datetime(2050-02-10)), endofyear(datetime(1601-05-05)), endofweek(datetime(9999-12-20))',
      ),
      [
        '1900-01-01T23:59:59.9999999Z',
        '2050-02-28T23:59:59.9999999Z',
        '1601-12-31T23:59:59.9999999Z',
        '9999-12-25T23:59:59.9999999Z',
      ],
    );
  });
  test('arithmetic with timespans is exact', () => {
    assert.deepEqual(
      printed(
        'print datetime(1601-01-01) + 1tick, datetime(9999-12-31 23:59:59.9999999) - 1tick, datetime(1960-01-01) + 7d + 100tick',
      ),
      ['1601-01-01T00:00:00.0000001Z', '9999-12-31T23:59:59.9999998Z', '1960-01-08T00:00:00.0000100Z'],
    );
    // Past the end of Kusto's range a datetime is null.
    assert.deepEqual(printed('print datetime(9999-12-31 23:59:59.9999999) + 1tick'), [null]);
  });
  test('datetime_diff and datetime_part across far-apart values', () => {
    assert.deepEqual(
      printed(
        `print ns = datetime_diff('nanosecond', datetime(9999-12-31 23:59:59.9999999), datetime(9999-12-31 23:59:59.9999998)),
               us = datetime_diff('microsecond', datetime(2100-01-01), datetime(1900-01-01)),
               ms = datetime_diff('millisecond', datetime(1601-01-01 00:00:00.001), datetime(1601-01-01)),
               part = datetime_part('nanosecond', datetime(1700-03-04 05:06:07.1234567)),
               y = datetime_part('year', datetime(1700-03-04)), d = dayofyear(datetime(1700-03-04)),
               w = week_of_year(datetime(1900-01-01))`,
      ),
      [100, 6311433600000000, 1, 123456700, 1700, 63, 1],
    );
  });
  test('comparisons tell apart datetimes one tick apart', () => {
    assert.deepEqual(
      printed(
        'print datetime(1601-01-01 00:00:00.0000001) > datetime(1601-01-01), datetime(9999-12-31 23:59:59.9999999) == datetime(9999-12-31 23:59:59.9999998)',
      ),
      [true, false],
    );
  });
  test('tolong and todatetime round-trip .NET ticks', () => {
    assert.deepEqual(printed('print tolong(datetime(1601-01-01 00:00:00.0000001)), todatetime(504911232000000001)'), [
      '504911232000000001', // a long past 2^53 crosses the wire as its digits
      '1601-01-01T00:00:00.0000001Z',
    ]);
  });
  test('bin and startofday of far datetimes', () => {
    assert.deepEqual(
      printed(
        'print bin(datetime(1900-01-01 10:59:59.9999999), 1h), startofday(datetime(2200-07-04 12:00:00.0000001))',
      ),
      ['1900-01-01T10:00:00Z', '2200-07-04T00:00:00Z'],
    );
  });
  test('a datatable column of far datetimes sorts and groups exactly', () => {
    const result = executeQuery(
      `datatable(t: datetime) [datetime(1900-01-01 00:00:00.0000002), datetime(1900-01-01 00:00:00.0000001), datetime(1900-01-01 00:00:00.0000001)]
       | summarize n = count() by t | sort by t asc`,
      new Database([]),
    ).tables[0]!.table;
    assert.deepEqual(
      result.rows().map((r) => [toWire(r[0]!, 'datetime'), r[1]]),
      [
        ['1900-01-01T00:00:00.0000001Z', 2],
        ['1900-01-01T00:00:00.0000002Z', 1],
      ],
    );
  });
});

describe('timespans past 28 years keep every tick', () => {
  test('literals, arithmetic and text', () => {
    assert.deepEqual(printed('print 36500d + 1tick, 36500d, -36500d - 1tick, totimespan("36500.00:00:00.0000001")'), [
      '36500.00:00:00.0000001',
      '36500.00:00:00',
      '-36500.00:00:00.0000001',
      '36500.00:00:00.0000001',
    ]);
  });
  test('the difference of far datetimes', () => {
    assert.deepEqual(printed('print datetime(9999-12-31 23:59:59.9999999) - datetime(0001-01-01)'), [
      '3652058.23:59:59.9999999',
    ]);
  });
  test('format_timespan of a long timespan', () => {
    assert.deepEqual(printed("print format_timespan(36500d + 1tick, 'd.hh:mm:ss.fffffff')"), [
      '36500.00:00:00.0000001',
    ]);
  });
});
