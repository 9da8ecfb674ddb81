/** CSV exported from Log Analytics (a header row, then one record per row) → a raw table. */
import { parse } from 'csv-parse/sync';
import { DataFileError } from './dataFileError';
import type { RawTable } from './rawTable';

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  index?: number;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The portal's export appends the time zone to datetime headers: "TimeGenerated [UTC]". */
function columnName(header: string): string {
  return header.replace(/\s*\[(UTC|Local Time)\]$/i, '').trim();
}

export function readCsv(file: string, text: string): RawTable {
  let records: CsvRecord[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_quotes: false }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as CsvParseError;
    const reason = (err.message ?? String(e)).replace(/^[A-Z][A-Za-z ]+: /, '').replace(/ on line \d+$/, '');
    throw new DataFileError(file, err.lines ?? 1, (err.index ?? 0) + 1, reason);
  }
  if (records.length === 0) {
    throw new DataFileError(file, 1, 1, 'the file is empty: expected a header row with the column names');
  }
  const header = records[0]!.record.map(columnName);
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') {
      throw new DataFileError(file, records[0]!.info.lines, i + 1, `column ${i + 1} of the header has no name`);
    }
    if (seen.has(name)) {
      throw new DataFileError(file, records[0]!.info.lines, i + 1, `the header names column ${name} twice`);
    }
    seen.add(name);
  });
  const body = records.slice(1);
  return {
    columns: header.map((name) => ({ name })),
    rows: body.map((r) => r.record),
    position: (row, column) => ({ line: body[row]?.info.lines ?? 1, column: column + 1 }),
    notes: [],
  };
}
