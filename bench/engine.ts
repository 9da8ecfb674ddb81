/**
 * The embedded engine against DuckDB on the seed queries that read VMConnection, over the sample
 * workspace at benchmark scales (scale 10 ≈ 1M rows, 100 ≈ 10M). Same data in both (DuckDB gets the
 * columns the queries use, appended in chunks), hand-written equivalent SQL per query, same run.
 * Prints per query: engine time, DuckDB time, their ratio (target ≤ 1.5), and each side's peak RSS
 * growth while the query runs (the engine runs in a worker thread so the main thread can sample RSS).
 * The worker runs this file bundled by esbuild, as the extension runs the engine (dist/engineWorker.js).
 *
 *   BENCH_SCALES=10,100 BENCH_RUNS=3 BENCH_WARMUP=2 BENCH_QUERY_TIMEOUT_S=120 node --import tsx --expose-gc bench/engine.ts
 */
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import { generateSampleWorkspace } from '../src/data/sample';
import { executeQuery } from '../src/engine';
import type { Table } from '../src/engine/table';
import { DATETIME_BASE_MS, ticksFromMs } from '../src/engine/values';
import { findSampleQuery, sampleQueryText } from '../src/schema/sampleQueries';
import { bundleBench } from './bundleBench';
import { SQL } from './seedSql';

/** Engine ticks count from DATETIME_BASE_MS; DuckDB's microseconds from 1970. */
const BASE_MICROSECONDS = BigInt(DATETIME_BASE_MS) * 1000n;

const NOW = new Date('2026-11-23T12:00:00Z');
const NOW_TICKS = ticksFromMs(NOW.getTime());
/** Queries the engine runs with a plan that does less work than the SQL's (see optimize/aggregateBeforeJoin.ts). */
const DIFFERENT_ALGORITHM = new Set(['top-transmitting-vms']);

/** The columns DuckDB gets: those the queries above read. */
const LOADED: Record<string, readonly string[]> = {
  VMConnection: [
    'TimeGenerated',
    'Computer',
    'Machine',
    'Process',
    'ProcessName',
    'ConnectionId',
    'Direction',
    'SourceIp',
    'DestinationIp',
    'DestinationPort',
    'Protocol',
    'RemoteIp',
    'MaliciousIp',
    'IndicatorThreatType',
    'LinksEstablished',
    'LinksTerminated',
    'LinksLive',
    'LinksFailed',
    'BytesSent',
    'BytesReceived',
  ],
  VMBoundPort: ['TimeGenerated', 'Machine', 'Process', 'ProcessName', 'Ip', 'Port', 'Protocol', 'PortId'],
  ServiceMapComputer_CL: ['TimeGenerated', 'ComputerName_s', 'ResourceName_s', 'Ipv4Addresses_s', 'AzureVMSize_s'],
};

interface EngineRun {
  readonly ms?: number;
  readonly rows?: number;
  readonly error?: string;
}

/** A query for the engine worker; `collect` runs a full GC first (for the memory run). */
interface EngineRequest {
  readonly query: string;
  readonly timeoutS: number;
  readonly collect: boolean;
  /** false: parse, bind and lower again, as a query's first run does. */
  readonly planCache: boolean;
}

// ---------------------------------------------------------------- worker: the engine side
if (!isMainThread) {
  const { scale } = workerData as { scale: number };
  const started = performance.now();
  const ws = generateSampleWorkspace({ now: NOW, scale });
  const generatedMs = performance.now() - started;
  // Loads the Kusto library (about a second) outside the measured queries.
  executeQuery('print 1', ws.database);
  parentPort!.postMessage({ type: 'ready', ms: generatedMs, rows: ws.database.table('VMConnection')!.rowCount });
  parentPort!.on('message', (m: EngineRequest) => {
    if (m.collect) {
      (globalThis as { gc?: () => void }).gc?.();
    }
    const t0 = performance.now();
    try {
      const r = executeQuery(m.query, ws.database, {
        now: NOW_TICKS,
        deadline: Date.now() + m.timeoutS * 1000,
        rowLimit: 10_000_000,
        planCache: m.planCache,
      });
      parentPort!.postMessage({ ms: performance.now() - t0, rows: r.tables[0]!.table.rowCount } satisfies EngineRun);
    } catch (e) {
      parentPort!.postMessage({
        error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 80)}` : String(e),
      } satisfies EngineRun);
    }
  });
} else {
  void main();
}

// ---------------------------------------------------------------- main: DuckDB, sampling, report
function rssMb(): number {
  return process.memoryUsage.rss() / 1048576;
}

/** Runs `work` while sampling RSS every 5 ms; returns its result and the peak RSS growth in MB. */
async function withPeakRss<T>(work: () => Promise<T>, collect = true): Promise<{ value: T; peakMb: number }> {
  if (collect) {
    (globalThis as { gc?: () => void }).gc?.();
  }
  const base = rssMb();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 5);
  try {
    const value = await work();
    peak = Math.max(peak, rssMb());
    return { value, peakMb: peak - base };
  } finally {
    clearInterval(timer);
  }
}

function duckType(kqlType: string): DuckDBType {
  switch (kqlType) {
    case 'int':
      return INTEGER;
    case 'long':
    case 'datetime':
      return BIGINT;
    case 'real':
      return DOUBLE;
    case 'bool':
      return BOOLEAN;
    default:
      return VARCHAR;
  }
}

async function loadIntoDuckDb(conn: DuckDBConnection, table: Table, columns: readonly string[]): Promise<void> {
  const cols = columns.map((name) => ({ name, column: table.column(name)! }));
  const raw = `${table.name}_raw`;
  await conn.run(
    `CREATE TABLE ${raw} (${cols.map((c) => `${c.name} ${duckType(c.column.type).toString()}`).join(', ')})`,
  );
  const appender = await conn.createAppender(raw);
  const types = cols.map((c) => duckType(c.column.type));
  const chunkRows = 2048;
  for (let start = 0; start < table.rowCount; start += chunkRows) {
    const n = Math.min(chunkRows, table.rowCount - start);
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(
      cols.map((c) => {
        const values = new Array(n);
        for (let i = 0; i < n; i++) {
          const v = c.column.get(start + i);
          // Datetimes go in as microseconds and become TIMESTAMPs below.
          values[i] =
            v === null
              ? null
              : c.column.type === 'datetime'
                ? BigInt(Math.floor((v as number) / 10)) + BASE_MICROSECONDS
                : c.column.type === 'long'
                  ? BigInt(Number(v))
                  : v;
        }
        return values;
      }),
    );
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  const select = cols
    .map((c) => (c.column.type === 'datetime' ? `make_timestamp(${c.name}) AS ${c.name}` : c.name))
    .join(', ');
  await conn.run(`CREATE TABLE ${table.name} AS SELECT ${select} FROM ${raw}; DROP TABLE ${raw}`);
}

/**
 * The engine as the extension ships it: bundled into one scope, like dist/engineWorker.js. Under tsx
 * each module is transpiled on its own and every imported name is read through an export getter, a
 * call per use inside the engine's loops that the product does not pay.
 */
function startEngineWorker(scale: number): Worker {
  const bundle = bundleBench(__filename, 'engine');
  return new Worker(bundle, { workerData: { scale }, resourceLimits: { maxOldGenerationSizeMb: 20_000 } });
}

function nextMessage<T>(w: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      w.off('message', onMessage);
      reject(e);
    };
    const onMessage = (m: T) => {
      w.off('error', onError);
      resolve(m);
    };
    w.once('message', onMessage);
    w.once('error', onError);
  });
}

/** Lets background work (V8's concurrent GC and compiler, DuckDB's threads) finish. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 250));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

const fmt = (ms: number | undefined) =>
  ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;

async function benchScale(scale: number, runs: number, warmup: number, timeoutS: number): Promise<void> {
  const worker = startEngineWorker(scale);
  const ready = nextMessage<{ ms: number; rows: number }>(worker);
  const t0 = performance.now();
  const ws = generateSampleWorkspace({ now: NOW, scale });
  const genMs = performance.now() - t0;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const threads = (await (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows())[0]![0];
  const t1 = performance.now();
  for (const [name, cols] of Object.entries(LOADED)) {
    await loadIntoDuckDb(conn, ws.database.table(name)!, cols);
  }
  const loadMs = performance.now() - t1;
  const engineReady = await ready;
  const rows = ws.database.table('VMConnection')!.rowCount;
  console.log(`\nscale ${scale}: VMConnection ${rows.toLocaleString('en-US')} rows`);
  console.log(
    `  sample workspace generated in ${fmt(engineReady.ms)} (engine worker), ${fmt(genMs)} (main); DuckDB appended in ${fmt(loadMs)} (${threads} threads)`,
  );
  console.log(`  ${''.padEnd(34)}${'re-run'.padStart(27)}${'first run'.padStart(27)}`);
  console.log(
    `  ${'query'.padEnd(34)}${'engine'.padStart(10)}${'DuckDB'.padStart(10)}${'ratio'.padStart(7)}${'engine'.padStart(10)}${'DuckDB'.padStart(10)}${'ratio'.padStart(7)}${'after GC'.padStart(10)}${'eng MB'.padStart(8)}${'duck MB'.padStart(8)}  rows`,
  );
  const ratios: number[] = [];
  const coldRatios: number[] = [];
  const measured: string[] = [];
  for (const [id, sql] of Object.entries(SQL)) {
    const kql = sampleQueryText(findSampleQuery(id)!);
    const prepared = await conn.prepare(sql);
    const engineTimes: number[] = [];
    const engineColdTimes: number[] = [];
    const duckTimes: number[] = [];
    const duckColdTimes: number[] = [];
    let engineMb = 0,
      duckMb = 0,
      error: string | undefined,
      engineRows = 0,
      duckRows = 0;
    let afterGcMs: number | undefined;
    const runEngine = (collect: boolean, planCache = true) => {
      const reply = nextMessage<EngineRun>(worker);
      worker.postMessage({ query: kql, timeoutS, collect, planCache } satisfies EngineRequest);
      return reply;
    };
    const timeEngine = async (into: number[], planCache: boolean) => {
      const e = await runEngine(false, planCache);
      error ??= e.error;
      if (!e.error) {
        into.push(e.ms!);
        engineRows = e.rows!;
      }
    };
    const timeDuck = async (into: number[], run: () => Promise<{ currentRowCount: number }>) => {
      const d = await withPeakRss(async () => {
        const started = performance.now();
        const result = await run();
        return { ms: performance.now() - started, rows: result.currentRowCount };
      });
      into.push(d.value.ms);
      duckRows = d.value.rows;
      duckMb = Math.max(duckMb, d.peakMb);
    };
    // Unmeasured warm-up runs on both sides: the engine's first runs of a query shape pay V8's
    // compilation of its code paths (up to 2× a warm run), DuckDB's pay its buffer caches.
    for (let r = 0; r < warmup && !error; r++) {
      error = (await runEngine(false)).error;
      await prepared.runAndReadAll();
    }
    await settle();
    // Timed runs are not preceded by a forced GC: a full GC deoptimises V8's optimised code for the
    // engine's per-query closures ("weak objects"), so the run after one re-optimises its loops.
    // That case is measured once, separately, with the memory figure. Each side runs on a quiet
    // machine: V8's background compiler and collector keep working for a moment after the engine
    // returns, and on two cores they would slow DuckDB's threads if DuckDB started right away.
    for (let r = 0; r < runs && !error; r++) {
      await timeEngine(engineTimes, true);
    }
    for (let r = 0; r < runs && !error; r++) {
      await timeEngine(engineColdTimes, false);
    }
    await settle();
    for (let r = 0; r < runs; r++) {
      await timeDuck(duckTimes, () => prepared.runAndReadAll());
    }
    for (let r = 0; r < runs; r++) {
      await timeDuck(duckColdTimes, () => conn.runAndReadAll(sql));
    }
    if (!error) {
      const e = await withPeakRss(() => runEngine(true));
      error = e.value.error;
      afterGcMs = e.value.ms;
      engineMb = e.peakMb;
    }
    const eMs = engineTimes.length ? median(engineTimes) : undefined;
    const dMs = median(duckTimes);
    const ratio = eMs !== undefined ? eMs / dMs : undefined;
    const eColdMs = engineColdTimes.length ? median(engineColdTimes) : undefined;
    const dColdMs = median(duckColdTimes);
    const coldRatio = eColdMs !== undefined ? eColdMs / dColdMs : undefined;
    if (ratio !== undefined && coldRatio !== undefined) {
      ratios.push(ratio);
      coldRatios.push(coldRatio);
      measured.push(id);
    }
    const times = (ratio === undefined ? '—' : `${ratio.toFixed(1)}×`).padStart(7);
    const coldTimes = (coldRatio === undefined ? '—' : `${coldRatio.toFixed(1)}×`).padStart(7);
    console.log(
      `  ${id.padEnd(34)}${fmt(eMs).padStart(10)}${fmt(dMs).padStart(10)}${times}${fmt(eColdMs).padStart(10)}${fmt(dColdMs).padStart(10)}${coldTimes}` +
        `${fmt(afterGcMs).padStart(10)}${(error ? '—' : engineMb.toFixed(0)).padStart(8)}${duckMb.toFixed(0).padStart(8)}  ${error ? `engine: ${error}` : `${engineRows}/${duckRows}`}`,
    );
  }
  const geo = (xs: number[]) => Math.exp(xs.reduce((a, r) => a + Math.log(r), 0) / Math.max(1, xs.length));
  // Queries whose plan does less work than DuckDB's by design (eager aggregation before a join) pull
  // the mean down; the means without them show the rest on equal terms.
  const like = (xs: number[]) => xs.filter((_, i) => !DIFFERENT_ALGORITHM.has(measured[i]!));
  const within = ratios.filter((r) => r <= 1.5).length;
  console.log(
    `  geometric mean engine/DuckDB, re-run (plan cached / prepared statement): ${geo(ratios).toFixed(2)}×; within 1.5×: ${within} of ${Object.keys(SQL).length} queries`,
  );
  console.log(
    `  geometric mean engine/DuckDB, first run (parse and plan included on both sides): ${geo(coldRatios).toFixed(2)}×; within 1.5×: ${coldRatios.filter((r) => r <= 1.5).length}`,
  );
  console.log(
    `  without ${[...DIFFERENT_ALGORITHM].join(', ')} (aggregated before its join): re-run ${geo(like(ratios)).toFixed(2)}×, first run ${geo(like(coldRatios)).toFixed(2)}×`,
  );
  const judged = geo(like(ratios));
  console.log(
    `  target (issue 4): re-run geometric mean within 1.5×, without those → ${judged <= 1.5 ? 'met' : 'NOT met'} (${judged.toFixed(2)}×)`,
  );
  await worker.terminate();
  conn.closeSync();
  instance.closeSync();
}

async function main(): Promise<void> {
  const scales = (process.env.BENCH_SCALES ?? '10,100')
    .split(',')
    .map(Number)
    .filter((n) => n >= 1);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const warmup = Number(process.env.BENCH_WARMUP ?? 2);
  const timeoutS = Number(process.env.BENCH_QUERY_TIMEOUT_S ?? 120);
  console.log(
    `Embedded engine vs DuckDB on the VMConnection seed queries (median of ${runs} runs after ${warmup} unmeasured warm-up runs each; a query over ${timeoutS} s is stopped).`,
  );
  console.log(
    "re-run: the engine reuses its analysed plan of the same text (as the extension's worker does), DuckDB runs a prepared statement.",
  );
  console.log(
    'first run: the engine parses and binds with Kusto.Language and lowers, DuckDB parses and plans the SQL.',
  );
  console.log(
    "after GC: the engine's re-run right after a full GC (re-optimising its code); MB: peak growth of the process RSS",
  );
  console.log('while a query runs (engine: that run after a full GC). Rows: engine/DuckDB result rows.');
  for (const scale of scales) {
    await benchScale(scale, runs, warmup, timeoutS);
  }
}
