// datetime_utc_to_local / datetime_local_to_utc / datetime_list_timezones: the reference's examples
// with the outputs it states, plus unknown zones, nulls and the range edges.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, dt, rows } from './helpers';

describe('timezones', () => {
  test('datetime_utc_to_local: the reference example', () => {
    assert.deepEqual(
      rows(`print dt=datetime(2022-07-11 22:18:48.4678620)
| extend pacific_dt = datetime_utc_to_local(dt, 'US/Pacific'), canberra_dt = datetime_utc_to_local(dt, 'Australia/Canberra')
| extend diff = pacific_dt - canberra_dt`),
      [['2022-07-11T22:18:48.4678620Z', '2022-07-11T15:18:48.4678620Z', '2022-07-12T08:18:48.4678620Z', '-17:00:00']],
    );
  });
  test('datetime_local_to_utc: the reference examples, DST gap included', () => {
    assert.deepEqual(
      rows(`datatable(local_dt: datetime, tz: string)
[ datetime(2020-02-02 20:02:20), 'US/Pacific', 
  datetime(2020-02-02 20:02:20), 'America/Chicago', 
  datetime(2020-02-02 20:02:20), 'Europe/Paris']
| extend utc_dt = datetime_local_to_utc(local_dt, tz) | project tz, utc_dt`),
      [
        ['US/Pacific', '2020-02-03T04:02:20Z'],
        ['America/Chicago', '2020-02-03T02:02:20Z'],
        ['Europe/Paris', '2020-02-02T19:02:20Z'],
      ],
    );
    assert.deepEqual(
      rows(`range Local from datetime(2022-03-27 01:00:00.0000000) to datetime(2022-03-27 04:00:00.0000000) step 1h
| extend UTC=datetime_local_to_utc(Local, 'Europe/Brussels')
| extend BackToLocal=datetime_utc_to_local(UTC, 'Europe/Brussels')
| extend diff=Local-BackToLocal`),
      [
        ['2022-03-27T01:00:00Z', '2022-03-27T00:00:00Z', '2022-03-27T01:00:00Z', '00:00:00'],
        ['2022-03-27T02:00:00Z', '2022-03-27T00:00:00Z', '2022-03-27T01:00:00Z', '01:00:00'],
        ['2022-03-27T03:00:00Z', '2022-03-27T01:00:00Z', '2022-03-27T03:00:00Z', '00:00:00'],
        ['2022-03-27T04:00:00Z', '2022-03-27T02:00:00Z', '2022-03-27T04:00:00Z', '00:00:00'],
      ],
    );
  });
  test('the repeated autumn hour takes the first offset; round trips elsewhere', () => {
    assert.equal(
      call('datetime_local_to_utc', ['datetime', 'string'], 'datetime', [
        dt('2022-10-30T02:30:00Z'),
        'Europe/Brussels',
      ]),
      dt('2022-10-30T00:30:00Z'),
    );
    assert.equal(
      call('datetime_local_to_utc', ['datetime', 'string'], 'datetime', [
        dt('2022-10-30T03:30:00Z'),
        'Europe/Brussels',
      ]),
      dt('2022-10-30T02:30:00Z'),
    );
    assert.equal(
      call('datetime_utc_to_local', ['datetime', 'string'], 'datetime', [dt('2024-06-01T12:00:00Z'), 'Asia/Kolkata']),
      dt('2024-06-01T17:30:00Z'),
    );
  });
  test('unknown zones, nulls and results outside the datetime range are null', () => {
    assert.equal(
      call('datetime_utc_to_local', ['datetime', 'string'], 'datetime', [dt('2022-01-01T00:00:00Z'), 'Mars/Olympus']),
      null,
    );
    assert.equal(
      call('datetime_utc_to_local', ['datetime', 'string'], 'datetime', [dt('2022-01-01T00:00:00Z'), '']),
      null,
    );
    assert.equal(call('datetime_local_to_utc', ['datetime', 'string'], 'datetime', [null, 'UTC']), null);
    assert.equal(
      call('datetime_utc_to_local', ['datetime', 'string'], 'datetime', [dt('9999-12-31T23:00:00Z'), 'Asia/Tokyo']),
      null,
    );
  });
  test("datetime_list_timezones lists the reference's zones, each usable", () => {
    const zones = rows('print z = datetime_list_timezones()')[0]![0] as string[];
    assert.equal(zones.length, 590);
    assert.ok(zones.includes('US/Pacific') && zones.includes('Europe/Brussels') && zones.includes('UTC'));
    for (const z of zones) {
      assert.notEqual(
        call('datetime_utc_to_local', ['datetime', 'string'], 'datetime', [dt('2024-01-01T00:00:00Z'), z]),
        null,
        z,
      );
    }
  });
});
