import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareValues, hashKey, valuesEqual } from '../../../src/engine/valueCompare';
import {
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  ticksFromMs,
} from '../../../src/engine/values';
import {
  formatDatetime,
  formatReal,
  formatTimespan,
  parseDatetime,
  parseTimespan,
  valueToString,
} from '../../../src/engine/valueText';
import { fromWire, toWire } from '../../../src/engine/wireValues';
import { plainBags } from '../bagData';
import { DATETIME_FORMAT_EXAMPLES } from '../datetimeFormatExamples';

const iso = (text: string): string => formatDatetime(parseDatetime(text)!);

describe('parseDatetime accepts every format the datetime reference lists', () => {
  const cases: (readonly [string, string])[] = [
    ...DATETIME_FORMAT_EXAMPLES,
    // The datetime literal examples, and offsets converted to UTC.
    ['2015-12-31 23:59:59.9', '2015-12-31T23:59:59.9000000Z'],
    ['2015-12-31', '2015-12-31T00:00:00Z'],
    ['2014-11-08T15:55:55+01:00', '2014-11-08T14:55:55Z'],
  ];
  for (const [text, expected] of cases) {
    test(text, () => assert.equal(iso(text), expected));
  }

  test('rejects text that is not a date, and impossible dates', () => {
    for (const bad of ['', 'hello', '2019-02-30', '2019-13-01', '2019-01-01 25:00', '12345']) {
      assert.equal(parseDatetime(bad), null, bad);
    }
  });
});

describe('formatDatetime prints as Kusto does', () => {
  test('whole seconds end in Z, fractions get 7 digits', () => {
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(2019, 3, 10))), '2019-04-10T00:00:00Z');
    assert.equal(
      formatDatetime(ticksFromMs(Date.UTC(2019, 3, 10)) + 123 * TICKS_PER_MILLISECOND),
      '2019-04-10T00:00:00.1230000Z',
    );
  });
  test('keeps single ticks, from 1990 to today and beyond', () => {
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(1990, 0, 1)) + 1), '1990-01-01T00:00:00.0000001Z');
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(2026, 11, 5)) + 1), '2026-12-05T00:00:00.0000001Z');
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(2037, 11, 31)) + 9_999_999), '2037-12-31T00:00:00.9999999Z');
  });
  test('agrees with Date on every day and time, whichever day came before (before and after the base)', () => {
    // Days alternate and repeat, so a remembered day's text cannot leak into the next value.
    const days = [Date.UTC(1981, 6, 1), Date.UTC(2009, 11, 30), Date.UTC(2009, 11, 31), Date.UTC(2024, 1, 29)];
    for (let i = 0; i < 400; i++) {
      const ms = days[i % days.length]! + ((i * 7_919_113) % 86_400_000);
      const subTicks = i % 3 === 0 ? 0 : (i * 37) % TICKS_PER_MILLISECOND;
      const text = new Date(ms).toISOString().slice(0, 19);
      const fraction = (ms % 1000) * TICKS_PER_MILLISECOND + subTicks;
      const expected = fraction === 0 ? `${text}Z` : `${text}.${String(fraction).padStart(7, '0')}Z`;
      assert.equal(formatDatetime(ticksFromMs(ms) + subTicks), expected);
    }
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(2009, 11, 31)) - 1), '2009-12-30T23:59:59.9999999Z');
    assert.equal(formatDatetime(ticksFromMs(Date.UTC(2009, 11, 31)) + 0.6), '2009-12-31T00:00:00.0000001Z');
  });
  test('years before 1000 are padded to four digits', () => {
    assert.equal(iso('0001-01-01'), '0001-01-01T00:00:00Z');
    assert.equal(iso('0099-12-31 10:00'), '0099-12-31T10:00:00Z');
  });
});

describe('timespans', () => {
  const literals: [string, number][] = [
    ['2d', 2 * TICKS_PER_DAY],
    ['1.5h', 1.5 * TICKS_PER_HOUR],
    ['30m', 30 * TICKS_PER_MINUTE],
    ['10s', 10 * TICKS_PER_SECOND],
    ['100ms', 100 * TICKS_PER_MILLISECOND],
    ['10microsecond', 100],
    ['1tick', 1],
    ['24hr', TICKS_PER_DAY],
    ['1min', TICKS_PER_MINUTE],
    ['0.1s', TICKS_PER_SECOND / 10],
    ['15 seconds', 15 * TICKS_PER_SECOND],
    ['2', 2 * TICKS_PER_DAY],
    ['0.12:34:56.7', 12 * TICKS_PER_HOUR + 34 * TICKS_PER_MINUTE + 56.7 * TICKS_PER_SECOND],
    ['-00:00:01.5', -1.5 * TICKS_PER_SECOND],
    ['1.02:03:04', TICKS_PER_DAY + 2 * TICKS_PER_HOUR + 3 * TICKS_PER_MINUTE + 4 * TICKS_PER_SECOND],
    ['00:30', 30 * TICKS_PER_MINUTE],
  ];
  for (const [text, ticks] of literals) {
    test(`parses ${text}`, () => assert.equal(parseTimespan(text), ticks));
  }
  test('rejects unknown units and malformed clocks', () => {
    for (const bad of ['', '1x', 'abc', '10:99:00', '1.2.3']) {
      assert.equal(parseTimespan(bad), null, bad);
    }
  });
  test('prints [-][d.]hh:mm:ss[.fffffff]', () => {
    assert.equal(
      formatTimespan(TICKS_PER_DAY + 2 * TICKS_PER_HOUR + 3 * TICKS_PER_MINUTE + 4 * TICKS_PER_SECOND),
      '1.02:03:04',
    );
    assert.equal(formatTimespan(30 * TICKS_PER_MINUTE), '00:30:00');
    assert.equal(formatTimespan(-1.5 * TICKS_PER_SECOND), '-00:00:01.5000000');
    assert.equal(formatTimespan(365 * TICKS_PER_DAY), '365.00:00:00');
    assert.equal(formatTimespan(0), '00:00:00');
  });
});

describe('tostring() semantics', () => {
  test('reals print like .NET doubles', () => {
    assert.equal(formatReal(1), '1');
    assert.equal(formatReal(0.1), '0.1');
    assert.equal(formatReal(1e20), '1E+20');
    assert.equal(formatReal(0.00001), '1E-05');
    assert.equal(formatReal(NaN), 'NaN');
    assert.equal(formatReal(-Infinity), '-Infinity');
  });
  test('null is the empty string; dynamic strings are not quoted, other dynamic values are JSON', () => {
    assert.equal(valueToString(null, 'long'), '');
    assert.equal(valueToString('abc', 'dynamic'), 'abc');
    assert.equal(valueToString({ a: [1, 'x'] }, 'dynamic'), '{"a":[1,"x"]}');
    assert.equal(valueToString(true, 'bool'), 'true');
    assert.equal(valueToString(TICKS_PER_HOUR, 'timespan'), '01:00:00');
  });
});

describe('wire form', () => {
  test('toWire gives Log Analytics REST values', () => {
    assert.equal(toWire(parseDatetime('2019-04-10'), 'datetime'), '2019-04-10T00:00:00Z');
    assert.equal(toWire(90 * TICKS_PER_MINUTE, 'timespan'), '01:30:00');
    assert.equal(toWire(NaN, 'real'), 'NaN');
    assert.equal(toWire(null, 'long'), null);
    assert.deepEqual(toWire({ a: 1 }, 'dynamic'), { a: 1 });
  });
  test('fromWire reads what toWire writes, and what exports contain', () => {
    assert.equal(fromWire('2019-04-10T00:00:00Z', 'datetime'), parseDatetime('2019-04-10'));
    assert.equal(fromWire('01:30:00', 'timespan'), 90 * TICKS_PER_MINUTE);
    assert.equal(fromWire('42', 'long'), 42);
    assert.equal(fromWire('x', 'long'), null);
    assert.equal(fromWire('True', 'bool'), true);
    assert.deepEqual(plainBags(fromWire('{"a":[1,2]}', 'dynamic')), { a: [1, 2] });
    assert.equal(fromWire('plain text', 'dynamic'), 'plain text');
    assert.equal(fromWire(null, 'string'), '');
    assert.equal(fromWire('B3A5C0F2-0D7F-4C39-9E0E-6F2E52A7D1B1', 'guid'), 'b3a5c0f2-0d7f-4c39-9e0e-6f2e52a7d1b1');
  });
});

describe('ordering, equality and hashing', () => {
  test('strings compare ordinally (upper case before lower case)', () => {
    assert.ok(compareValues('B', 'a', 'string') < 0);
    assert.ok(compareValues('a', 'b', 'string') < 0);
    assert.equal(compareValues('x', 'x', 'string'), 0);
  });
  test('null sorts below every value', () => {
    assert.ok(compareValues(null, -1e300, 'real') < 0);
    assert.ok(compareValues(5, null, 'long') > 0);
  });
  test('dynamic bags are equal and hash alike whatever their key order', () => {
    assert.ok(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 }, 'dynamic'));
    assert.equal(hashKey({ a: 1, b: 2 }, 'dynamic'), hashKey({ b: 2, a: 1 }, 'dynamic'));
    assert.notEqual(hashKey(null, 'long'), hashKey(0, 'long'));
    assert.notEqual(hashKey('null', 'dynamic'), hashKey(null, 'dynamic'));
  });
});
