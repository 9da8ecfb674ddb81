// series_periods_detect, series_periods_validate, and series_seasonal / series_decompose finding the
// period themselves (-1), from the reference's examples. The reference does not give the scoring
// formula; the scores printed in its examples are checked to the digits it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { column, printed } from './helpers';

// "A month of an application's traffic, aggregated twice a day": a weekly period of 14 points.
const TRAFFIC =
  'dynamic([80,139,87,110,68,54,50,51,53,133,86,141,97,156,94,149,95,140,77,61,50,54,47,133,72,152,94,148,105,162,101,160,87,63,53,55,54,151,103,189,108,183,113,175,113,178,90,71,62,62,65,165,109,181,115,182,121,178,114,170])';

test('series_periods_detect on the reference example: the weekly 14, nothing else (the daily 2 is under 4 points)', () => {
  const r = printed(`print y = ${TRAFFIC} | project (periods, scores) = series_periods_detect(y, 0.0, 50.0, 2)`);
  assert.deepEqual(r.periods, [14, 0]);
  const scores = r.scores as number[];
  // The reference prints 0.84 (an untapered self-correlation at 14 is 0.96–0.98).
  assert.equal(scores[0]!.toFixed(2), '0.84', String(scores[0]));
  assert.equal(scores[1], 0);
});

test('series_periods_validate on the reference example: 14 scores high, 10 scores 0', () => {
  const r = printed(`print y = ${TRAFFIC} | project (periods, scores) = series_periods_validate(y, 14.0, 10.0)`);
  assert.deepEqual(r.periods, [14, 10]);
  const scores = r.scores as number[];
  assert.equal(scores[0]!.toFixed(2), '0.84', String(scores[0]));
  assert.equal(scores[1], 0);
  const d = printed(`print y = ${TRAFFIC} | project (p, s) = series_periods_detect(y, 0.0, 50.0, 1)`);
  assert.equal((d.s as number[])[0], scores[0], 'detect and validate score a period alike');
});

test('series_periods_validate: a period under 4 or over half the series scores 0, as the reference says', () => {
  const r = printed(`print y = ${TRAFFIC} | project (periods, scores) = series_periods_validate(y, 2.0, 3.0, 31.0)`);
  assert.deepEqual(r.scores, [0, 0, 0]);
});

test('series_periods_validate: a period of exactly half the series is within the bounds', () => {
  // "The maximal is half of the length of the input series": two whole cycles of a sine score above 0
  // (less than a period with more cycles: the score weighs how much of the series repeats).
  const r = printed(`range t from 0 to 199 step 1 | extend y = sin(2 * pi() * t / 100.0)
| summarize y = make_list(y) | project (p, s) = series_periods_validate(y, 100.0, 101.0)`);
  const [half, over] = r.s as number[];
  assert.ok(half! > 0.2 && half! < 0.5, String(half));
  assert.equal(over, 0);
});

test('series_periods_detect: hourly traffic with a daily and a weekly cycle finds 24 and 168', () => {
  // Four weeks of hours: weekdays busier than weekends, and a day/night swing.
  const q = `range t from 0 to 24*7*4 - 1 step 1
| extend y = iff((t / 24) % 7 >= 5, 20.0, 60.0) + 30.0 * sin(2 * pi() * t / 24.0) + (hash(tostring(t)) % 7)
| summarize y = make_list(y)
| project (periods, scores) = series_periods_detect(y, 0.8 * 24, 1.2 * 168, 2)`;
  const r = printed(q);
  // As in the reference's time-series-analysis example (demo_series3, 2-hour bins: 84 scoring 0.82, then
  // 12 scoring 0.76): the week first, the day scoring less because weekends differ from weekdays.
  assert.deepEqual(r.periods, [168, 24]);
  const [week, day] = r.scores as number[];
  assert.ok(week! <= 1 && day! > 0.5 && day! < week!, `${week} ${day}`);
});

test('series_periods_detect: noise has no period, a noisy sine one (not its multiples)', () => {
  const series = (signal: string) => `range t from 0 to 9999 step 1
| extend y = ${signal}(hash(tostring(t)) % 17) | summarize y = make_list(y, 100000)
| project (p, s) = series_periods_detect(y, 0.0, 10000.0, 3)`;
  assert.deepEqual(printed(series('')).p, [0, 0, 0]);
  const sine = printed(series('50.0 * sin(2 * pi() * t / 700.0) + ')).p as number[];
  assert.ok(Math.abs(sine[0]! - 700) <= 5, String(sine[0]));
  assert.deepEqual(sine.slice(1), [0, 0]);
});

test('series_periods_detect: a line and a constant have no period; a non-numeric series gives nulls', () => {
  const line = printed('print (p, s) = series_periods_detect(range(1, 100, 1), 4.0, 40.0, 2)');
  assert.deepEqual(line.p, [0, 0]);
  assert.deepEqual(line.s, [0, 0]);
  const flat = printed('print (p, s) = series_periods_detect(repeat(5, 50), 4.0, 40.0, 1)');
  assert.deepEqual(flat.p, [0]);
  const bad = printed('print (p, s) = series_periods_detect(dynamic([1, "a", 3]), 4.0, 40.0, 1)');
  assert.equal(bad.p, null);
});

test("series_periods_detect on series_seasonal's examples: 6 and 5 score over its 0.7, the short series nothing", () => {
  const detect = (s: string) =>
    printed(`print y = dynamic(${s}) | project (p, s) = series_periods_detect(y, 0.0, 100.0, 1)`);
  const six = detect('[2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1]');
  assert.deepEqual(six.p, [6]);
  assert.ok((six.s as number[])[0]! >= 0.7, String(six.s));
  const five = detect('[8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]');
  assert.deepEqual(five.p, [5]);
  assert.ok((five.s as number[])[0]! >= 0.7, String(five.s));
  // Its 6 is half the series, within the bounds, but two cycles are too few to be significant.
  const short = printed('print (p, s) = series_periods_validate(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]), 6.0)');
  assert.deepEqual(short.s, [0]);
});

test('series_seasonal finding its own period: the reference example (6 bins, 5 bins, and too short)', () => {
  const q = `print s=dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1])
| union (print s=dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]))
| union (print s=dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))
| extend s_seasonal = series_seasonal(s)`;
  const rows = column(q, 1);
  assert.deepEqual(rows[0], [1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1]);
  assert.deepEqual(rows[1], [10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]);
  assert.deepEqual(rows[2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('series_decompose with the default seasonality finds the weekly period of the reference example', () => {
  // The reference's "weekly seasonality" example without its rand() noise (deterministic here).
  const ts = `range t from 1 to 24*7*5 step 1
| extend y = iff((t/24)%7>=5, 10.0, 15.0) - (((t%24)/10)*((t%24)/10))
| extend y = iff(t==150 or t==200 or t==780, y-8.0, y)
| extend y = iff(t==300 or t==400 or t==600, y+8.0, y)
| summarize y = make_list(y, 10000)`;
  const auto = printed(`${ts} | extend (b, s, t, r) = series_decompose(y) | project s`);
  const given = printed(`${ts} | extend (b, s, t, r) = series_decompose(y, 168) | project s`);
  assert.deepEqual(auto.s, given.s);
  const anomalies = printed(`${ts} | extend (f, sc, b) = series_decompose_anomalies(y) | project f`);
  const flagged = (anomalies.f as number[]).flatMap((v, i) => (v !== 0 ? [i + 1] : []));
  assert.deepEqual(flagged, [150, 200, 300, 400, 600, 780]);
  // A seasonality threshold above the score turns the detection off: no seasonal component.
  const off = printed(`${ts} | extend (b, s, t, r) = series_decompose(y, -1, 'avg', 0, 1.01) | project s`);
  assert.ok((off.s as number[]).every((v) => v === 0));
});

test('series_decompose_forecast with the default seasonality repeats the detected week', () => {
  const q = `range t from 0 to 24*7*4 - 1 step 1
| extend y = iff((t/24)%7>=5, 10.0, 15.0) + (t % 24) / 4.0
| summarize y = make_list(y)
| extend y = array_concat(y, repeat(0.0, 24*7))
| project (b, s, t, r) = series_decompose_forecast(y, 24*7)`;
  const r = printed(q);
  const b = r.b as number[];
  const last = b.slice(24 * 7 * 4);
  const firstWeek = b.slice(0, 24 * 7);
  last.forEach((v, i) => assert.ok(Math.abs(v - firstWeek[i]!) < 1e-9, `${i}: ${v} vs ${firstWeek[i]}`));
});
