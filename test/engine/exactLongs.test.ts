/**
 * Kusto's long is an exact signed 64-bit integer (the reference's scalar data types: long is
 * System.Int64), so values past 2^53 keep every digit, and arithmetic wraps at 2^63 as .NET's
 * unchecked long arithmetic does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Database, executeQuery } from '../../src/engine';
import { Int64 } from '../../src/engine/int64';
import type { Value } from '../../src/engine/values';
import { toWire } from '../../src/engine/wireValues';

function rows(query: string): Value[][] {
  return executeQuery(query, new Database([])).tables[0]!.table.rows();
}

/** The one row of a print, each value as its text (tostring semantics for longs). */
function printed(query: string): string[] {
  return rows(query)[0]!.map((v) => (v === null ? 'null' : String(v)));
}

describe('long values past 2^53', () => {
  test('a literal prints with every digit', () => {
    const [v] = rows('print 851673153924341805')[0]!;
    assert.ok(v instanceof Int64);
    assert.equal(String(v), '851673153924341805');
    assert.deepEqual(printed('print -851673153924341805, tostring(851673153924341805)'), [
      '-851673153924341805',
      '851673153924341805',
    ]);
  });
  test('hex literals up to 64 bits', () => {
    assert.deepEqual(printed('print 0x7fffffffffffffff, 0xffffffffffffffff'), ['9223372036854775807', '-1']);
  });
  test('arithmetic is exact and wraps at 2^63', () => {
    assert.deepEqual(
      printed(
        'print a = 851673153924341805 + 1, b = 9007199254740991 + 2, c = 9223372036854775807 + 1, d = 3037000500 * 3037000500, e = 851673153924341805 / 10, f = 851673153924341805 % 1000, g = -(-9223372036854775807 - 1)',
      ),
      [
        '851673153924341806',
        '9007199254740993',
        '-9223372036854775808',
        '-9223372036709301616',
        '85167315392434180',
        '805',
        '-9223372036854775808',
      ],
    );
  });
  test('comparison and equality tell neighbours apart', () => {
    assert.deepEqual(
      printed(
        'print 851673153924341805 == 851673153924341804, 851673153924341805 > 851673153924341804, 851673153924341805 != 851673153924341805',
      ),
      ['false', 'true', 'false'],
    );
  });
  test('tolong of text, of a real past the range, and of a datetime', () => {
    assert.deepEqual(
      printed(
        'print tolong("851673153924341805"), tolong(1e19), tolong(-1e19), tolong(datetime(2017-01-01 00:00:00.0000001))',
      ),
      // A real past the long range converts as .NET's unchecked conversion gives it on x64.
      ['851673153924341805', '-9223372036854775808', '-9223372036854775808', '636188256000000001'],
    );
    assert.equal(printed('print tostring(todatetime(636188256000000001))')[0], '2017-01-01T00:00:00.0000001Z');
  });
  test('max, min, sum, dcount and grouping of a long column past 2^53', () => {
    const q = 'range i from 1 to 3 step 1 | extend v = 851673153924341800 + i';
    assert.deepEqual(printed(`${q} | summarize max(v), min(v), sum(v), dcount(v), sumif(v, i > 1)`), [
      '851673153924341803',
      '851673153924341801',
      '2555019461773025406',
      '3',
      '1703346307848683605',
    ]);
    assert.deepEqual(
      rows(`${q} | summarize count() by v | order by v desc`).map((r) => String(r[0])),
      ['851673153924341803', '851673153924341802', '851673153924341801'],
    );
    assert.deepEqual(
      rows(`${q} | join kind=inner (print v = 851673153924341802) on v | project i`).map((r) => r[0]),
      [2],
    );
  });
  test('a sum past 2^63 wraps around as Kusto long sums do', () => {
    assert.deepEqual(printed('range i from 1 to 3 step 1 | extend v = 9223372036854775800 + i | summarize sum(v)'), [
      '9223372036854775790',
    ]);
    // Doubles alone would stop being exact here; the sum is redone exactly.
    assert.deepEqual(printed('range i from 1 to 4 step 1 | extend v = 4503599627370497 | summarize sum(v)'), [
      '18014398509481988',
    ]);
  });
  test('a stored long column whose values are each safe sums exactly past 2^53, per group', () => {
    // Each value is below 2^53 but their sum is not: the fold over the stored column must notice.
    const table =
      "datatable(g:string, v:long)['a', 4503599627370497, 'b', 2, 'a', 4503599627370497, 'b', long(null), 'a', 4503599627370497, 'b', 3]";
    assert.deepEqual(
      rows(`${table} | summarize sum(v) by g | order by g asc`).map((r) => r.map(String)),
      [
        ['a', '13510798882111491'],
        ['b', '5'],
      ],
    );
  });
  test('a computed long column whose values are each safe sums exactly past 2^53', () => {
    // The sum of two columns carries its range from the kernel that computed it; the fold must still
    // see that these rows' sum leaves 2^53, and redo it exactly.
    const table =
      "datatable(g:string, a:long, b:long)['a', 4503599627370496, 1, 'a', 4503599627370496, 1, 'b', 2, long(null), 'a', 1, 4503599627370496, 'b', 3, 4]";
    assert.deepEqual(
      rows(`${table} | extend v = a + b | summarize sum(v) by g | order by g asc`).map((r) => r.map(String)),
      [
        ['a', '13510798882111491'],
        ['b', '7'],
      ],
    );
    // Past 2^53 in a row: the product is exact, not the nearest double.
    assert.deepEqual(
      rows('datatable(a:long, b:long)[94906267, 94906267, 3, 5] | extend p = a * b | project p').map((r) =>
        String(r[0]),
      ),
      [String(94906267n * 94906267n), '15'],
    );
  });
  test('a number past the long range in dynamic is a real; within it, an exact long', () => {
    assert.deepEqual(
      printed(
        'print tostring(dynamic([12345678901234567890])), gettype(dynamic([12345678901234567890])[0]), tostring(dynamic([851673153924341805])), gettype(dynamic([851673153924341805])[0])',
      ),
      ['[1.2345678901234567E+19]', 'real', '[851673153924341805]', 'long'],
    );
    assert.deepEqual(
      printed(
        'print tostring(parse_json("{\\"id\\": 851673153924341805}")), tolong(parse_json("[851673153924341805]")[0])',
      ),
      ['{"id":851673153924341805}', '851673153924341805'],
    );
  });
  test('the wire carries a long past 2^53 as its digits, others as numbers', () => {
    assert.equal(toWire(new Int64(851673153924341805n), 'long'), '851673153924341805');
    assert.equal(toWire(42, 'long'), 42);
  });
});
