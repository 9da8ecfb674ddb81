import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { valueToString } from '../../src/engine/valueText';
import { run } from './helpers';

describe('literals', () => {
  test("dynamic literals take single-quoted strings, as Kusto's JSON does", () => {
    const r = run(`print d = dynamic({'a': 'b', "n": [1, 'two']}), k = dynamic({'a': 'it\\'s'}).a`);
    assert.deepEqual(r.rows, [[{ a: 'b', n: [1, 'two'] }, "it's"]]);
  });

  test('dynamic literals hold datetimes and timespans (as their text), negative numbers and nested dynamic()', () => {
    const r = run(
      `print d = dynamic([datetime(2021-01-01 10:00), 1h, -3, 1.5, true, 's', null, dynamic({'a': dynamic([1])}), guid(74be27de-1e4e-49d9-b579-fe0b331d3642)])`,
    );
    assert.deepEqual(r.rows[0]![0], [
      '2021-01-01T10:00:00Z',
      '01:00:00',
      -3,
      1.5,
      true,
      's',
      null,
      { a: [1] },
      '74be27de-1e4e-49d9-b579-fe0b331d3642',
    ]);
    assert.deepEqual(run(`print d = dynamic({"when": datetime(2024-05-01), 'k': {"x": timespan(2d)}})`).rows[0]![0], {
      when: '2024-05-01T00:00:00Z',
      k: { x: '2.00:00:00' },
    });
  });

  test('column_ifexists reads the named column where the input has it, else the default', () => {
    assert.deepEqual(
      run('T | take 2 | project x = column_ifexists("BytesSent", 0), y = column_ifexists("Nope", "none")').rows,
      [
        [100, 'none'],
        [50, 'none'],
      ],
    );
    assert.deepEqual(run('T | where column_ifexists("Direction", "") == "inbound" | count').rows, [[2]]);
  });

  test('d.[key] takes its key from the bracket, a literal or a variable', () => {
    assert.deepEqual(
      run(`let p = 'a'; print x = dynamic({'a':1}).[p], y = dynamic({'a b':2}).['a b'], z = dynamic([5,6]).[1]`).rows,
      [[1, 2, 6]],
    );
  });

  test('timespan literals in the clock form keep days, seconds and fractions', () => {
    // Kusto reference, timespan: time(29.09:00:05.12345) is 29 days, 9 hours, 5.12345 seconds.
    const r = run(
      'print a = time(29.09:00:05.12345), b = timespan(1.02:03:04), c = time(00:30:00), d = 2d, e = time(-00:00:01.5)',
    );
    assert.deepEqual(r.types, ['timespan', 'timespan', 'timespan', 'timespan', 'timespan']);
    assert.deepEqual(
      r.rows[0]!.map((v, i) => valueToString(v, r.types[i]!)),
      ['29.09:00:05.1234500', '1.02:03:04', '00:30:00', '2.00:00:00', '-00:00:01.5000000'],
    );
  });

  test("extract converts the captured text to the typeof() argument's type", () => {
    // Kusto reference, extract: extract("Duration=([0-9.]+)", 1, Trace, typeof(real)) * time(1s).
    const r = run(
      'print i = extract("x=([0-9]+)", 1, "x=123;", typeof(int)), r = extract("Duration=([0-9.]+)", 1, "A;Duration=15.7;", typeof(real)) * time(1s), n = extract("y=([0-9]+)", 1, "x=1", typeof(long))',
    );
    assert.deepEqual(r.types, ['int', 'timespan', 'long']);
    assert.deepEqual(r.rows, [[123, 157_000_000, null]]);
  });
});
