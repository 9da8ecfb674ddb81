import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ColumnarCells, toColumnar } from '../../src/protocol/columnar';
import { copiedNote, rowsCopier, tsvField, tsvHeader, tsvLine } from '../../src/render/copyText';
import { rowCells } from '../../src/render/tableCells';
import type { ResultTable } from '../../src/results/queryResult';

const table: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Bytes', type: 'long' },
    { name: 'Props', type: 'dynamic' },
    { name: 'When', type: 'datetime' },
  ],
  rows: [
    ['web-01', 10, { a: 1 }, '2024-05-01T00:00:00.1234567Z'],
    ['tab\there', null, null, null],
    ['two\r\nlines', 0, [1, 2], '2024-05-01T01:00:00Z'],
    ['"quoted" start', 3, null, null],
  ],
};

describe('rows as tab-separated text for the clipboard', () => {
  test('quotes a field only where a spreadsheet would split it, doubling its quotes', () => {
    assert.equal(tsvField('plain, with "inner" quotes'), 'plain, with "inner" quotes');
    assert.equal(tsvField('a\tb'), '"a\tb"');
    assert.equal(tsvField('say "hi"\nbye'), '"say ""hi""\nbye"');
    assert.equal(tsvField('cr\ronly'), '"cr\ronly"');
    assert.equal(tsvField('"starts quoted'), '"""starts quoted"');
    assert.equal(tsvField(''), '');
  });

  test('a line holds the cells as the grid shows them: JSON for dynamic, exact datetimes, nulls empty', () => {
    const cells = rowCells(table);
    assert.equal(tsvHeader(cells), 'Computer\tBytes\tProps\tWhen');
    assert.equal(tsvLine(cells, 0), 'web-01\t10\t{"a":1}\t2024-05-01T00:00:00.1234567Z');
    assert.equal(tsvLine(cells, 1), '"tab\there"\t\t\t');
  });

  test('a long past 2^53 is copied exactly, as the grid shows it', () => {
    const big: ResultTable = {
      name: 't',
      columns: [{ name: 'Id', type: 'long' }],
      rows: [['9007199254740993'], [5]],
    };
    const cells = new ColumnarCells(toColumnar(big));
    assert.equal(tsvLine(cells, 0), cells.text(0, 0));
    assert.equal(tsvLine(cells, 0), '9007199254740993');
  });

  test('copies view rows first..last in view order, under a header line when asked', () => {
    const cells = rowCells(table);
    const view = [3, 2, 1, 0];
    const copy = rowsCopier(cells, view, 1, 2, true).next(100);
    assert.deepEqual(copy, {
      text: 'Computer\tBytes\tProps\tWhen\n"two\r\nlines"\t0\t[1,2]\t2024-05-01T01:00:00Z\n"tab\there"\t\t\t',
      rows: 2,
    });
    assert.deepEqual(rowsCopier(cells, view, 0, 0, false).next(1), {
      text: '"""quoted"" start"\t3\t\t',
      rows: 1,
    });
  });

  test('copies one column of the view rows under its name (Copy column)', () => {
    const cells = rowCells(table);
    const copy = rowsCopier(cells, [3, 2, 1, 0], 0, 3, true, undefined, [1]).next(100);
    assert.deepEqual(copy, { text: 'Bytes\n3\n0\n\n10', rows: 4 });
    assert.equal(tsvLine(cells, 2, [3, 0]), `2024-05-01T01:00:00Z\t"two\r\nlines"`);
  });

  test('builds a slice at a time and returns the copy only when it is whole', () => {
    const cells = rowCells(table);
    const copier = rowsCopier(cells, [0, 1, 2, 3], 0, 3, false);
    assert.equal(copier.next(2), undefined);
    assert.equal(copier.next(1), undefined);
    const copy = copier.next(5);
    assert.equal(copy?.rows, 4);
    assert.equal(copy?.text.split('\n')[0], tsvLine(cells, 0));
  });

  test('stops before the line that would pass the character bound, never cutting a line', () => {
    const cells = rowCells(table);
    const header = tsvHeader(cells);
    const line0 = tsvLine(cells, 0);
    const bound = header.length + 1 + line0.length + 3;
    const copy = rowsCopier(cells, [0, 1, 2, 3], 0, 3, true, bound).next(10);
    assert.deepEqual(copy, { text: `${header}\n${line0}`, rows: 1 });
  });

  test('the status note names what was copied, and a cut copy what it left out', () => {
    assert.equal(copiedNote({ what: 'cell' }), 'Copied the cell.');
    assert.equal(copiedNote({ what: 'spec' }), 'Copied the Vega-Lite spec.');
    assert.equal(copiedNote({ what: 'rows', rows: 3, headers: true }), 'Copied 3 rows with headers.');
    assert.equal(copiedNote({ what: 'rows', rows: 1 }), 'Copied 1 row.');
    assert.match(
      copiedNote({ what: 'rows', rows: 400_000, selectedRows: 450_000, headers: true }),
      /^Copied the first 400,000 rows with headers of the 450,000 selected: .*Export CSV saves them all\.$/,
    );
  });
});
