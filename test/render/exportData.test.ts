import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable } from '../../src/results/queryResult';
import { csvField, toCsv, toJsonRecords, exportedTable } from '../../src/render/exportData';
import { cellText, expandedText, rowText } from '../../src/render/cellText';

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

  test('copies a row as tab-separated text with tabs and newlines flattened', () => {
    assert.equal(rowText(['a\tb', null, 3, 'x\r\ny']), 'a b\t\t3\tx y');
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
