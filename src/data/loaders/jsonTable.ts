/**
 * JSON exports into typed columns: an array of records (the portal's "Export to JSON"), the REST
 * API's response `{"tables":[{"columns","rows"}]}`, and JSON Lines (one record per line, as Log
 * Analytics' data export rules write `PT1H.json` blobs). A record that does not fit is a warning with
 * file:line:column and is left out; a syntax error is reported where it is, not at the file's end.
 */
import { isUtf8 } from 'node:buffer';
import type { KqlType } from '../../engine/values';
import { restColumnType } from './cells';
import { type ColumnAppender, KEPT, REJECT } from './columnAppenders';
import { DataFileError, lineColumnAt } from './dataFileError';
import { checkJsonRecords } from './jsonRecordLimit';
import { needsExactRead, plainCell, readExactly } from './exactJson';
import { type FileWarnings, readContent, readHead, readWindows } from './fileBytes';
import { scanJson } from './jsonScan';
import type { LateColumns } from './lateColumns';
import { recordLimit, tooLongReason } from './recordLimit';
import { primaryIndex } from './restParts';

export interface JsonColumn {
  readonly name: string;
  readonly restType?: KqlType;
}

/** A file's columns and a sample of its rows' values (for inferring the types of unknown columns). */
export interface JsonHead {
  readonly columns: readonly JsonColumn[];
  readonly sample: readonly (readonly unknown[])[];
}

function text(file: string): string {
  checkJsonRecords(file);
  // A cut-off .gz file's document is cut too: the JSON parser says where it ends.
  const bytes = readContent(file).plain;
  const s = bytes.toString('utf8');
  if (s.includes('\uFFFD') && !isUtf8(bytes)) {
    let bad = 0;
    while (isUtf8(bytes.subarray(0, bad + 1))) {
      bad++;
    }
    const at = lineColumnAt(s, bytes.toString('utf8', 0, bad).length);
    throw new DataFileError(file, at.line, at.column, 'the file is not valid UTF-8 here');
  }
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function parseDocument(file: string, source: string): unknown {
  try {
    return JSON.parse(source);
  } catch (e) {
    const found = scanJson(source).error;
    const at = lineColumnAt(source, found?.offset ?? source.length);
    const reason = found?.reason ?? (e as Error).message;
    throw new DataFileError(file, at.line, at.column, `invalid JSON: ${reason}`);
  }
}

const isRecord = (r: unknown): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r);

interface Shape {
  readonly columns: JsonColumn[];
  readonly rows: readonly unknown[];
  /** Path of the rows' array, for positions. */
  readonly path: (string | number)[];
  /** Row → values in column order; undefined when the row is not of the shape. */
  readonly values: (row: unknown) => unknown[] | string;
}

/** The records of `doc`; for a REST response, of its table at position `part` (else its primary one). */
function shapeOf(file: string, doc: unknown, part?: number): Shape {
  if (Array.isArray(doc)) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const r of doc) {
      if (isRecord(r)) {
        for (const k of Object.keys(r)) {
          if (!seen.has(k)) {
            seen.add(k);
            names.push(k);
          }
        }
      }
    }
    return {
      columns: names.map((name) => ({ name })),
      rows: doc,
      path: [],
      values: (r) =>
        isRecord(r) ? names.map((n) => (Object.hasOwn(r, n) ? r[n] : null)) : 'the record is not an object',
    };
  }
  const tables = isRecord(doc) ? doc.tables : undefined;
  if (!Array.isArray(tables)) {
    throw new DataFileError(file, 1, 1, 'expected an array of records or a Log Analytics response ({"tables": [...]})');
  }
  const index = part ?? primaryIndex(tables);
  const table = tables[index];
  if (!isRecord(table)) {
    throw new DataFileError(file, 1, 1, index === 0 ? 'the response has no tables' : `tables[${index}] is not a table`);
  }
  if (!Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    throw new DataFileError(file, 1, 1, `tables[${index}] needs "columns" and "rows" arrays`);
  }
  const columns = (table.columns as unknown[]).map((c, i) => {
    const col = isRecord(c) ? c : {};
    const name = col.name ?? col.ColumnName;
    if (typeof name !== 'string' || name === '') {
      throw new DataFileError(file, 1, 1, `column ${i + 1} of tables[${index}] has no name`);
    }
    return { name, restType: restColumnType(col.type ?? col.ColumnType ?? col.DataType) };
  });
  const n = columns.length;
  return {
    columns,
    rows: table.rows as unknown[],
    path: ['tables', index, 'rows'],
    values: (r) =>
      Array.isArray(r) && r.length === n
        ? r
        : `the row has ${Array.isArray(r) ? r.length : 'no'} values; the table has ${n} columns`,
  };
}

/** The columns and first rows of a JSON file (of its REST table at position `part`, else its primary one). */
export function jsonHead(file: string, part?: number, sampleRows = 2000): JsonHead {
  const shape = shapeOf(file, parseDocument(file, text(file)), part);
  const sample: unknown[][] = [];
  for (const r of shape.rows) {
    if (sample.length >= sampleRows) {
      break;
    }
    const v = shape.values(r);
    if (typeof v !== 'string') {
      sample.push(v);
    }
  }
  return { columns: shape.columns, sample };
}

/** Appends one record's values (in the file's column order) to the table's columns; false when it was left out. */
function appendRow(
  values: readonly unknown[],
  columnOf: Int32Array,
  missing: readonly number[],
  appenders: readonly ColumnAppender[],
  problem: (j: number, reason: string, skipped: boolean) => void,
  exact = false,
): boolean {
  for (let k = 0; k < values.length; k++) {
    const j = columnOf[k]!;
    if (j < 0) {
      continue;
    }
    const a = appenders[j]!;
    const r = a.appendValue(exact && a.type !== 'dynamic' ? plainCell(values[k]) : values[k]);
    if (r === REJECT) {
      for (let m = 0; m < k; m++) {
        if (columnOf[m]! >= 0) {
          appenders[columnOf[m]!]!.pop();
        }
      }
      problem(j, a.reason, true);
      return false;
    }
    if (r === KEPT) {
      problem(j, a.reason, false);
    }
  }
  for (const j of missing) {
    appenders[j]!.appendNull();
  }
  return true;
}

function mapping(
  fileColumns: readonly string[],
  names: readonly string[],
): { columnOf: Int32Array; missing: number[] } {
  return {
    columnOf: Int32Array.from(fileColumns, (n) => names.indexOf(n)),
    missing: names.map((_, j) => j).filter((j) => !fileColumns.includes(names[j]!)),
  };
}

/** Appends the rows of a JSON (records or REST response) file; returns the rows appended and notes. */
export function appendJsonFile(
  file: string,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  part?: number,
): number {
  const source = text(file);
  const parsed = parseDocument(file, source);
  const exact = needsExactRead(
    source,
    appenders.map((a) => a.type),
  );
  const shape = shapeOf(file, exact ? readExactly(source, parsed) : parsed, part);
  const { columnOf, missing } = mapping(
    shape.columns.map((c) => c.name),
    names,
  );
  let offsets: number[] | undefined;
  const where = (i: number) => {
    offsets ??= scanJson(source, shape.path).offsets;
    const at = lineColumnAt(source, offsets[i] ?? 0);
    return `${file}:${at.line}:${at.column}`;
  };
  let rows = 0;
  shape.rows.forEach((r, i) => {
    const values = shape.values(r);
    if (typeof values === 'string') {
      warnings.add(`${where(i)}: ${values} (record skipped)`);
      return;
    }
    const ok = appendRow(
      values,
      columnOf,
      missing,
      appenders,
      (j, reason, skipped) =>
        warnings.add(
          `${where(i)}: ${names[j]}: ${reason}${skipped ? `${inferredNote(j, reason)} (record skipped)` : ''}`,
        ),
      exact,
    );
    rows += ok ? 1 : 0;
  });
  return rows;
}

const LF = 10;

/**
 * Each non-empty line of `buf[from, to)` as text with its line number; returns where the unfinished last
 * line starts. A line longer than `limit` bytes goes to `tooLong` instead, never made a string.
 */
function eachLine(
  buf: Buffer,
  from: number,
  to: number,
  final: boolean,
  firstLine: number,
  onLine: (line: string, lineNo: number, bytes: Buffer) => void,
  limit = Number.POSITIVE_INFINITY,
  tooLong?: (lineNo: number) => void,
): { used: number; lines: number } {
  let start = from;
  let lineNo = firstLine;
  for (;;) {
    let end = buf.indexOf(LF, start);
    if (end < 0 || end >= to) {
      if (!final) {
        return { used: start, lines: lineNo - firstLine };
      }
      end = to;
    }
    let stop = end;
    if (stop > start && buf[stop - 1] === 13) {
      stop--;
    }
    if (stop - start > limit) {
      tooLong?.(lineNo);
    } else if (stop > start) {
      const bytes = buf.subarray(start, stop);
      onLine(bytes.toString('utf8'), lineNo, bytes);
    }
    lineNo++;
    start = end + 1;
    if (start >= to) {
      return { used: to, lines: lineNo - firstLine };
    }
  }
}

/** The types a late column may turn out to be that JSON.parse can read inexactly. */
const LATE_COLUMN_TYPES: readonly KqlType[] = ['long', 'dynamic'];

/** A line without the byte order mark a file's first line may start with. */
function withoutBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

function lineProblem(
  file: string,
  line: string,
  lineNo: number,
  bytes: Buffer,
  exactFor?: readonly KqlType[],
): { record?: Record<string, unknown>; warning?: string; exact?: boolean } {
  if (line.includes('\uFFFD') && !isUtf8(bytes)) {
    let bad = 0;
    while (isUtf8(bytes.subarray(0, bad + 1))) {
      bad++;
    }
    return {
      warning: `${file}:${lineNo}:${bytes.toString('utf8', 0, bad).length + 1}: the line is not valid UTF-8 (record skipped)`,
    };
  }
  let record: unknown;
  const json = withoutBom(line);
  try {
    record = JSON.parse(json);
  } catch (e) {
    const found = scanJson(line).error;
    return {
      warning: `${file}:${lineNo}:${(found?.offset ?? line.length) + 1}: invalid JSON: ${found?.reason ?? (e as Error).message} (record skipped)`,
    };
  }
  if (!isRecord(record)) {
    return { warning: `${file}:${lineNo}:1: the line is not a JSON object (record skipped)` };
  }
  if (exactFor && needsExactRead(json, exactFor)) {
    return { record: readExactly(json, record) as Record<string, unknown>, exact: true };
  }
  return { record };
}

/**
 * The keys of the first `sampleRows` records (within the first `headBytes`) of a JSON Lines file, in order
 * of first appearance, and their values.
 */
export function jsonlHead(file: string, sampleRows = 2000, headBytes = 4 << 20): JsonHead {
  const { buf, whole } = readHead(file, headBytes);
  const names: string[] = [];
  const seen = new Set<string>();
  const records: Record<string, unknown>[] = [];
  eachLine(buf, 0, buf.length, whole, 1, (line, lineNo, bytes) => {
    if (records.length >= sampleRows) {
      return;
    }
    const { record } = lineProblem(file, line, lineNo, bytes);
    if (record) {
      records.push(record);
      for (const k of Object.keys(record)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
  });
  if (records.length === 0 && !whole && buf.indexOf(10) < 0) {
    throw new DataFileError(
      file,
      1,
      1,
      `the first record does not end within the file's first ${headBytes >> 20} MB: the columns are read from the records at the head of the file, so a first record longer than that is not read`,
    );
  }
  if (records.length === 0) {
    throw new DataFileError(file, 1, 1, 'no JSON record in the first lines of the file');
  }
  return {
    columns: names.map((name) => ({ name })),
    sample: records.map((r) => names.map((n) => (Object.hasOwn(r, n) ? r[n] : null))),
  };
}

/**
 * Appends the records of a JSON Lines file. A key that is not a column of the table becomes a `late`
 * column when `late` takes it; else it is reported once, its values left out.
 */
export function appendJsonlFile(
  file: string,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  onWindow: (bytesRead: number, rows: number) => void,
  late?: LateColumns,
): number {
  const known = new Set(names);
  const reportedKeys = new Set<string>();
  const values: unknown[] = new Array(names.length);
  const columnOf = Int32Array.from(names, (_, j) => j);
  const types = appenders.map((a) => a.type);
  let rows = 0;
  let line = 1;
  let read = 0;
  const limit = recordLimit();
  const tooLong = (lineNo: number) =>
    warnings.add(`${file}:${lineNo}:1: ${tooLongReason('the line')} (record skipped)`);
  // Inside a line past the limit: its bytes are dropped as they come, up to its end, never held whole.
  let skipping = false;
  readWindows(
    file,
    (buf, from, to, final) => {
      let begin = from;
      if (skipping) {
        const lf = buf.indexOf(LF, from);
        if (lf < 0 || lf >= to) {
          onWindow(read, rows);
          return to;
        }
        begin = lf + 1;
        line++;
        skipping = false;
      }
      const r = eachLine(
        buf,
        begin,
        to,
        final,
        line,
        (text, lineNo, bytes) => {
          const read = lineProblem(file, text, lineNo, bytes, types);
          let { record, exact } = read;
          if (!record) {
            warnings.add(read.warning!);
            return;
          }
          let lateKeys = false;
          for (const k in record) {
            if (known.has(k) || reportedKeys.has(k)) {
              continue;
            }
            if (late?.adds(k, `${file}:${lineNo}`)) {
              lateKeys ||= late.keeps(k);
            } else {
              reportedKeys.add(k);
              warnings.add(
                `${file}:${lineNo}: key ${JSON.stringify(k)} is not a column of the table (its columns come from the first records of each file); its values are left out`,
              );
            }
          }
          // A late column's type is known only when the load ends: the values kept are read as exactly as a
          // long or dynamic column's (a long past 2^53 keeps its digits), for the records that need it.
          if (lateKeys && !exact && needsExactRead(text, LATE_COLUMN_TYPES)) {
            record = readExactly(withoutBom(text), record) as Record<string, unknown>;
            exact = true;
          }
          for (let j = 0; j < names.length; j++) {
            values[j] = Object.hasOwn(record, names[j]!) ? record[names[j]!] : null;
          }
          const ok = appendRow(
            values,
            columnOf,
            [],
            appenders,
            (j, reason, skipped) =>
              warnings.add(
                `${file}:${lineNo}: ${names[j]}: ${reason}${skipped ? `${inferredNote(j, reason)} (record skipped)` : ''}`,
              ),
            exact,
          );
          if (ok) {
            rows++;
            late?.kept(record);
          }
        },
        limit,
        tooLong,
      );
      line += r.lines;
      onWindow(read, rows);
      if (!final && to - r.used > limit) {
        tooLong(line);
        skipping = true;
        return to;
      }
      return r.used;
    },
    (bytes) => {
      read += bytes;
    },
  );
  return rows;
}
