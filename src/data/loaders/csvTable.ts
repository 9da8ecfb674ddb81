/**
 * CSV exports (a header row, then one record per row) read straight into typed columns: the header
 * and a sample for the table's columns, then one streaming pass over the bytes for the rows. A
 * record that does not fit (wrong field count, a value not of its column's type) is a warning with
 * file:line:column and is left out; the rest of the file still loads.
 */
import { isUtf8 } from 'node:buffer';
import { type ColumnAppender, KEPT, REJECT } from './columnAppenders';
import {
  type CsvRecordSink,
  CsvScanner,
  charColumn,
  fieldText,
  type SkipState,
  skipCsvRecord,
  UnterminatedQuoteError,
} from './csvScanner';
import { DataFileError } from './dataFileError';
import { type FileWarnings, readHead, readWindows, STOP } from './fileBytes';
import { recordLimit, tooLongReason } from './recordLimit';

const TIME_ZONE = /\s*\[(UTC|Local Time)\]$/i;

/** The portal's export appends the time zone to datetime headers: "TimeGenerated [UTC]". */
export function columnName(header: string): string {
  return header.replace(TIME_ZONE, '').trim();
}

/**
 * The columns a header names. A name given again (a spreadsheet's copied column) is renamed as Kusto
 * names a repeated column of a projection, Computer → Computer1, so the file still loads.
 */
export function headerNames(fields: readonly string[]): string[] {
  const names = fields.map(columnName);
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 1;
    while (taken.has(`${name}${k}`)) {
      k++;
    }
    taken.add(`${name}${k}`);
    return `${name}${k}`;
  });
}

/** Warnings for the header's repeated names, which headerNames renamed. */
function renamedColumns(fields: readonly string[], names: readonly string[]): string[] {
  return names.flatMap((name, k) =>
    name === columnName(fields[k]!) || name === ''
      ? []
      : [`column ${k + 1} of the header repeats the name ${columnName(fields[k]!)}: it is read as ${name}`],
  );
}

class Collect implements CsvRecordSink {
  readonly records: { fields: string[]; line: number }[] = [];
  constructor(private readonly limit: number) {}
  record(
    buf: Buffer,
    start: Int32Array,
    end: Int32Array,
    escaped: Uint8Array,
    fields: number,
    _recordStart: number,
    line: number,
  ): void {
    if (this.records.length < this.limit) {
      const out: string[] = new Array(fields);
      for (let k = 0; k < fields; k++) {
        out[k] = fieldText(buf, start[k]!, end[k]!, escaped[k]!);
      }
      this.records.push({ fields: out, line });
    }
  }
  bad(): void {
    // The full load reports it.
  }
}

function checkHeader(file: string, buf: Buffer, names: string[], line: number): void {
  names.forEach((name, i) => {
    if (name === '') {
      throw new DataFileError(file, line, 1, `column ${i + 1} of the header has no name`);
    }
  });
  if (!isUtf8(buf)) {
    // Reported per field during the load; the header itself must be readable.
    const bad = names.findIndex((n) => n.includes('\uFFFD'));
    if (bad >= 0) {
      throw new DataFileError(file, line, 1, `the header's column ${bad + 1} is not valid UTF-8`);
    }
  }
}

const SAMPLE_BYTES = 4 << 20;

/** The header's column names, up to `sampleRows` records' texts (for inferring the types of unknown columns), and which headers name a time zone. */
export function csvHead(
  file: string,
  sampleRows = 2000,
): { names: string[]; sample: string[][]; datetimes: boolean[] } {
  const { buf, whole } = readHead(file, SAMPLE_BYTES);
  const sink = new Collect(sampleRows + 1);
  const scanner = new CsvScanner();
  const from = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  try {
    scanner.scan(buf, from, buf.length, whole, sink);
  } catch (e) {
    if (!(e instanceof UnterminatedQuoteError) || sink.records.length === 0) {
      if (e instanceof UnterminatedQuoteError) {
        throw new DataFileError(file, e.line, charColumn(buf, e.offset), e.message);
      }
      throw e;
    }
  }
  const header = sink.records[0];
  if (!header && !whole) {
    // A header as long as the whole head: ten thousand columns take well under a megabyte.
    throw new DataFileError(
      file,
      1,
      1,
      `the header row does not end within the file's first ${SAMPLE_BYTES >> 20} MB, the most a header may hold: not a CSV export`,
    );
  }
  if (!header) {
    throw new DataFileError(file, 1, 1, 'the file is empty: expected a header row with the column names');
  }
  const names = headerNames(header.fields);
  checkHeader(file, buf.subarray(0, Math.min(buf.length, 65536)), names, header.line);
  // A ragged record (skipped by the load) would shift its values into other columns' types.
  const sample = sink.records.slice(1).filter((r) => r.fields.length === names.length);
  // The columns the portal marked as datetimes ("[UTC]"): the type when no value says one.
  const datetimes = header.fields.map((f) => TIME_ZONE.test(f));
  return { names, sample: sample.map((r) => r.fields), datetimes };
}

/**
 * A record's problem: `line` is the record's line (counted from the part of the file being read),
 * `rest` what follows "file:line:" in the warning.
 */
export type RecordWarn = (line: number, rest: string) => void;

/** Appends each record of the file to the table's columns (`columnOf[k]`: the table column of the file's field k). */
export class AppendRecords implements CsvRecordSink {
  rows = 0;
  headerSeen = false;
  constructor(
    private readonly file: string,
    private readonly appenders: readonly ColumnAppender[],
    private readonly names: readonly string[],
    private readonly warn: RecordWarn,
    private readonly inferredNote: (column: number, reason: string) => string,
  ) {}

  /** Table column of each field of the file, from its header; -1 for none. */
  private columnOf: Int32Array = new Int32Array(0);
  private missing: number[] = [];

  record(
    buf: Buffer,
    start: Int32Array,
    end: Int32Array,
    escaped: Uint8Array,
    fields: number,
    _recordStart: number,
    line: number,
  ): void {
    if (!this.headerSeen) {
      this.readHeader(buf, start, end, escaped, fields, line);
      return;
    }
    if (fields > 0 && end[fields - 1]! - _recordStart > this.limit) {
      // Held already (it ended inside a window), but not read: the limit is the same wherever it ends.
      this.tooLong(line);
      return;
    }
    const columnOf = this.columnOf;
    if (fields !== columnOf.length) {
      this.warn(
        line,
        `1: the record has ${fields} field${fields === 1 ? '' : 's'}; the header has ${columnOf.length} columns (record skipped)`,
      );
      return;
    }
    const appenders = this.appenders;
    for (let k = 0; k < fields; k++) {
      const j = columnOf[k]!;
      if (j < 0) {
        continue;
      }
      const a = appenders[j]!;
      const r = a.appendBytes(buf, start[k]!, end[k]!, escaped[k]!);
      if (r !== 0) {
        const column = charColumn(buf, start[k]!) + a.reasonOffset;
        a.reasonOffset = 0;
        if (r === REJECT) {
          for (let m = 0; m < k; m++) {
            if (columnOf[m]! >= 0) {
              appenders[columnOf[m]!]!.pop();
            }
          }
          this.warn(line, `${column}: ${this.names[j]}: ${a.reason}${this.inferredNote(j, a.reason)} (record skipped)`);
          return;
        }
        if (r === KEPT) {
          this.warn(line, `${column}: ${this.names[j]}: ${a.reason}`);
        }
      }
    }
    for (const j of this.missing) {
      appenders[j]!.appendNull();
    }
    this.rows++;
  }

  private readHeader(
    buf: Buffer,
    start: Int32Array,
    end: Int32Array,
    escaped: Uint8Array,
    fields: number,
    line: number,
  ): void {
    const texts: string[] = [];
    for (let k = 0; k < fields; k++) {
      texts.push(fieldText(buf, start[k]!, end[k]!, escaped[k]!));
    }
    const names = headerNames(texts);
    checkHeader(this.file, buf.subarray(start[0]!, end[fields - 1]!), names, line);
    for (const renamed of renamedColumns(texts, names)) {
      this.warn(line, `1: ${renamed}`);
    }
    this.useHeader(names);
  }

  /** The file's column names, read already (a part of the file after its header). */
  useHeader(names: readonly string[]): void {
    this.columnOf = Int32Array.from(names, (n) => this.names.indexOf(n));
    this.missing = this.names.map((_, j) => j).filter((j) => !names.includes(this.names[j]!));
    this.headerSeen = true;
  }

  bad(buf: Buffer, _recordStart: number, offset: number, line: number, reason: string): void {
    this.warn(line, `${charColumn(buf, offset)}: ${reason} (record skipped)`);
  }

  /** The record limit (recordLimit.ts) when the load began. */
  readonly limit = recordLimit();

  /** The record at `line` is past the record limit: left out. */
  tooLong(line: number): void {
    this.warn(line, `1: ${tooLongReason('the record')} (record skipped)`);
  }
}

/**
 * Scans the file's records from byte `start` into the sink, up to the first record that starts at or
 * after `stopAt`; returns the file offset where it stopped (the file's end when it read to it).
 * `expectedBytes`: how many bytes the appenders will hold the rows of in all (sizes them once).
 */
export function scanCsvRange(
  file: string,
  scanner: CsvScanner,
  sink: AppendRecords,
  appenders: readonly ColumnAppender[],
  start: number,
  stopAt: number,
  expectedBytes: number,
  onWindow: (bytesRead: number, rows: number) => void,
): number {
  let first = true;
  let read = 0;
  let end = start;
  let skip: { line: number; state: SkipState } | undefined;
  readWindows(
    file,
    (buf, from, to, final, at) => {
      let begin = from;
      const stop = stopAt - at;
      if (first) {
        first = false;
        if (at === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          begin = 3;
        }
        // Size the columns once from the first window's bytes per record.
        const rowsBefore = sink.rows;
        const consumed = scanner.scan(
          buf,
          begin,
          Math.min(to, begin + (1 << 20)),
          final && to - begin <= 1 << 20,
          sink,
          stop,
        );
        if (sink.rows > rowsBefore && consumed > begin) {
          const estimate = Math.ceil((expectedBytes / (consumed - begin)) * (sink.rows - rowsBefore) * 1.02) + 16;
          for (const a of appenders) {
            a.reserve(a.length + estimate);
          }
        }
        begin = consumed;
      }
      let used = skip ? begin : scanner.scan(buf, begin, to, final, sink, stop);
      // A record the window cannot end within the limit (or one being skipped): its bytes are dropped as
      // they come, up to its end, and the records after it are read.
      while (skip || (!final && used < stop && to - used > sink.limit)) {
        if (!skip) {
          sink.tooLong(scanner.line);
          skip = { line: scanner.line, state: { inQuote: false, lines: 0 } };
        }
        const past = skipCsvRecord(buf, used, to, skip.state);
        if (past < 0) {
          used = to;
          break;
        }
        scanner.line = skip.line + skip.state.lines + 1;
        skip = undefined;
        used = scanner.scan(buf, past, to, final, sink, stop);
      }
      onWindow(read, sink.rows);
      end = at + used;
      return used >= stop ? STOP : used;
    },
    (bytes) => {
      read += bytes;
    },
    start,
  );
  return end;
}

/**
 * Appends the rows of one CSV file to the table's columns (named `names`, in the table's order). A
 * file without some of the table's columns gets nulls there. Returns the rows appended. (A large
 * file is read by csvSplit.ts instead, split across threads.)
 */
export function appendCsvFile(
  file: string,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  onWindow: (bytesRead: number, rows: number) => void,
  expectedBytes: number,
): number {
  const scanner = new CsvScanner();
  const sink = new AppendRecords(
    file,
    appenders,
    names,
    (line, rest) => warnings.add(`${file}:${line}:${rest}`),
    inferredNote,
  );
  try {
    scanCsvRange(file, scanner, sink, appenders, 0, Infinity, expectedBytes, onWindow);
  } catch (e) {
    if (e instanceof UnterminatedQuoteError) {
      warnings.add(`${file}:${e.line}: ${e.message}; the rest of the file from that line is skipped`);
      return sink.rows;
    }
    throw e;
  }
  if (!sink.headerSeen) {
    throw new DataFileError(file, 1, 1, 'the file is empty: expected a header row with the column names');
  }
  return sink.rows;
}
