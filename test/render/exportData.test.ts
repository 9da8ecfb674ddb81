import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cellText, expandedText } from '../../src/render/cellText';
import {
  csvField,
  csvPieces,
  EXPORT_ROWS_PER_CHUNK,
  exportedTable,
  jsonRecordPieces,
  toCsv,
  toJsonRecords,
} from '../../src/render/exportData';
import type { ResultTable } from '../../src/results/queryResult';

const table: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Bytes', type: 'long' },
    { name: 'Props', type: 'dynamic' },
    { name: 'When', type: 'datetime' },
    { name: 'Ok', type: 'bool' },
  ],
  rows: [
    ['web-01', 10, { a: 1, b: 'x,y' }, '2024-05-01T00:00:00Z', true],
    ['say "hi", then\r\nleave', null, null, null, false],
    ['', 0, [1, 2], '2024-05-01T01:00:00Z', null],
  ],
};

describe('CSV export (RFC 4180)', () => {
  test('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\ronly'), '"cr\ronly"');
  });

  test('writes a header, CRLF line ends, nulls as empty and dynamic values as JSON', () => {
    assert.equal(
      toCsv(table),
      [
        'Computer,Bytes,Props,When,Ok',
        'web-01,10,"{""a"":1,""b"":""x,y""}",2024-05-01T00:00:00Z,true',
        '"say ""hi"", then\r\nleave",,,,false',
        ',0,"[1,2]",2024-05-01T01:00:00Z,',
      ].join('\r\n') + '\r\n',
    );
  });

  test('an empty table is just the header', () => {
    assert.equal(toCsv({ ...table, rows: [] }), 'Computer,Bytes,Props,When,Ok\r\n');
  });
});

describe('JSON export', () => {
  test('writes records keyed by column name with wire values', () => {
    const parsed = JSON.parse(toJsonRecords(table)) as unknown[];
    assert.equal(parsed.length, 3);
    assert.deepEqual(parsed[0], {
      Computer: 'web-01',
      Bytes: 10,
      Props: { a: 1, b: 'x,y' },
      When: '2024-05-01T00:00:00Z',
      Ok: true,
    });
    assert.deepEqual(parsed[1], {
      Computer: 'say "hi", then\r\nleave',
      Bytes: null,
      Props: null,
      When: null,
      Ok: false,
    });
  });
});

describe('cell text', () => {
  test('is plain text: nulls empty, objects JSON, markup untouched', () => {
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
    assert.equal(cellText(false), 'false');
    assert.equal(cellText(1.5), '1.5');
    assert.equal(cellText({ k: [1] }), '{"k":[1]}');
    assert.equal(cellText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  });

  test('expands dynamic values and JSON strings as indented JSON', () => {
    assert.equal(expandedText({ a: [1] }), '{\n  "a": [\n    1\n  ]\n}');
    assert.equal(expandedText('{"x":1}'), '{\n  "x": 1\n}');
    assert.equal(expandedText('{not json'), '{not json');
    assert.equal(expandedText(null), 'null');
  });
});

describe('export of the rows shown', () => {
  const many = {
    name: 'PrimaryResult',
    columns: [
      { name: 'Computer', type: 'string' as const },
      { name: 'N', type: 'long' as const },
    ],
    rows: Array.from({ length: 29 }, (_, i) => [`${i % 5 === 0 ? 'onprem' : 'acme'}-${i}`, i]),
  };

  test('with the grid filter and sort: the matching rows in the grid order', () => {
    const shown = exportedTable(many, { filter: 'onprem', sort: { column: 1, descending: true } });
    assert.deepEqual(shown.rows, [
      ['onprem-25', 25],
      ['onprem-20', 20],
      ['onprem-15', 15],
      ['onprem-10', 10],
      ['onprem-5', 5],
      ['onprem-0', 0],
    ]);
    assert.equal(toCsv(shown).split('\r\n')[1], 'onprem-25,25');
  });

  test('without a view ("all rows"): every row in the result order', () => {
    assert.equal(exportedTable(many, undefined).rows.length, 29);
    assert.equal(exportedTable(many, { filter: '' }).rows[3]![0], 'acme-3');
  });
});

describe('exports in pieces (streamed to a file)', () => {
  const big: ResultTable = {
    name: 'PrimaryResult',
    columns: [
      { name: 'i', type: 'long' },
      { name: 'big', type: 'long' },
      { name: 's', type: 'string' },
    ],
    rows: Array.from({ length: 4501 }, (_, i) => [i, `85167315392434${String(i).padStart(4, '0')}`, `r${i}`]),
  };

  test('the CSV pieces joined are the whole CSV, each piece ending a line, rows counted as they go', () => {
    const pieces = [...csvPieces(big)];
    assert.deepEqual(
      pieces.map((p) => p.rowsDone),
      [0, EXPORT_ROWS_PER_CHUNK, 2 * EXPORT_ROWS_PER_CHUNK, 4501],
    );
    assert.ok(pieces.every((p) => p.text.endsWith('\r\n')));
    const text = pieces.map((p) => p.text).join('');
    assert.equal(text, toCsv(big));
    assert.equal(text.split('\r\n').length, 4503);
    assert.equal(text.split('\r\n')[4501], '4500,851673153924344500,r4500');
  });

  test('the JSON pieces joined are one array of every record, longs with every digit', () => {
    const text = [...jsonRecordPieces(big)].map((p) => p.text).join('');
    assert.equal(text, toJsonRecords(big));
    assert.ok(text.endsWith('\n]\n'));
    const parsed = JSON.parse(text) as { i: number }[];
    assert.equal(parsed.length, 4501);
    assert.equal(parsed[4500]!.i, 4500);
    assert.match(text, /"big": 851673153924344500,\n/);
    assert.equal([...jsonRecordPieces({ ...big, rows: [] })].map((p) => p.text).join(''), '[]\n');
  });

  test('a one-column row with an empty cell is "" (a blank line would be skipped by readers)', () => {
    const one: ResultTable = {
      name: 'T',
      columns: [{ name: 's', type: 'string' }],
      rows: [['a'], [''], [null], ['b']],
    };
    assert.equal(toCsv(one), 's\r\na\r\n""\r\n""\r\nb\r\n');
  });

  test('hostile cells: white space at an end, tabs, bidi controls and formulas survive a reader', () => {
    assert.equal(csvField(' padded '), '" padded "');
    assert.equal(csvField('a\tb'), 'a\tb');
    const hostile: ResultTable = {
      name: 'T',
      columns: [
        { name: 'name', type: 'string' },
        { name: 'n', type: 'long' },
      ],
      rows: [
        ['report\u202Efdp.exe', -2],
        ['=HYPERLINK("http://x","y, \nz")', 1],
      ],
    };
    assert.equal(toCsv(hostile), 'name,n\r\nreport\u202Efdp.exe,-2\r\n"\'=HYPERLINK(""http://x"",""y, \nz"")",1\r\n');
  });
});
