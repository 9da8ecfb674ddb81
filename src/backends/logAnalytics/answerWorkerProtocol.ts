/** The messages of the answer worker (answerWorker.ts) to the extension host (answerOffThread.ts). */
import type { WireValue } from '../../results/queryResult';
import type { BatchColumn } from './answerBatchColumns';

/**
 * Rows per message. The host deserializes each message in one turn of its event loop: 5,000 rows of a
 * dozen columns take it a few milliseconds (bench/laAnswerRead.ts), so a command or a keystroke
 * waits no longer than that while a large answer arrives.
 */
export const ANSWER_BATCH_ROWS = 5000;

/** How the worker sends its batches (workerData): by column, or as row arrays (before; the bench). */
export type BatchEncoding = 'columns' | 'rows';

export type FromAnswerWorker =
  /** Rows of table `table`, following the ones sent before (as row arrays: the bench's before). */
  | { readonly kind: 'rows'; readonly table: number; readonly rows: readonly (readonly WireValue[])[] }
  /** `count` rows of table `table` by column (answerBatchColumns.ts), following the ones sent before. */
  | {
      readonly kind: 'columns';
      readonly table: number;
      readonly count: number;
      readonly columns: readonly BatchColumn[];
    }
  /** Every row sent: the answer's skeleton and how many tables it has. */
  | { readonly kind: 'done'; readonly skeleton: string; readonly tables: number }
  /** Not JSON of the answer's shape: the SDK's own parse reports it (`text`: when it was sent as bytes). */
  | { readonly kind: 'unreadable'; readonly text?: string }
  /** A row that does not match its columns (RowShapeError's fields). */
  | {
      readonly kind: 'shape';
      readonly table: string;
      readonly row: number;
      readonly cells: number | undefined;
      readonly columns: number;
    }
  | { readonly kind: 'failed'; readonly message: string };
