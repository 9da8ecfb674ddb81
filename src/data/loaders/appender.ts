/** What every typed column builder of the loaders does (columnAppenders.ts, otherAppenders.ts). */
import type { Column } from '../../engine/column';
import type { Ticks } from '../../engine/ticks';
import type { DynamicValue, KqlType } from '../../engine/values';

export const OK = 0;
export const REJECT = 1;
export const KEPT = 2;
export type AppendResult = typeof OK | typeof REJECT | typeof KEPT;

/**
 * The values an appender holds, in a form another thread can send (typed arrays by transfer): a part
 * of a file loaded by a worker thread, appended in file order to the table's own appenders.
 */
export type AppenderChunk =
  | {
      readonly kind: 'number';
      readonly length: number;
      readonly values: Float64Array;
      readonly nulls?: Uint8Array;
      readonly exact?: BigInt64Array;
    }
  | { readonly kind: 'string'; readonly length: number; readonly codes: Int32Array; readonly dict: readonly string[] }
  | { readonly kind: 'bool'; readonly length: number; readonly values: Uint8Array; readonly nulls: Uint8Array }
  | {
      readonly kind: 'dynamic';
      readonly length: number;
      /** Each row's index into `values`, -1 for null: a value repeated over rows crosses once. */
      readonly codes: Int32Array;
      /** The distinct values, in their transfer form (dynamicCells.ts, forTransfer). */
      readonly values: readonly unknown[];
    }
  | { readonly kind: 'skipped'; readonly length: number };

/** The typed arrays' memory of a chunk, to transfer rather than copy. */
export function chunkBuffers(c: AppenderChunk): ArrayBuffer[] {
  const arrays =
    c.kind === 'number'
      ? [c.values, c.nulls, c.exact]
      : c.kind === 'string'
        ? [c.codes]
        : c.kind === 'bool'
          ? [c.values, c.nulls]
          : c.kind === 'dynamic'
            ? [c.codes]
            : [];
  return arrays.flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}

/** A chunk appended to an appender of another kind: the two threads disagree on the column's type. */
export function wrongChunk(expected: string, c: AppenderChunk): Error {
  return new Error(`a ${c.kind} chunk appended to a ${expected} column`);
}

export interface ColumnAppender {
  readonly type: KqlType;
  length: number;
  /** Why the last append returned REJECT or KEPT. */
  reason: string;
  /** Where in the field (0-based characters) the problem is, when it is not at the field's start. */
  reasonOffset: number;
  /** Rows expected in all: sizes the storage once instead of doubling it. */
  reserve(rows: number): void;
  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult;
  /** A value parsed from JSON (or a cell's text). */
  appendValue(v: unknown): AppendResult;
  appendNull(): void;
  /** A datetime or timespan already in the engine's ticks (Parquet timestamps); only number columns have it. */
  appendTicks?(ticks: Ticks): AppendResult;
  /** Drops the last value (its record was rejected by another column). */
  pop(): void;
  /** The values so far, to send to another thread (the appender is not used afterwards). */
  takeChunk(): AppenderChunk;
  /** Appends the values another appender of the same type took (`takeChunk`). */
  appendChunk(chunk: AppenderChunk): void;
  finish(): Column;
}
