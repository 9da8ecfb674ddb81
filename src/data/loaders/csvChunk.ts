/**
 * One part of a large CSV file, read by a worker thread (csvChunkWorker.ts) while other threads read
 * the other parts (csvSplit.ts): from a record boundary to the first record starting at or after the
 * next part's start, into typed columns the thread then hands over by transfer. Lines are counted
 * from the part's start; the thread that merges the parts adds the lines before it.
 */
import type { KqlType } from '../../engine/values';
import { type AppenderChunk, type ColumnAppender, columnAppender } from './columnAppenders';
import { CsvScanner, UnterminatedQuoteError } from './csvScanner';
import { AppendRecords, scanCsvRange } from './csvTable';
import { setRecordLimit } from './recordLimit';
import { SkippedColumn } from './skippedColumn';
import { inferredNoteOf } from './tableSource';

export interface CsvChunkJob {
  readonly file: string;
  /** The part's first byte (a record's start) and the offset the next part starts at. */
  readonly start: number;
  readonly stopAt: number;
  /** The bytes the part is expected to span (sizes its columns once). */
  readonly bytes: number;
  /** The file's header, its column names as the loader reads them. */
  readonly header: readonly string[];
  /** The table's columns, their types, and whether each is kept (else only checked). */
  readonly names: readonly string[];
  readonly types: readonly KqlType[];
  readonly keep: readonly boolean[];
  readonly inferred: readonly string[];
  /** The warnings a file shows in full (FileWarnings' limit); the rest are counted. */
  readonly warningLimit: number;
  /** The record limit in bytes (recordLimit.ts): a worker thread has its own copy of that module. */
  readonly recordLimit: number;
}

export interface ChunkWarning {
  /** Line within the part (1 = the part's first line). */
  readonly line: number;
  /** What follows "file:line:". */
  readonly rest: string;
}

export interface CsvChunkResult {
  readonly rows: number;
  /** The file offset where the part's last record ended (the next part must start there). */
  readonly end: number;
  /** Lines the part spans, to its end. */
  readonly lines: number;
  readonly chunks: readonly AppenderChunk[];
  readonly warnings: readonly ChunkWarning[];
  /** Warnings beyond the limit, counted only. */
  readonly moreWarnings: number;
  /** A quoted field never closed: the file's records end at this line of the part. */
  readonly unterminated?: ChunkWarning;
}

/** Progress shared with the merging thread: [bytes read, rows so far]. */
export const PROGRESS_BYTES = 0;
export const PROGRESS_ROWS = 1;

export function parseCsvChunk(job: CsvChunkJob, progress?: Float64Array): CsvChunkResult {
  setRecordLimit(job.recordLimit);
  const appenders: ColumnAppender[] = job.types.map((t, j) => (job.keep[j] ? columnAppender(t) : new SkippedColumn(t)));
  const warnings: ChunkWarning[] = [];
  let moreWarnings = 0;
  const sink = new AppendRecords(
    job.file,
    appenders,
    job.names,
    (line, rest) => {
      if (warnings.length < job.warningLimit) {
        warnings.push({ line, rest });
      } else {
        moreWarnings++;
      }
    },
    inferredNoteOf(job.names, job.inferred),
  );
  sink.useHeader(job.header);
  const scanner = new CsvScanner();
  let end: number;
  let unterminated: ChunkWarning | undefined;
  try {
    end = scanCsvRange(job.file, scanner, sink, appenders, job.start, job.stopAt, job.bytes, (read, rows) => {
      if (progress) {
        progress[PROGRESS_BYTES] = read;
        progress[PROGRESS_ROWS] = rows;
      }
    });
  } catch (e) {
    if (!(e instanceof UnterminatedQuoteError)) {
      throw e;
    }
    unterminated = { line: e.line, rest: ` ${e.message}; the rest of the file from that line is skipped` };
    end = Infinity;
  }
  return {
    rows: sink.rows,
    end,
    lines: scanner.line - 1,
    chunks: appenders.map((a) => a.takeChunk()),
    warnings,
    moreWarnings,
    unterminated,
  };
}
