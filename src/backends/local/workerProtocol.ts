/** Messages between LocalBackend (extension host) and the engine worker, and errors across that boundary. */

import type { LoadProgress } from '../../data/loaders/fileBytes';
import { KqlError } from '../../kql/errors';
import type { Range } from '../../kql/positions';
import { validateStopPoint } from '../../protocol/stopPoint';
import { BackendError, type BackendErrorKind, QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import type { QueryResult, TimeRange } from '../../results/queryResult';
import type { StopPoint } from '../../results/stopPoint';
import type { TableSchema } from '../../schema/types';
import type { FunctionSchema } from '../../schema/workspaceSchema';
import type { DataSource } from './dataSource';
import type { ChunkLimits, ResultChunk } from './resultChunks';
import type { EngineTimeline } from './startupTrace';

export interface WorkerRunOptions {
  readonly timeRange?: TimeRange;
  readonly rowLimit?: number;
  /** Values of `declare query_parameters`, by name, as text. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly memoryLimitBytes?: number;
  readonly resultByteLimit?: number;
  readonly deadline: number;
  readonly timeoutMs: number;
  /** How a result larger than one chunk is split (default DEFAULT_CHUNK_LIMITS). */
  readonly chunkLimits?: ChunkLimits;
}

export type WorkerRequest =
  | { readonly type: 'load'; readonly source: DataSource }
  /**
   * `cancel` is a one-int SharedArrayBuffer: the worker is busy while it runs, so a message could not
   * reach it. Absent for an engine process (memory is not shared with it): a cancel ends that process.
   */
  | {
      readonly type: 'run';
      readonly id: number;
      readonly query: string;
      readonly options: WorkerRunOptions;
      readonly cancel?: SharedArrayBuffer;
    }
  /** The loaded tables' schemas (lazy tables are not built for it) and the files that failed. */
  | { readonly type: 'schema'; readonly id: number }
  /** The data folder's files changed: reload the tables whose files did, keep the others loaded. */
  | { readonly type: 'refresh' }
  /** Stored functions known from elsewhere (the editor's schema file), run beside the data's own. */
  | { readonly type: 'functions'; readonly functions: readonly FunctionSchema[] };

export type WorkerResponse =
  | { readonly type: 'started'; readonly id: number }
  /** A table the query reads is being loaded from files. */
  | { readonly type: 'progress'; readonly id: number; readonly progress: LoadProgress }
  | { readonly type: 'result'; readonly id: number; readonly result: QueryResult }
  /** A result larger than a chunk: its head (tables without rows), then its rows in chunks, then the end. */
  | { readonly type: 'resultHead'; readonly id: number; readonly result: QueryResult }
  | { readonly type: 'resultRows'; readonly id: number; readonly chunk: ResultChunk }
  | { readonly type: 'resultEnd'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError }
  /** After the engine's first answer: where its start-up and that query's time went (startupTrace.ts). */
  | { readonly type: 'startupTrace'; readonly id: number; readonly timeline: EngineTimeline }
  | {
      readonly type: 'schema';
      readonly id: number;
      readonly tables: readonly TableSchema[];
      /** The stored functions defined in the data folder's `.kql` files. */
      readonly functions: readonly FunctionSchema[];
      readonly warnings: readonly string[];
    };

/** The first message of an engine process: it started (Node accepted its snapshot) and listens. */
export const ENGINE_PROCESS_READY = 'engine-ready';

export type SerializedError =
  | {
      readonly kind: 'kql';
      readonly code: string;
      readonly message: string;
      readonly range: Range;
      readonly start: number;
      readonly end: number;
    }
  /** `stop`: what the run had finished and was doing (results/stopPoint.ts), checked on arrival. */
  | { readonly kind: 'cancelled'; readonly message: string; readonly stop?: StopPoint }
  | { readonly kind: 'timeout'; readonly timeoutMs: number; readonly stop?: StopPoint }
  | { readonly kind: 'backend'; readonly backendKind: BackendErrorKind; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string };

export function serializeError(e: unknown, timeoutMs: number): SerializedError {
  if (e instanceof KqlError) {
    return { kind: 'kql', code: e.code, message: e.message, range: e.range, start: e.start, end: e.end };
  }
  if (e instanceof QueryCancelledError) {
    return { kind: 'cancelled', message: e.message, ...(e.stop ? { stop: e.stop } : {}) };
  }
  if (e instanceof QueryTimeoutError) {
    return { kind: 'timeout', timeoutMs, ...(e.stop ? { stop: e.stop } : {}) };
  }
  if (e instanceof BackendError) {
    return { kind: 'backend', backendKind: e.kind, message: e.message };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export function deserializeError(s: SerializedError): Error {
  switch (s.kind) {
    case 'kql':
      return new KqlError(s.code, s.message, s.range, s.start, s.end);
    case 'cancelled':
      return new QueryCancelledError(s.message, validateStopPoint(s.stop));
    case 'timeout':
      return new QueryTimeoutError(s.timeoutMs, undefined, validateStopPoint(s.stop));
    case 'backend':
      return new BackendError(s.backendKind, s.message);
    case 'internal':
      return new BackendError('server', `The local engine failed: ${s.message}`);
  }
}
