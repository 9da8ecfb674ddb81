/**
 * Dynamic values reach the results grid and exports as Kusto prints them: a whole-number real keeps
 * its `.0` (`series_ceiling(dynamic([-1.5,1,2.5]))` is `[-1.0,1.0,3.0]` in the reference) and a long
 * past 2^53 inside a dynamic value keeps every digit. Plain JSON values can hold neither, so such a
 * value crosses as its exact JSON text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatCsv, formatJson } from '../../src/cli/formatTable';
import { Database, executeQuery } from '../../src/engine';
import { toWire } from '../../src/engine/wireValues';
import { ColumnarCells, toColumnar } from '../../src/protocol/columnar';
import { toCsv, toJsonRecords } from '../../src/render/exportData';
import type { ResultTable } from '../../src/results/queryResult';
import { type CellElement, renderCell } from '../../webview/results/cell';

/** A query's result as the local backend sends it: every value in its wire form. */
function wired(query: string): ResultTable {
  const t = executeQuery(query, new Database([])).tables[0]!.table;
  const columns = t.columns.map((c) => ({ name: c.name, type: c.column.type }));
  return { name: 'PrimaryResult', columns, rows: t.rows().map((r) => r.map((v, i) => toWire(v, columns[i]!.type))) };
}

const QUERY =
  'print s = series_ceiling(dynamic([-1.5,1,2.5])), b = dynamic({"big": 1234567890123456789, "r": 42.0}), p = dynamic([1, 2.5]), n = dynamic(1234567890123456789)';

describe('exact dynamic values in the grid and exports', () => {
  test('the grid shows whole-number reals with .0 and big longs with every digit', () => {
    const cells = new ColumnarCells(toColumnar(wired(QUERY)));
    const shown = [0, 1, 2, 3].map((c) => {
      const cell: CellElement = { textContent: null, title: '', className: '' };
      renderCell(cell, cells.value(0, c), cells.text(0, c), 'dynamic', false);
      return cell.textContent;
    });
    assert.deepEqual(shown, [
      '[-1.0,1.0,3.0]',
      '{"big":1234567890123456789,"r":42.0}',
      '[1,2.5]',
      '1234567890123456789',
    ]);
  });
  test('JSON exports and kql --json write the exact JSON as JSON, not as a string', () => {
    const table = wired(QUERY);
    const records = toJsonRecords(table);
    assert.match(records, /"s": \[-1\.0,1\.0,3\.0\],/);
    assert.match(records, /"b": \{"big":1234567890123456789,"r":42\.0\},/);
    assert.match(records, /"n": 1234567890123456789\n/);
    // The plain value is still written as JSON.stringify writes it.
    assert.match(records, /"p": \[\n\s+1,\n\s+2\.5\n\s+\],/);
    assert.match(
      formatJson([table]),
      /"rows":\[\[\[-1\.0,1\.0,3\.0\],\{"big":1234567890123456789,"r":42\.0\},\[1,2\.5\],1234567890123456789\]\]/,
    );
  });
  test('CSV exports and the CLI write the exact text', () => {
    const table = wired(QUERY);
    assert.match(
      toCsv(table),
      /\r\n"\[-1\.0,1\.0,3\.0\]","\{""big"":1234567890123456789,""r"":42\.0\}","\[1,2\.5\]",1234567890123456789\r\n$/,
    );
    assert.match(formatCsv(table), /"\[-1\.0,1\.0,3\.0\]"/);
  });
  test('a dynamic string is still a string in JSON exports', () => {
    const table = wired('print d = dynamic("abc"), e = dynamic("1.5x")');
    assert.match(toJsonRecords(table), /"d": "abc",\n\s+"e": "1\.5x"/);
  });
  test('a dynamic string that reads like JSON text stays a string', () => {
    // parse_json of a JSON string gives a dynamic string; its text must not turn into an array, a
    // bag or a number on the way to the export.
    const table = wired(
      'print a = parse_json(\'"[1,2]"\'), b = parse_json(\'"{}"\'), c = parse_json(\'"1.5"\'), d = parse_json(\'"12345678901234567"\'), e = parse_json(\'"\\\\"q\\\\""\')',
    );
    assert.match(formatJson([table]), /"rows":\[\["\[1,2\]","\{\}","1\.5","12345678901234567","\\"q\\""\]\]/);
    const records = toJsonRecords(table);
    assert.match(
      records,
      /"a": "\[1,2\]",\n\s+"b": "\{\}",\n\s+"c": "1\.5",\n\s+"d": "12345678901234567",\n\s+"e": "\\"q\\""/,
    );
  });
});
