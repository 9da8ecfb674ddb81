/** What every typed column builder of the loaders does (columnAppenders.ts, otherAppenders.ts). */
import type { Column } from '../../engine/column';
import type { KqlType } from '../../engine/values';

export const OK = 0;
export const REJECT = 1;
export const KEPT = 2;
export type AppendResult = typeof OK | typeof REJECT | typeof KEPT;

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
  appendTicks?(ticks: number): AppendResult;
  /** Drops the last value (its record was rejected by another column). */
  pop(): void;
  finish(): Column;
}
