/**
 * The embedded default backend: the local KQL engine in a worker thread over the sample workspace or a
 * folder of exported files. Cancellation reaches the busy worker through a shared flag; a worker that
 * does not stop within a grace period (or overruns its time limit) is terminated and replaced, and the
 * queries queued behind it are re-sent to the new one. The worker's V8 heap is capped (resourceLimits)
 * a little above the engine's own memory budget, so a query the budget misjudges ends that worker
 * alone: its query fails with "the local engine stopped", the next query starts a new worker.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MEMORY_LIMIT_BYTES } from '../../engine';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import { DEFAULT_ROW_LIMIT, type QueryResult } from '../../results/queryResult';
import type { FunctionSchema, WorkspaceSchema } from '../../schema/workspaceSchema';
import type { QueryBackend, RunOptions } from '../queryBackend';
import { type DataSource, dataSourceLabel, describeLoadProgress } from './dataSource';
import type { EngineChannel } from './engineProcess';
import { type ChunkLimits, ResultAssembly } from './resultChunks';
import { DEFAULT_RESULT_BYTE_LIMIT } from './resultSize';
import type { StartupTrace } from './startupTrace';
import { RunJournal } from './runStop';
import { deserializeError, type WorkerRequest, type WorkerResponse } from './workerProtocol';

export interface LocalBackendOptions {
  readonly source: DataSource;
  /** dist/engineWorker.js in the extension; the .ts source under tsx in tests. */
  readonly workerScript: string;
  /** Environment variables added to the worker thread's (the library's code cache: src/kql/libraryCodeCache.ts). */
  readonly workerEnv?: Readonly<Record<string, string>>;
  readonly rowLimit?: number;
  readonly timeoutMs?: number;
  /** Bytes one query may grow in the engine (default 1 GB); the worker's heap is capped from it. */
  readonly memoryLimitBytes?: number;
  /** Bytes of rows sent back per result table (default 64 MB). */
  readonly resultByteLimit?: number;
  /** The worker's V8 heap cap in MB; default workerHeapMb(memoryLimitBytes). */
  readonly heapLimitMb?: number;
  /** Told when a worker dies (out of memory, a crash) and will be replaced at the next query. */
  readonly onWorkerLost?: (why: string) => void;
  /** How long a cancelled or overdue query may take to stop before its worker is terminated. */
  readonly stopGraceMs?: number;
  /** How results larger than one chunk are split for the trip from the worker (default 50,000 rows / 4 MB). */
  readonly chunkLimits?: ChunkLimits;
  /**
   * The engine in a process started from its startup snapshot (engineProcess.ts), given the heap cap;
   * undefined (no snapshot yet, or none here) starts a worker thread.
   */
  readonly startEngine?: (heapMb: number) => EngineChannel | undefined;
  /** Told once, after the first query's answer: where the engine's start-up and that query's time went. */
  readonly onStartupTrace?: (trace: StartupTrace) => void;
  /**
   * The starts nobody waits on yet (warmUp(), the schema) wait for this; a query starts the engine at
   * once. The extension holds them while the language server deserialises its own snapshot (startupOrder.ts).
   */
  readonly eagerStartAfter?: Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The worker's heap cap: the loaded tables, the query's own budget and headroom for what the budget
 * does not count (parsing, intermediate columns). At least 4 GB, so the sample workspace at
 * benchmark scale and big exported folders still load.
 */
export function workerHeapMb(memoryLimitBytes: number): number {
  return Math.max(4096, Math.ceil((memoryLimitBytes * 3) / (1024 * 1024)));
}

interface PendingRun {
  readonly request: Extract<WorkerRequest, { type: 'run' }>;
  readonly flag: Int32Array;
  readonly resolve: (r: QueryResult) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: (message: string) => void;
  started: boolean;
  /** What the run reported it did: where it stopped, when its worker has to be ended without saying. */
  readonly journal: RunJournal;
  /** The rows of a result streamed in chunks, as they arrive. */
  assembly?: ResultAssembly;
  timers: NodeJS.Timeout[];
  cleanup: () => void;
}

export class LocalBackend implements QueryBackend {
  readonly id = 'local' as const;
  readonly label: string;
  private worker: EngineChannel | undefined;
  private readonly pending = new Map<number, PendingRun>();
  private readonly schemaWaiters = new Map<
    number,
    { resolve: (s: WorkspaceSchema) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private disposed = false;
  private givenFunctions: readonly FunctionSchema[] = [];
  /** Times a worker was replaced: for tests and the log. */
  restarts = 0;
  /** Chunks the last streamed result came in (0 when it came whole): for tests. */
  lastResultChunks = 0;
  /** The backend's instants for the start-up trace: engine asked for, first query handed over and answered. */
  private readonly traceTimes: { requestedAt?: number; runAt?: number; receivedAt?: number; firstId?: number } = {};
  private traced = false;

  constructor(private readonly options: LocalBackendOptions) {
    this.label = dataSourceLabel(options.source);
  }

  run(query: string, options: RunOptions = {}): Promise<QueryResult> {
    if (this.disposed) {
      return Promise.reject(new BackendError('config', 'The local engine was shut down.'));
    }
    if (options.signal?.aborted) {
      return Promise.reject(new QueryCancelledError());
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const id = this.nextId++;
    if (this.traceTimes.firstId === undefined) {
      this.traceTimes.firstId = id;
      this.traceTimes.runAt = Date.now();
    }
    const cancel = new SharedArrayBuffer(4);
    const request: PendingRun['request'] = {
      type: 'run',
      id,
      query,
      cancel,
      options: {
        timeRange: options.timeRange,
        rowLimit: options.rowLimit ?? this.options.rowLimit ?? DEFAULT_ROW_LIMIT,
        ...(options.parameters ? { parameters: options.parameters } : {}),
        memoryLimitBytes: this.options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
        resultByteLimit: this.options.resultByteLimit ?? DEFAULT_RESULT_BYTE_LIMIT,
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        ...(this.options.chunkLimits ? { chunkLimits: this.options.chunkLimits } : {}),
      },
    };
    // A process sees no shared flag: a cancelled run there can only be stopped, at once.
    const grace = () => (this.worker?.sharesMemory === false ? 0 : (this.options.stopGraceMs ?? 1000));
    const script = this.options.workerScript;
    return new Promise<QueryResult>((resolve, reject) => {
      const run: PendingRun = {
        request,
        flag: new Int32Array(cancel),
        resolve,
        reject,
        onProgress: options.onProgress,
        started: false,
        journal: new RunJournal(),
        timers: [],
        cleanup: () => undefined,
      };
      const onAbort = () => {
        Atomics.store(run.flag, 0, 1);
        if (!run.started) {
          // Still queued: the worker will skip it at once when it gets there.
          this.settle(id, new QueryCancelledError());
          return;
        }
        run.timers.push(setTimeout(() => this.stopStuck(id, new QueryCancelledError()), grace()));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      run.cleanup = () => options.signal?.removeEventListener('abort', onAbort);
      run.timers.push(
        setTimeout(() => {
          if (run.started) {
            this.stopStuck(id, new QueryTimeoutError(timeoutMs));
          } else {
            Atomics.store(run.flag, 0, 1);
            this.settle(id, new QueryTimeoutError(timeoutMs));
          }
        }, timeoutMs + grace()),
      );
      this.pending.set(id, run);
      try {
        this.ensureWorker().postMessage(request);
      } catch (e) {
        this.settle(
          id,
          new BackendError('config', `Cannot start the local engine (${script}): ${(e as Error).message}`),
        );
      }
    });
  }

  /** The loaded tables' real columns (extra ones included), catalogue descriptions where names match. */
  schema(signal?: AbortSignal): Promise<WorkspaceSchema> {
    if (this.disposed) {
      return Promise.reject(new BackendError('config', 'The local engine was shut down.'));
    }
    const id = this.nextId++;
    return new Promise<WorkspaceSchema>((resolve, reject) => {
      const onAbort = (): void => {
        this.schemaWaiters.delete(id);
        reject(new QueryCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.schemaWaiters.set(id, {
        resolve: (s) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(s);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      this.afterEagerHold(() => {
        // Cancelled or shut down while held: the waiter has already been settled.
        if (!this.schemaWaiters.has(id)) return;
        try {
          const worker = this.ensureWorker();
          // Held like a running query, so a caller awaiting only the schema is not left behind by an idle process.
          worker.ref();
          worker.postMessage({ type: 'schema', id } satisfies WorkerRequest);
        } catch (e) {
          this.schemaWaiters.delete(id);
          reject(new BackendError('config', `Cannot start the local engine: ${(e as Error).message}`));
        }
      });
    });
  }

  /** Runs `start` at once when the engine runs or nothing holds it, else once `eagerStartAfter` settles. */
  private afterEagerHold(start: () => void): void {
    const hold = this.options.eagerStartAfter;
    if (this.worker || !hold) {
      start();
      return;
    }
    void hold.then(start, start);
  }

  /** A data folder's changed files reload in the worker, by table; other tables stay loaded. */
  reloadFiles(): boolean {
    if (this.disposed || this.options.source.kind !== 'folder' || !this.worker) {
      return false;
    }
    this.worker.postMessage({ type: 'refresh' } satisfies WorkerRequest);
    return true;
  }

  /** Stored functions from the editor's schema file: the worker runs calls of them (a new worker is told too). */
  useStoredFunctions(functions: readonly FunctionSchema[]): void {
    this.givenFunctions = [...functions];
    this.worker?.postMessage({ type: 'functions', functions: this.givenFunctions } satisfies WorkerRequest);
  }

  /** Starts the worker and loads the data ahead of the first query (e.g. when the extension activates). */
  warmUp(): void {
    this.afterEagerHold(() => {
      if (this.disposed) return;
      try {
        this.ensureWorker();
      } catch {
        // run() reports the same failure when a query is actually run.
      }
    });
  }

  dispose(reason = 'The local engine was shut down.'): void {
    this.disposed = true;
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new QueryCancelledError(reason));
    }
    for (const waiter of this.schemaWaiters.values()) waiter.reject(new QueryCancelledError(reason));
    this.schemaWaiters.clear();
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private ensureWorker(): EngineChannel {
    if (this.worker) {
      return this.worker;
    }
    const heapMb =
      this.options.heapLimitMb ?? workerHeapMb(this.options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES);
    this.traceTimes.requestedAt ??= Date.now();
    const fromSnapshot = this.options.startEngine?.(heapMb);
    if (fromSnapshot) return this.attach(fromSnapshot);
    const file = path.resolve(this.options.workerScript);
    // Workers ignore the parent's loader hooks: a TypeScript worker (tests under tsx) registers tsx itself.
    const worker = new Worker(file.endsWith('.ts') ? `require('tsx/cjs');require(${JSON.stringify(file)});` : file, {
      eval: file.endsWith('.ts'),
      ...(this.options.workerEnv ? { env: { ...process.env, ...this.options.workerEnv } } : {}),
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    return this.attach(worker);
  }

  private attach(worker: EngineChannel): EngineChannel {
    worker.unref();
    worker.on('message', (m: WorkerResponse) => this.onMessage(m));
    worker.on('error', (e) => this.onWorkerGone(worker, e.message));
    worker.on('exit', (code, signal) =>
      this.onWorkerGone(worker, signal ? `its process was killed by ${signal}` : `it exited with code ${code}`),
    );
    worker.postMessage({ type: 'load', source: this.options.source } satisfies WorkerRequest);
    if (this.givenFunctions.length > 0) {
      worker.postMessage({ type: 'functions', functions: this.givenFunctions } satisfies WorkerRequest);
    }
    this.worker = worker;
    return worker;
  }

  private onMessage(m: WorkerResponse): void {
    if (m.type === 'startupTrace') {
      this.forwardTrace(m.timeline);
      return;
    }
    const waiter = this.schemaWaiters.get(m.id);
    if (waiter) {
      this.schemaWaiters.delete(m.id);
      if (this.schemaWaiters.size === 0 && ![...this.pending.values()].some((r) => r.started)) {
        this.worker?.unref();
      }
      if (m.type === 'schema') {
        const source = this.options.source;
        waiter.resolve({
          source: {
            kind: source.kind === 'sample' ? 'sample' : 'folder',
            label: this.label,
            fetchedAt: new Date().toISOString(),
            ...(m.warnings.length ? { note: m.warnings.join('\n') } : {}),
          },
          tables: m.tables,
          functions: m.functions,
        });
      } else if (m.type === 'error') {
        waiter.reject(deserializeError(m.error));
      }
      return;
    }
    const run = this.pending.get(m.id);
    if (!run) {
      return;
    }
    if (m.type === 'started') {
      run.started = true;
      this.worker?.ref();
    } else if (m.type === 'progress') {
      run.journal.noteLoad(m.progress);
      run.onProgress?.(describeLoadProgress(m.progress));
    } else if (m.type === 'result') {
      this.settle(m.id, m.result);
    } else if (m.type === 'resultHead') {
      run.assembly = new ResultAssembly(m.result);
    } else if (m.type === 'resultRows') {
      const rows = run.assembly?.add(m.chunk);
      run.onProgress?.(`Receiving the result: ${(rows ?? 0).toLocaleString('en-US')} rows`);
    } else if (m.type === 'resultEnd') {
      this.lastResultChunks = run.assembly?.chunks ?? 0;
      this.settle(
        m.id,
        run.assembly
          ? run.assembly.finish()
          : new BackendError('server', 'The local engine ended a result it had not begun.'),
      );
    } else if (m.type === 'error') {
      this.settle(m.id, deserializeError(m.error));
    }
  }

  /** The engine's side of the start-up trace, with the backend's own instants; only the first engine's. */
  private forwardTrace(timeline: Extract<WorkerResponse, { type: 'startupTrace' }>['timeline']): void {
    const { requestedAt, runAt, receivedAt } = this.traceTimes;
    if (this.traced || requestedAt === undefined || runAt === undefined || receivedAt === undefined) return;
    this.traced = true;
    this.options.onStartupTrace?.({ ...timeline, requestedAt, runAt, receivedAt });
  }

  private settle(id: number, outcome: QueryResult | Error): void {
    const run = this.pending.get(id);
    if (!run) {
      return;
    }
    if (id === this.traceTimes.firstId) this.traceTimes.receivedAt = Date.now();
    this.pending.delete(id);
    run.timers.forEach(clearTimeout);
    run.cleanup();
    if (outcome instanceof Error) {
      run.reject(outcome);
    } else {
      run.resolve(outcome);
    }
    if (this.schemaWaiters.size === 0 && ![...this.pending.values()].some((r) => r.started)) {
      this.worker?.unref();
    }
  }

  /** The running query did not stop in time: replace the worker and re-send the queries queued behind it. */
  private stopStuck(id: number, error: Error): void {
    if (!this.pending.has(id)) {
      return;
    }
    const old = this.worker;
    this.worker = undefined;
    this.restarts++;
    void old?.terminate();
    this.settle(id, this.pending.get(id)!.journal.stopOf(error));
    for (const run of this.pending.values()) {
      run.started = false;
      this.ensureWorker().postMessage(run.request);
    }
  }

  /**
   * The worker died on its own (out of memory, a crash): the query it was running fails, the ones
   * queued behind it go to a new worker, and the owner hears of it (for the log).
   */
  private onWorkerGone(worker: EngineChannel, why: string): void {
    if (worker !== this.worker) {
      return;
    }
    this.worker = undefined;
    this.restarts++;
    const queued: PendingRun[] = [];
    for (const [id, run] of [...this.pending]) {
      if (run.started) {
        this.settle(
          id,
          new BackendError(
            'server',
            `The local engine stopped while running this query (${why}); a new engine has started: run the query again.`,
          ),
        );
      } else {
        queued.push(run);
      }
    }
    this.options.onWorkerLost?.(why);
    if (this.disposed) {
      return;
    }
    for (const run of queued) {
      try {
        this.ensureWorker().postMessage(run.request);
      } catch (e) {
        this.settle(
          run.request.id,
          new BackendError('config', `Cannot restart the local engine: ${(e as Error).message}`),
        );
      }
    }
    for (const waiter of this.schemaWaiters.values())
      waiter.reject(new BackendError('server', `The local engine stopped (${why}).`));
    this.schemaWaiters.clear();
  }
}
