/**
 * Appends a Parquet file's rows to a table's columns, one row group at a time (hyparquet reads the
 * group's column chunks from disk, decompresses and decodes them; only one group's values are held
 * at once). hyparquet is asynchronous, so this is the one loader that returns a promise: Parquet
 * tables are loaded before the query that reads them runs (folder.ts `prepare`).
 *
 * A row group that cannot be read (corrupt pages, an unknown codec) is a warning naming the file and
 * the row group; the other groups still load. A value that does not fit its column leaves its row out
 * with a warning naming the file, row group and row, as the text formats name file:line:column.
 */

import type * as fsp from 'node:fs/promises';
import * as zlib from 'node:zlib';
import {
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
  type ParquetParsers,
  parquetRead,
  snappyUncompress,
} from 'hyparquet';
import { isTicks, ticksOf } from '../../engine/ticks';
import { DATETIME_BASE_MS, msFromTicks, TICKS_PER_MILLISECOND } from '../../engine/values';
import { type ColumnAppender, KEPT, OK, REJECT } from './appender';
import { DataFileError } from './dataFileError';
import type { FileWarnings } from './fileBytes';
import { nestedRealReaders } from './parquetNested';
import { type ParquetColumn, parquetColumns, parquetFooter } from './parquetSchema';
import { recordLimit, tooLongReason } from './recordLimit';
import { openRegularAsync } from './regularFile';

/**
 * A page's declared size past the record limit (recordLimit.ts) is refused before it is inflated: a page
 * is decoded whole, and a forged header could declare gigabytes (hyparquet allocates SNAPPY's output at
 * the declared size). The row group is then a warning, as any group that cannot be read.
 */
function limited(decode: (input: Uint8Array, outputLength: number) => Uint8Array) {
  return (input: Uint8Array, outputLength: number): Uint8Array => {
    if (outputLength > recordLimit()) {
      throw new Error(
        `${tooLongReason(`a page of ${outputLength.toLocaleString('en-US')} bytes (decompressed, as its header says)`)}`,
      );
    }
    return decode(input, outputLength);
  };
}

/**
 * Codecs hyparquet leaves to the caller, and SNAPPY, which it decodes itself, through the page limit.
 * ZSTD and LZ4 have no decoder in Node 20's zlib. An UNCOMPRESSED page is the file's own bytes.
 */
const COMPRESSORS: Compressors = {
  GZIP: limited(
    (input, outputLength) => new Uint8Array(zlib.gunzipSync(input, { maxOutputLength: Math.max(1, outputLength) })),
  ),
  BROTLI: limited(
    (input, outputLength) =>
      new Uint8Array(zlib.brotliDecompressSync(input, { maxOutputLength: Math.max(1, outputLength) })),
  ),
  SNAPPY: limited((input, outputLength) => {
    const page = new Uint8Array(outputLength);
    snappyUncompress(input, page);
    return page;
  }),
};

const BASE_MS = BigInt(DATETIME_BASE_MS);

/** a / b rounded down: a nanosecond count before the base still falls in the tick that holds it. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/**
 * Datetimes straight to the engine's ticks (see DATETIME_BASE_MS), computed on BigInts so they are
 * exact to the 100-ns tick: outside 1981–2038 the ticks pass 2^53 and are an Int64 (ticks.ts).
 */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => ticksOf((ms - BASE_MS) * 10_000n),
  timestampFromMicroseconds: (us: bigint) => ticksOf((us - BASE_MS * 1000n) * 10n),
  timestampFromNanoseconds: (ns: bigint) => ticksOf(floorDiv(ns - BASE_MS * 1_000_000n, 100n)),
  dateFromDays: (days: number) => ticksOf((BigInt(days) * 86_400_000n - BASE_MS) * 10_000n),
};

const TIME_TICKS = { MILLIS: TICKS_PER_MILLISECOND, MICROS: 10, NANOS: 0.01 } as const;

/** A decoded value as what its column's appender takes. */
function appendOne(
  a: ColumnAppender,
  c: ParquetColumn | undefined,
  v: unknown,
): ReturnType<ColumnAppender['appendValue']> {
  if (v === null || v === undefined) {
    a.appendNull();
    return OK;
  }
  if (!c) {
    return a.appendValue(v);
  }
  if (c.kind === 'timeOfDay') {
    v = Number(v) * TIME_TICKS[c.timeUnit ?? 'MILLIS'];
  }
  if (c.kind !== 'plain' && isTicks(v)) {
    if (a.appendTicks && (a.type === 'datetime' || a.type === 'timespan')) {
      return a.appendTicks(v);
    }
    // The catalogue wants another type than the file holds: go through the text form.
    return a.appendValue(c.kind === 'ticks' ? new Date(msFromTicks(Number(v))).toISOString() : Number(v));
  }
  if (typeof v === 'bigint') {
    return v >= -9007199254740992n && v <= 9007199254740992n ? a.appendValue(Number(v)) : a.appendValue(String(v));
  }
  if (v instanceof Uint8Array) {
    // Raw bytes that are not text (no STRING annotation and not UTF-8): shown as base64, as Kusto shows binary.
    return a.appendValue(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'));
  }
  return a.appendValue(v);
}

/** One row group's values, column by column, in the table's column order (undefined: the file lacks the column). */
/** The longest JavaScript array: a row group's values are read into one per column. */
const MAX_GROUP_ROWS = 2 ** 32 - 1;

async function readGroup(
  metadata: FileMetaData,
  buffer: AsyncBuffer,
  start: number,
  rows: number,
  wanted: readonly (string | undefined)[],
): Promise<(unknown[] | undefined)[]> {
  if (!Number.isSafeInteger(rows) || rows > MAX_GROUP_ROWS) {
    // Checked here: an array that long cannot be made, and the error would escape hyparquet's callback.
    throw new Error(
      `its footer says ${rows.toLocaleString('en-US')} rows, more than a row group can hold (a damaged or forged footer)`,
    );
  }
  const out: (unknown[] | undefined)[] = wanted.map(() => undefined);
  const index = new Map<string, number>();
  wanted.forEach((n, j) => n !== undefined && index.set(n, j));
  // Values each column gave: a footer may declare more rows than its pages hold (forged or damaged).
  const given = wanted.map(() => 0);
  await parquetRead({
    file: buffer,
    metadata,
    columns: [...index.keys()],
    rowStart: start,
    rowEnd: start + rows,
    compressors: COMPRESSORS,
    parsers: PARSERS,
    onChunk: ({ columnName, columnData, rowStart }) => {
      const j = index.get(columnName);
      if (j === undefined) {
        return;
      }
      given[j] = given[j]! + columnData.length;
      if (out[j] === undefined && rowStart === start && columnData.length === rows) {
        // The whole group in one chunk (the usual case): used as it is, not copied.
        out[j] = columnData as unknown[];
        return;
      }
      const values = (out[j] ??= new Array(rows));
      for (let i = 0; i < columnData.length; i++) {
        const r = rowStart + i - start;
        if (r >= 0 && r < rows) {
          values[r] = columnData[i];
        }
      }
    },
  });
  const short = [...index].find(([, j]) => given[j]! < rows);
  if (short) {
    throw new Error(
      `its footer says ${rows.toLocaleString('en-US')} rows, but column ${short[0]} holds ${given[short[1]]!.toLocaleString('en-US')} values (a damaged or forged footer)`,
    );
  }
  return out;
}

/** After each row group: groups done, groups in all, rows appended from the file so far. */
export type ParquetProgress = (groupsDone: number, groups: number, rows: number) => void;

/**
 * Appends the file's rows to `appenders` (named `names`); columns the file lacks are null. Returns
 * the rows appended. `onGroup` is called after each row group (progress; it may throw to cancel).
 */
export async function appendParquetFile(
  file: string,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  onGroup?: ParquetProgress,
): Promise<number> {
  const metadata = parquetFooter(file);
  const fileColumns = new Map(parquetColumns(metadata).map((c) => [c.name, c]));
  const present = names.filter((n) => fileColumns.has(n));
  if (present.length === 0) {
    throw new DataFileError(
      file,
      1,
      1,
      `none of the table's columns (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) are in the file`,
    );
  }
  const handle = await openRegularAsync(file);
  try {
    const { size } = await handle.stat();
    return await appendGroups(
      file,
      metadata,
      fileBuffer(handle, size),
      fileColumns,
      names,
      appenders,
      warnings,
      inferredNote,
      onGroup,
    );
  } finally {
    await handle.close();
  }
}

/** The file as hyparquet reads it: byte ranges (a row group's column chunks) read when asked for, so only one group is in memory. */
function fileBuffer(handle: fsp.FileHandle, byteLength: number): AsyncBuffer {
  return {
    byteLength,
    slice: async (start: number, end = byteLength) => {
      const out = new Uint8Array(Math.max(0, end - start));
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) {
          throw new Error(
            `the file ends at byte ${start + done}, before the ${end - start} bytes its metadata points to`,
          );
        }
        done += bytesRead;
      }
      return out.buffer;
    },
  };
}

async function appendGroups(
  file: string,
  metadata: FileMetaData,
  buffer: AsyncBuffer,
  fileColumns: ReadonlyMap<string, ParquetColumn>,
  names: readonly string[],
  appenders: readonly ColumnAppender[],
  warnings: FileWarnings,
  inferredNote: (column: number, reason: string) => string,
  onGroup?: ParquetProgress,
): Promise<number> {
  const columns = names.map((n) => fileColumns.get(n));
  const realReaders = nestedRealReaders(metadata);
  const readers = names.map((n) => realReaders.get(n));
  // Room for the rows the footer declares, but no more rows than the file has bytes: a forged count
  // (2^29 rows in a 1 KB file) must not allocate gigabytes before a row group is read.
  const declared = Math.min(Number(metadata.num_rows), buffer.byteLength);
  for (const a of appenders) {
    a.reserve(a.length + declared);
  }
  let appended = 0;
  let groupStart = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const groupRows = Number(group.num_rows);
    const where = `${file}: row group ${g + 1} of ${metadata.row_groups.length} (rows ${groupStart + 1}–${groupStart + groupRows})`;
    let values;
    try {
      values = await readGroup(
        metadata,
        buffer,
        groupStart,
        groupRows,
        names.map((n) => (fileColumns.has(n) ? n : undefined)),
      );
    } catch (e) {
      warnings.add(`${where}: left out, it cannot be read: ${(e as Error).message}`);
      groupStart += groupRows;
      onGroup?.(g + 1, metadata.row_groups.length, appended);
      continue;
    }
    for (let r = 0; r < groupRows; r++) {
      let j = 0;
      for (; j < appenders.length; j++) {
        const a = appenders[j]!;
        const col = values[j];
        // A column the file lacks is null (appendOne's first case).
        const v = col ? col[r] : null;
        const read = readers[j];
        const result = appendOne(a, columns[j]!, read && v !== null && v !== undefined ? read(v) : v);
        if (result === REJECT) {
          warnings.add(
            `${file}: row group ${g + 1}, row ${groupStart + r + 1}, column ${names[j]}: ${a.reason}${inferredNote(j, a.reason)}; the row is left out`,
          );
          for (let m = 0; m < j; m++) {
            appenders[m]!.pop();
          }
          break;
        }
        if (result === KEPT) {
          warnings.add(`${file}: row group ${g + 1}, row ${groupStart + r + 1}, column ${names[j]}: ${a.reason}`);
        }
      }
      if (j === appenders.length) {
        appended++;
      }
    }
    groupStart += groupRows;
    onGroup?.(g + 1, metadata.row_groups.length, appended);
  }
  return appended;
}
