/**
 * The Kusto reference's examples as data: each names its page (data-explorer/kusto/query/<page>.md in
 * MicrosoftDocs/dataexplorer-docs), the query as the page gives it, and the output table it documents,
 * cells written as the page writes them (a null as ''). The tests run each and compare, so every example
 * once checked keeps being checked.
 */
import * as assert from 'node:assert/strict';
import { Database } from '../../src/engine';
import { valueToString } from '../../src/engine/valueText';
import { run } from './helpers';

export interface ReferenceExample {
  /** The page and the example's place on it. */
  readonly page: string;
  readonly query: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Where our output may differ from the page's text and still be what it documents: the reason. */
  readonly note?: string;
  /** The page lists the rows in no defined order (a join's, a union's): compare them as a set. */
  readonly unordered?: boolean;
}

/**
 * The result as the reference's tables show it: each cell's text, a null as ''. Over a database of no
 * tables, as the examples read only what they declare (a search reads every table).
 */
export function textRows(query: string): { columns: string[]; rows: string[][] } {
  const r = run(query, new Database([]));
  const types = r.result.tables[0]!.table.columns.map((c) => c.column.type);
  const rows = r.result.tables[0]!.table.rows().map((row) =>
    row.map((v, i) => (v === null || v === undefined ? '' : valueToString(v, types[i]!))),
  );
  return { columns: r.columns, rows };
}

export function assertExample(e: ReferenceExample): void {
  const got = textRows(e.query);
  assert.deepEqual(got.columns, e.columns, `${e.page}: columns`);
  const order = (rows: readonly (readonly string[])[]) =>
    e.unordered ? rows.map((r) => r.join('\u0001')).sort() : rows;
  assert.deepEqual(order(got.rows), order(e.rows), `${e.page}: rows`);
}
