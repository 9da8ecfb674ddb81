/**
 * The one-pass reader of a Log Analytics answer gives each cell exactly as the two-pass way does
 * (JSON.parse of the text with its long integers quoted, then cellFromRaw per cell), hands the SDK a
 * skeleton without rows, and refuses what is no query result: a row that does not fit its columns, a
 * body cut short, JSON it cannot take.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAnswer } from '../../../src/backends/logAnalytics/answerReader';
import { cellFromRaw, quoteLongNumbers } from '../../../src/backends/logAnalytics/exactCells';
import { wireColumnType, wireDatetime } from '../../../src/backends/logAnalytics/wireConversion';
import type { WireValue } from '../../../src/results/queryResult';

/** The cells as the reader replaces them: a whole parse of the quoted text, then cellFromRaw. */
function twoPass(body: string): WireValue[][][] {
  const parsed = JSON.parse(quoteLongNumbers(body)) as {
    tables: { columns: { type: string }[]; rows: unknown[][] }[];
  };
  return parsed.tables.map((t) => {
    const types = t.columns.map((c) => wireColumnType(c.type));
    return t.rows.map((row) => types.map((type, c) => cellFromRaw(row[c], type)));
  });
}

const COLUMNS = [
  ['Id', 'long'],
  ['Small', 'int'],
  ['Series', 'dynamic'],
  ['At', 'datetime'],
  ['Ratio', 'real'],
  ['Name', 'string'],
  ['Flag', 'bool'],
  ['Span', 'timespan'],
  ['Amount', 'decimal'],
  ['Odd', 'Int64'],
];

// Written as text: a JavaScript object could not hold 851673153924341805.
const ROWS = [
  '[851673153924341805,42,"[-1.0,1.0,3.0]","2026-11-23T10:00:00.1234567Z",12345678901234567890,"id 12345678901234567",true,"1.02:03:04","123456789012345678901.5",-9007199254740993]',
  '[-9223372036854775808,null,null,"2026-11-23T10:00:00Z",0.5,"",false,null,"1.5",1]',
  '[ 0 , -0 , "{\\"big\\":1234567890123456789,\\"r\\":42.0,\\"s\\":\\"a\\\\\\"b\\"}" , "2026-02-30T00:00:00Z" , 1e300 , "tab\\there \\u00e9\\ud83d\\ude00 \\/ \\\\" , null , "-00:00:01" , 7 , 9007199254740992 ]',
  '[1,2,"{\\"a\\":[1,2]}","2026-11-23T10:00:00.120Z",-2.5E-3,"x,1234567890123456789,y",null,"00:00:00",null,1234567890123456]',
  '[3,4,"not json",null,"NaN",null,null,"00:00:00",null,2]',
  '[5,6,[1,2.0,{"k":12345678901234567}],"2026-11-23T10:00:00.000Z",12,"x",true,"00:00:01",8,-1]',
  '[7,8,{"a":null},"2026-11-23T10:00:00.1Z",1.0,"x",false,"00:00:02",9,12345678901234567]',
];

function body(rows: string[] = ROWS, columns = COLUMNS): string {
  return `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(columns.map(([name, type]) => ({ name, type })))},"rows":[${rows.join(',\n')}]}]}`;
}

describe('reading a Log Analytics answer in one pass', () => {
  test('every cell is what the two-pass reading gives', () => {
    const text = body();
    const answer = readAnswer(text);
    assert.ok(answer);
    assert.deepEqual(answer.rows, twoPass(text));
    // The exact values the two-pass reading was made for are there.
    const first = answer.rows[0]![0]!;
    assert.equal(first[0], '851673153924341805');
    assert.equal(first[2], '[-1.0,1.0,3.0]');
    assert.equal(first[3], '2026-11-23T10:00:00.1234567Z');
    assert.equal(answer.rows[0]![2]![5], 'tab\there é😀 / \\');
    assert.equal(answer.rows[0]![2]![3], '2026-03-02T00:00:00Z', 'as the SDK reads a day past the month');
  });

  test('rows before their columns, several tables, whitespace and an empty table read the same', () => {
    const columns = JSON.stringify(COLUMNS.map(([name, type]) => ({ name, type })));
    const text = ` {\n "tables" : [ { "rows" : [ ${ROWS.join(' , ')} ] , "name" : "A" , "columns" : ${columns} } ,
      {"name":"B","columns":[{"name":"x","type":"string"}],"rows":[]},
      {"name":"C","columns":[],"rows":[[],[]]} ] , "render" : {"visualization":"table"} }\n`;
    const answer = readAnswer(text);
    assert.ok(answer);
    assert.deepEqual(answer.rows, twoPass(text));
    assert.deepEqual(answer.rows[2], [[], []]);
  });

  test('the skeleton keeps everything but the rows, for the SDK', () => {
    const text = `{"tables":[{"name":"PrimaryResult","columns":[{"name":"n","type":"long"}],"rows":[[1],[2]]}],"error":{"code":"PartialError","message":"too many rows","details":[{"code":"E_QUERY_RESULT_SET_TOO_LARGE"}]},"render":{"visualization":"timechart","xColumn":"n"},"statistics":{"query":{"executionTime":0.5,"resourceUsage":{"cache":{"memory":{"hits":12345678901234567}}}}}}`;
    const answer = readAnswer(text);
    assert.ok(answer);
    const skeleton = JSON.parse(answer.skeleton) as Record<string, unknown>;
    assert.deepEqual(skeleton.tables, [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'long' }], rows: [] }]);
    assert.deepEqual(skeleton.error, JSON.parse(text).error);
    assert.deepEqual(skeleton.render, { visualization: 'timechart', xColumn: 'n' });
    assert.equal(
      (skeleton as { statistics: { query: { resourceUsage: { cache: { memory: { hits: unknown } } } } } }).statistics
        .query.resourceUsage.cache.memory.hits,
      '12345678901234567',
    );
    assert.deepEqual(answer.rows, [[[1], [2]]]);
  });

  test('a row with too few or too many cells, or no array, says which row of which table', () => {
    assert.throws(
      () => readAnswer(body([ROWS[0]!, '[1,2,3]'])),
      /^Error: row 2 of table PrimaryResult has 3 cells for its 10 columns$/,
    );
    assert.throws(
      () => readAnswer(body([ROWS[0]!.replace(/]$/, ',1,[2],"x"]')])),
      /^Error: row 1 of table PrimaryResult has 13 cells for its 10 columns$/,
    );
    assert.throws(
      () => readAnswer(body(['{"a":1}'], [['x', 'long']])),
      /row 1 of table PrimaryResult has no array of cells for its 1 column$/,
    );
    // Rows before columns are checked as well.
    assert.throws(
      () => readAnswer('{"tables":[{"name":"T","rows":[[1,2]],"columns":[{"name":"x","type":"long"}]}]}'),
      /row 1 of table T has 2 cells for its 1 column$/,
    );
  });

  test('a body cut anywhere, or JSON of another shape, is left to the SDK (undefined), never half read', () => {
    const text = body();
    for (let cut = 0; cut < text.length; cut += 7) {
      assert.equal(readAnswer(text.slice(0, cut)), undefined, `cut at ${cut}`);
    }
    for (const bad of [
      '',
      'null',
      '[]',
      '{"tables":{}}',
      '{"tables":[{"name":"T"}]}',
      `${text} x`,
      text.replace('"rows":[', '"rows":[01,'),
      text.replace('\\u00e9', '\\u00g9'),
      text.replace('\\t', '\\q'),
      '<html>captive portal</html>',
      '{"tables":[],"tables":[{"name":"T","columns":[],"rows":[[]]}]}',
    ]) {
      assert.equal(readAnswer(bad), undefined, bad.slice(0, 60));
    }
    // Nested deeper than the stack allows: no crash, left to the SDK.
    const deep = `{"tables":[{"name":"T","columns":[{"name":"d","type":"dynamic"}],"rows":[[${'['.repeat(200_000)}${']'.repeat(200_000)}]]}]}`;
    assert.equal(readAnswer(deep), undefined);
  });

  test('a huge string cell is read whole', () => {
    const big = `${'a'.repeat(8_000_000)}\\"${'b'.repeat(1000)}`;
    const answer = readAnswer(body([`[1,2,null,null,null,"${big}",null,null,null,null]`]));
    assert.ok(answer);
    const cell = answer.rows[0]![0]![5] as string;
    assert.equal(cell.length, 8_000_000 + 1 + 1000);
    assert.equal(cell.slice(7_999_998, 8_000_003), 'aa"bb');
  });

  test('canonical datetimes skip the Date round trip with the same result', () => {
    const samples: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const month = String((i % 13) + 1).padStart(2, '0');
      const day = String((i % 31) + 1).padStart(2, '0');
      const hour = String(i % 25).padStart(2, '0');
      const minute = String((i * 7) % 61).padStart(2, '0');
      const frac = ['', '.000', '.5', '.120', '.1234567', '.999'][i % 6];
      samples.push(`${2000 + (i % 40)}-${month}-${day}T${hour}:${minute}:${minute}${frac}Z`);
    }
    for (const s of samples) {
      const slow = /\.\d{4,7}Z?$/.test(s) ? s : wireDatetime(new Date(s));
      assert.equal(cellFromRaw(s, 'datetime'), slow, s);
    }
  });
});
