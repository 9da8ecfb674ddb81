/**
 * Reads a large answer (answerReader.ts) in a worker thread (answerWorker.ts), so the extension host's
 * event loop stays free while 500,000 rows are parsed and typed: read in the host, a 22 MB answer held
 * the loop for over half a second (bench/laAnswerRead.ts). The rows come back in batches, each taken in
 * its own short turn of the loop. Cancelling terminates the worker. A small answer, or a build without
 * the worker's script, is read here: starting a thread costs more than reading a few rows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { BackendError } from '../../results/errors';
import type { WireValue } from '../../results/queryResult';
import { ColumnDecoder } from './answerBatchColumns';
import { type Answer, RowShapeError, readAnswer } from './answerReader';
import type { BatchEncoding, FromAnswerWorker } from './answerWorkerProtocol';
import { segmentsText } from './bodyBytes';

/** Answers shorter than this (characters) are read on the calling thread: about 30 ms of reading. */
export const MIN_OFF_THREAD_CHARS = 1024 * 1024;

/** The built worker beside the bundle (dist/), or the source under tests; undefined when absent. */
function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'laAnswerWorker.js'), path.join(__dirname, 'answerWorker.ts')];
  return candidates.find((c) => fs.existsSync(c));
}

function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

/** An AbortSignal, or the HTTP pipeline's AbortSignalLike. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface OffThreadOptions {
  readonly signal?: CancelSignal;
  /** Read on this thread below this many characters (tests lower it to 0). */
  readonly minChars?: number;
  /**
   * Bytes given that the reader could not take as an answer: their text, for the SDK to report. (Text
   * given is the caller's already.)
   */
  readonly unreadable?: (text: string) => void;
  /** Called with the worker once started (tests: that cancelling ends it). */
  readonly onWorker?: (worker: WorkerThreads.Worker) => void;
  /** How the worker sends its batches (default by column; 'rows' is the way before, for the bench). */
  readonly encoding?: BatchEncoding;
}

let defaultEncoding: BatchEncoding = 'columns';
/** The encoding of reads that do not say one (bench/laAnswerRead.ts compares both through the backend). */
export function setDefaultBatchEncoding(encoding: BatchEncoding): void {
  defaultEncoding = encoding;
}

/**
 * As readAnswer: the answer, undefined when the text is not the answer's JSON, RowShapeError for a bad row.
 * `body` is the answer's text, or its bytes in segments (bodyBytes.ts) whose buffers are moved to the
 * worker: the host neither decodes nor copies them (the caller must not use them afterwards).
 */
export async function readAnswerOffThread(
  body: string | readonly Uint8Array[],
  options: OffThreadOptions = {},
): Promise<Answer | undefined> {
  const { signal } = options;
  if (signal?.aborted) {
    throw abortError();
  }
  const script = workerScript();
  if (script === undefined || (typeof body === 'string' && body.length < (options.minChars ?? MIN_OFF_THREAD_CHARS))) {
    const text = typeof body === 'string' ? body : segmentsText(body);
    const answer = readAnswer(text);
    if (answer === undefined && typeof body !== 'string') {
      options.unreadable?.(text);
    }
    return answer;
  }
  // Required when first used: the CLI's startup snapshot must not load worker_threads (csvSplit.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
  const ts = script.endsWith('.ts');
  const worker = new Worker(ts ? `require('tsx/cjs');require(${JSON.stringify(script)});` : script, {
    eval: ts,
    // Not the host's flags (inspector ports, snapshot blobs): the worker needs none.
    execArgv: [],
    workerData: { encoding: options.encoding ?? defaultEncoding },
  });
  options.onWorker?.(worker);
  const rows: WireValue[][][] = [];
  const decoders: ColumnDecoder[] = [];
  return new Promise<Answer | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) {
        return;
      }
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = (): void => finish(() => reject(abortError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: FromAnswerWorker) => {
      switch (m.kind) {
        case 'rows': {
          const into = (rows[m.table] ??= []);
          for (const row of m.rows) {
            nullPrototypes(row);
            into.push(row as WireValue[]);
          }
          // The next batch after a turn of the loop, not now (answerWorker.ts).
          setImmediate(() => settled || worker.postMessage('next'));
          return;
        }
        case 'columns': {
          (decoders[m.table] ??= new ColumnDecoder()).decode(
            m.columns,
            m.count,
            (rows[m.table] ??= []),
            nullPrototypes,
          );
          setImmediate(() => settled || worker.postMessage('next'));
          return;
        }
        case 'done':
          for (let t = 0; t < m.tables; t++) {
            rows[t] ??= [];
          }
          return finish(() => resolve({ skeleton: m.skeleton, rows }));
        case 'unreadable':
          if (m.text !== undefined) {
            options.unreadable?.(m.text);
          }
          return finish(() => resolve(undefined));
        case 'shape':
          return finish(() => reject(new RowShapeError(m.table, m.row, m.cells, m.columns)));
        case 'failed':
          return finish(() => reject(unreadableAnswer(m.message)));
      }
    });
    if (typeof body === 'string') {
      worker.postMessage(body);
    } else {
      // Moved, not copied: each segment is a view from the start of its own buffer (bodyBytes.ts).
      worker.postMessage(body, [...new Set(body.map((b) => b.buffer as ArrayBuffer))]);
    }
    worker.on('error', (e) => finish(() => reject(unreadableAnswer(e.message))));
    worker.on('exit', (code) => finish(() => reject(unreadableAnswer(`its reader stopped (exit code ${code})`))));
  });
}

/**
 * A dynamic value's objects as the reader makes them (jsonData.ts's newRecord: no prototype, so a key
 * such as "__proto__" or "toString" is only data); a message between threads gives them Object's.
 * Iterative: a value nested as deep as the reader's stack allowed must not overflow this one.
 */
function nullPrototypes(row: readonly unknown[]): void {
  const stack: unknown[] = [...row];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') {
      continue;
    }
    if (Array.isArray(v)) {
      for (const item of v) {
        stack.push(item);
      }
      continue;
    }
    Object.setPrototypeOf(v, null);
    for (const item of Object.values(v)) {
      stack.push(item);
    }
  }
}

/** The reader itself failed (out of memory on a hostile answer): said plainly, the host unharmed. */
function unreadableAnswer(why: string): BackendError {
  return new BackendError(
    'data',
    `The extension could not read Log Analytics' answer: ${why}. Narrow the query (fewer columns, a summarize, a take) and run it again.`,
  );
}
