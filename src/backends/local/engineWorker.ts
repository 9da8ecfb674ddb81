/**
 * The engine's worker thread: loads the data once, then runs queries one at a time, so a long query
 * never blocks the extension host. Bundled to dist/engineWorker.js. The same loop runs in a child process
 * started from the engine's startup snapshot (engineSnapshot.ts, engineProcess.ts): there messages come
 * over the process's IPC channel, and a cancel stops the whole process (no memory is shared with it).
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { Database } from '../../engine/database';
import { deferredGrammarState, kusto, saveLibraryCodeCache } from '../../kql';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import type { FunctionSchema } from '../../schema/workspaceSchema';
import { type DataSource, type LoadedData, loadData } from './dataSource';
import { DEFAULT_CHUNK_LIMITS, fitsOneChunk, resultChunks, resultHead } from './resultChunks';
import { RunJournal } from './runStop';
import { runLocalQuery } from './runQuery';
import type { EngineTimeline } from './startupTrace';
import { ENGINE_PROCESS_READY, serializeError, type WorkerRequest, type WorkerResponse } from './workerProtocol';

/** When this engine's code began to run, and the instants of its start-up, for the first query's trace. */
const codeAt = Date.now();
let libraryAt: number | undefined;
let warmAt: number | undefined;
/** The first query: its id and when its message arrived; undefined once its trace is sent. */
let firstQuery: { id: number; arrivedAt: number } | undefined;
let traced = false;

let data: LoadedData | undefined;
let loadError: unknown;
let source: DataSource | undefined;
let loadedAt = 0;
/** The query running now: load progress is reported for it, and noted in its journal (where a stop was). */
let currentRun: number | undefined;
let journal: RunJournal | undefined;
/** Stored functions given by the extension (its schema file): kept across reloads of the data. */
let givenFunctions: readonly FunctionSchema[] = [];

/** An unpinned sample workspace ends at the time it was generated; past an hour, ago() windows would miss data. */
const SAMPLE_REFRESH_MS = 3_600_000;

/** Bumped by every load, so the warm-up of data that has been replaced stops. */
let warmUpGeneration = 0;

/** Background build order: the largest table last, so the smaller ones are ready soonest. */
function warmUpOrder(db: Database): string[] {
  const rank = (name: string) => (name === 'VMConnection' ? 2 : name === 'VMBoundPort' ? 1 : 0);
  return db.tableNames.filter((n) => !db.isBuilt(n)).sort((a, b) => rank(a) - rank(b));
}

/**
 * Loads Kusto.Language (about a second), then builds the tables one at a time, each step in its own
 * macrotask so a query that arrives meanwhile runs between steps (building what it reads itself).
 */
function warmUp(db: Database, buildTables: boolean): void {
  const generation = ++warmUpGeneration;
  const libraryInSnapshot = (globalThis as { Kusto?: unknown }).Kusto !== undefined;
  const steps = [
    () => {
      kusto();
      if (!libraryInSnapshot) libraryAt ??= Date.now();
    },
    () => {
      runLocalQuery(db, 'print 1');
      warmAt ??= Date.now();
    },
    ...(buildTables ? warmUpOrder(db) : []).map((name) => () => db.table(name)),
    // Last: V8's cache of the library as compiled by now, for the next start without a snapshot
    // (a no-op when this start used one, or was given no cache folder).
    () => saveLibraryCodeCache(),
  ];
  const next = () => {
    const step = steps.shift();
    if (!step || generation !== warmUpGeneration) {
      return;
    }
    try {
      step();
    } catch {
      // The query that reads the table (or needs the library) reports the error, with its context.
    }
    setImmediate(next);
  };
  setImmediate(next);
}

function load(from: DataSource): void {
  source = from;
  loadedAt = Date.now();
  try {
    data = loadData(from, {
      onProgress: (progress) => {
        if (currentRun === undefined) return;
        journal?.noteLoad(progress);
        post({ type: 'progress', id: currentRun, progress });
      },
    });
    loadError = undefined;
    data.database.setGivenFunctions(givenFunctions);
    // Files are loaded when a query first reads them, not ahead: a load takes the worker for as long as
    // it runs, and a query on another table must not wait for it.
    warmUp(data.database, from.kind === 'sample');
  } catch (e) {
    data = undefined;
    loadError = e;
  }
}

/** A worker thread's port, or the IPC channel of a process forked from the snapshot. */
const port = parentPort ?? processPort();

function processPort() {
  if (!process.send) return undefined;
  // The extension host is gone: nothing will ask this process for anything again.
  process.once('disconnect', () => process.exit(0));
  process.send({ type: ENGINE_PROCESS_READY });
  return {
    postMessage: (m: WorkerResponse) => process.send!(m),
    on: (_event: 'message', listener: (m: WorkerRequest) => void) => process.on('message', listener),
  };
}

/** When the last message was posted: the first query's answer is its last. */
let postedAt = 0;

function post(message: WorkerResponse): void {
  postedAt = Date.now();
  port!.postMessage(message);
}

/** Stops a query's pre-load (Parquet tables) as the engine stops the query itself. */
function prepareCheck(flag: Int32Array, deadline: number | undefined, timeoutMs: number): () => void {
  return () => {
    if (Atomics.load(flag, 0) === 1) {
      throw new QueryCancelledError();
    }
    if (deadline !== undefined && Date.now() > deadline) {
      throw new QueryTimeoutError(timeoutMs);
    }
  };
}

async function handle(message: WorkerRequest): Promise<void> {
  if (message.type === 'load') {
    load(message.source);
    return;
  }
  if (message.type === 'functions') {
    givenFunctions = message.functions;
    data?.database.setGivenFunctions(givenFunctions);
    return;
  }
  if (message.type === 'refresh') {
    if (data?.refresh) {
      let changes;
      try {
        changes = data.refresh();
      } catch (e) {
        // The folder itself is gone (deleted, renamed): its old tables must not keep answering. Queries say
        // why until it is back, when the next refresh loads it from scratch.
        data = undefined;
        loadError = new BackendError('data', (e as Error).message);
        return;
      }
      // A changed table loads again on its next use; the warm-up only loads the Kusto library.
      if (changes.added.length || changes.changed.length || changes.removed.length) warmUp(data.database, false);
    } else if (source) {
      // Nothing had loaded (e.g. no readable file yet): load from scratch.
      load(source);
    }
    return;
  }
  if (message.type === 'schema') {
    if (data)
      post({
        type: 'schema',
        id: message.id,
        tables: data.database.schemas,
        functions: data.database.functions,
        warnings: data.warnings,
      });
    else
      post({ type: 'error', id: message.id, error: serializeError(loadError ?? new Error('No data was loaded.'), 0) });
    return;
  }
  await runOne(message);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runOne(message: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  if (source?.kind === 'sample' && source.now === undefined && Date.now() - loadedAt > SAMPLE_REFRESH_MS) {
    load(source);
  }
  const { id, query, options } = message;
  // No shared flag from another process: there a cancel ends the process.
  const flag = new Int32Array(message.cancel ?? new SharedArrayBuffer(4));
  const isCancelled = () => Atomics.load(flag, 0) === 1;
  post({ type: 'started', id });
  const started = Date.now();
  currentRun = id;
  const runJournal = new RunJournal();
  journal = runJournal;
  try {
    if (!data) {
      throw loadError ?? new Error('No data was loaded.');
    }
    await data.prepare?.(query, prepareCheck(flag, options.deadline, options.timeoutMs));
    const answer = runLocalQuery(data.database, query, {
      timeRange: options.timeRange,
      rowLimit: options.rowLimit,
      parameters: options.parameters,
      memoryLimitBytes: options.memoryLimitBytes,
      resultByteLimit: options.resultByteLimit,
      deadline: options.deadline,
      isCancelled,
      nowMs: data.nowMs,
      warnings: data.warnings,
      folder: data.folder,
    });
    // Between queries, the columns found while this one loaded its tables join them and the schema.
    const widened = data.database.widen();
    const result = widened.length ? { ...answer, stats: { ...answer.stats, tablesWidened: widened } } : answer;
    const limits = options.chunkLimits ?? DEFAULT_CHUNK_LIMITS;
    if (fitsOneChunk(result, limits)) {
      post({ type: 'result', id, result });
      return;
    }
    post({ type: 'resultHead', id, result: resultHead(result) });
    const totalRows = result.tables.reduce((n, t) => n + t.rows.length, 0);
    let sent = 0;
    for (const chunk of resultChunks(result, limits)) {
      runJournal.noteSending(sent, totalRows);
      // Between chunks the worker is idle for a turn, so a cancel (or the deadline) stops the stream.
      await nextTurn();
      if (isCancelled()) {
        throw new QueryCancelledError();
      }
      if (Date.now() > options.deadline) {
        throw new QueryTimeoutError(options.timeoutMs);
      }
      post({ type: 'resultRows', id, chunk });
      sent += chunk.rows.length;
    }
    post({ type: 'resultEnd', id });
  } catch (e) {
    post({ type: 'error', id, error: serializeError(runJournal.stopOf(e), options.timeoutMs) });
  } finally {
    currentRun = undefined;
    journal = undefined;
    if (firstQuery?.id === id) sendTrace(firstQuery.arrivedAt, started);
  }
}

/**
 * This engine's CPU in ms: its process's, or a worker thread's own where Linux tells it (the extension
 * host's other threads share its process's); undefined elsewhere.
 */
function ownCpuMs(): number | undefined {
  if (!parentPort) {
    const cpu = process.cpuUsage();
    return Math.round((cpu.user + cpu.system) / 1000);
  }
  try {
    // A synchronous read runs on the calling thread, so thread-self is this worker.
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Once, after the first query's answer was posted: the engine's side of the start-up trace. */
function sendTrace(arrivedAt: number, startedAt: number): void {
  firstQuery = undefined;
  const cpuMs = ownCpuMs();
  const timeline: EngineTimeline = {
    kind: parentPort ? 'thread' : 'process',
    // A worker thread's timeOrigin is its process's: only a process has its own start.
    ...(parentPort ? {} : { startedAt: Math.round(performance.timeOrigin) }),
    codeAt,
    ...(libraryAt !== undefined ? { libraryAt } : {}),
    ...(warmAt !== undefined ? { warmAt } : {}),
    queryArrivedAt: arrivedAt,
    queryStartedAt: startedAt,
    answeredAt: postedAt,
    grammar: deferredGrammarState(),
    ...(cpuMs !== undefined ? { cpuMs } : {}),
  };
  post({ type: 'startupTrace', id: 0, timeline });
}

// Messages are handled one at a time, in order: a query waiting for its Parquet tables, or streaming
// its result in chunks, keeps the next query (and a new load) behind it, as a running query always has.
let queue: Promise<void> = Promise.resolve();
port?.on('message', (message: WorkerRequest) => {
  if (message.type === 'run' && !traced) {
    traced = true;
    firstQuery = { id: message.id, arrivedAt: Date.now() };
  }
  // handle() reports its own failures; the catch only keeps one failed post from stopping the queue.
  queue = queue.then(() => handle(message)).catch(() => {});
});
