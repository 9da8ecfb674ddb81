/**
 * A query result as a notebook cell's output: the payload the renderer draws, and the row counts its
 * plain-text summary and the cell's status bar show. A result of several tables (fork, facet, a batch
 * of statements) keeps every table, named as the results panel names them.
 */
import { PARTIAL_ANSWER_NOTE, PARTIAL_MARK } from '../render/runSummary';
import type { QueryResult } from '../results/queryResult';
import { type NotebookResultPayload, rowsReturnedOf, rowsText } from './notebookFile';

/**
 * The output's payload; one table's is as it always was (no per-table counts). `backend`: the label of
 * the backend that answered, kept with the result so a reopened notebook still names it.
 */
export function resultPayload(result: QueryResult, backend?: string): NotebookResultPayload {
  const counts = result.tables.map((t) => t.rows.length);
  const payload: NotebookResultPayload =
    counts.length > 1
      ? { result, rowsReturned: counts[0]!, tableRowsReturned: counts }
      : { result, rowsReturned: counts[0] ?? 0 };
  return backend === undefined ? payload : { ...payload, backend };
}

/**
 * "12 rows" for one table; "Destinations: 12 rows, Machines: 3 rows" for several; "(partial)" after a
 * partial answer's, as the results panel and the status bar say it.
 */
export function tablesRowsText(result: QueryResult): string {
  const { tables } = result;
  const rows =
    tables.length > 1
      ? tables.map((t) => `${t.name}: ${rowsText(t.rows.length)}`).join(', ')
      : rowsText(tables[0]?.rows.length ?? 0);
  return `${rows}${result.stats.partial ? PARTIAL_MARK : ''}`;
}

/** The cell's status bar: "12 rows", or "12 + 3 rows in 2 tables"; "(partial)" after a partial answer's. */
export function cellRowsText(counts: readonly number[], partial = false): string {
  const mark = partial ? PARTIAL_MARK : '';
  if (counts.length < 2) {
    return `${rowsText(counts[0] ?? 0)}${mark}`;
  }
  // "rows" after a sum of counts, even when it comes to 1: "1 + 0 rows".
  return `${counts.map((n) => n.toLocaleString('en-US')).join(' + ')} rows in ${counts.length} tables${mark}`;
}

/**
 * The status line over table `index` of a cell's output: "30,000 rows (partial) · 812 ms · partial
 * answer: …", as the results panel's status line marks a partial answer (the service's note is below).
 */
export function outputStatusText(payload: NotebookResultPayload, index: number): string {
  const { result } = payload;
  const count = result.tables.length;
  const partial = result.stats.partial === true;
  return [
    `${rowsText(rowsReturnedOf(payload, index))}${partial ? PARTIAL_MARK : ''}`,
    `${Math.round(result.stats.durationMs)} ms`,
    ...(count > 1 ? [`table ${index + 1} of ${count}`] : []),
    ...(partial ? [PARTIAL_ANSWER_NOTE] : []),
  ].join(' · ');
}
