/**
 * Loading exported files: the sample workspace at scale 10 (1M-row VMConnection, plus VMBoundPort
 * and ServiceMapComputer_CL) written as Log Analytics CSV exports, then loaded in a fresh process
 * each time (so the peak RSS is the load's own):
 *  - by the engine's loader (bundled as the product ships it), without the load cache, split across every
 *    core (KQL_LOAD_THREADS=cores, whatever the load average), and again on one
 *    thread (KQL_LOAD_THREADS=1: a large file not split across the cores);
 *  - by DuckDB's read_csv of the same files (the reference, same run);
 *  - by the loader again from its load cache, against its first (cache-filling) load;
 *  - end to end, file to answer, each in a fresh process: `kql --data DIR QUERY` (bin/kql.js as built,
 *    no load cache) against DuckDB over views of read_csv of the same files and the seed query's
 *    hand-written SQL (bench/seedSql.ts), per seed query; kql again on one thread;
 *  - the same data as JSON Lines (gzip-compressed) and as Parquet (snappy, 100k-row row groups, as
 *    hyparquet-writer writes it): loaded, and the seed queries' answers compared with the CSV's.
 *
 * With BENCH_LOAD_COPIES=N (N > 1) the VMConnection export holds N copies of the scale's rows, copy k
 * a day earlier per k and with its own ConnectionIds (BENCH_LOAD_COPIES=10 at scale 10: about 10M
 * rows): CSV only, without the cache and the other formats, peak RSS printed for each kql run too.
 *
 *   BENCH_LOAD_SCALE=10 node --import tsx --expose-gc bench/load.ts
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { LoadCache, openDataFolder } from '../src/data/loaders';
import { generateSampleWorkspace } from '../src/data/sample';
import { executeQuery } from '../src/engine';
import type { Table } from '../src/engine/table';
import { msFromTicks, ticksFromMs } from '../src/engine/values';
import { toWire } from '../src/engine/wireValues';
import { findSampleQuery, sampleQueryText } from '../src/schema/sampleQueries';
import { bundleBench } from './bundleBench';
import { SQL } from './seedSql';

const NOW = new Date('2026-11-23T12:00:00Z');
const TABLES = ['VMConnection', 'VMBoundPort', 'ServiceMapComputer_CL'];
const QUERIES = [
  'bytes-trend',
  'connection-failures-trend',
  'top-transmitting-vms',
  'wb-connections-top-remotes',
  'wb-failed-connections-by-machine',
  'wb-malicious-connections',
];

type Mode = 'engine' | 'duckdb' | 'duckdb-query';

interface ChildReport {
  readonly ms: number;
  /**
   * CPU time (user + system, every thread of the process). On a busy machine the wall clock is
   * mostly the wait for a core, and a reader on two threads gets twice the share of one on one
   * thread; the CPU time is the work itself, so both are printed.
   */
  readonly cpuMs: number;
  readonly rows: number;
  readonly maxRssMb: number;
}

function cpuMsOfThisProcess(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * This process's peak RSS. On Linux getrusage's figure survives exec, so a child forked from a large
 * parent (this bench holds the generated workspace) reports at least the parent's RSS; the memory
 * map's high-water mark (VmHWM) starts afresh at exec.
 */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) {
      return Number(hwm[1]) / 1024;
    }
  } catch {
    // Not Linux: getrusage's figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}

// ---------------------------------------------------------------- child: one load, then report
/** `extra`: the load cache's folder (engine), or the seed query's id (duckdb-query). */
async function child(mode: Mode, dir: string, extra: string | undefined): Promise<void> {
  const cacheDir = mode === 'engine' ? extra : undefined;
  const t0 = performance.now();
  let rows = 0;
  if (mode === 'engine') {
    const opened = openDataFolder(dir, { cache: cacheDir ? new LoadCache(cacheDir) : undefined });
    // Parquet tables load before the query that names them: here, one naming every table.
    await opened.prepare(opened.database.tableNames.map((n) => `['${n}']`).join(' '));
    for (const name of opened.database.tableNames) {
      rows += opened.database.table(name)!.rowCount;
    }
  } else if (mode === 'duckdb-query') {
    // End to end: views over the files, so DuckDB reads only what the query needs, then the query.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    for (const f of fs.readdirSync(dir).sort()) {
      await conn.run(`CREATE VIEW "${f.replace(/\.csv$/, '')}" AS SELECT * FROM read_csv('${path.join(dir, f)}')`);
    }
    rows = (await conn.runAndReadAll(SQL[extra!]!)).getRows().length;
  } else {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const f of fs.readdirSync(dir).sort()) {
      const name = f.replace(/\.csv$/, '');
      await conn.run(`CREATE TABLE "${name}" AS SELECT * FROM read_csv('${path.join(dir, f)}')`);
      const r = await conn.runAndReadAll(`SELECT count(*) FROM "${name}"`);
      rows += Number(r.getRows()[0]![0]);
    }
  }
  const report: ChildReport = { ms: performance.now() - t0, cpuMs: cpuMsOfThisProcess(), rows, maxRssMb: peakRssMb() };
  process.stdout.write(JSON.stringify(report));
}

// ---------------------------------------------------------------- main
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellText(table: Table, j: number, r: number): string {
  const c = table.columns[j]!.column;
  const w = toWire(c.get(r), c.type);
  return w === null ? '' : typeof w === 'object' ? JSON.stringify(w) : String(w);
}

const DAY_MS = 86_400_000;

/**
 * Writes a table as the portal's CSV export does (header, RFC 4180 quoting, ISO datetimes); with
 * `copies`, that many times over, copy k a day earlier per k and with ConnectionIds of its own.
 */
function writeCsv(file: string, table: Table, copies = 1): void {
  const fd = fs.openSync(file, 'w');
  let chunk = `${table.columns.map((c) => csvField(c.name)).join(',')}\n`;
  const time = table.columnIndex('TimeGenerated');
  const id = table.columnIndex('ConnectionId');
  for (let k = 0; k < copies; k++) {
    for (let r = 0; r < table.rowCount; r++) {
      const cells: string[] = new Array(table.columns.length);
      for (let j = 0; j < cells.length; j++) {
        let text = cellText(table, j, r);
        if (k > 0 && j === time && text !== '') {
          text = new Date(Date.parse(text) - k * DAY_MS).toISOString().replace('.000Z', 'Z');
        } else if (k > 0 && j === id) {
          text = `${text}-${k}`;
        }
        cells[j] = csvField(text);
      }
      chunk += `${cells.join(',')}\n`;
      if (chunk.length > 1 << 22) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

/** Writes a table as a data export rule does: JSON Lines blobs in y=/m=/d=/h=/m= folders, one per hour, gzip-compressed. */
function writeExportTree(root: string, table: Table): void {
  const time = table.column('TimeGenerated')!;
  const byHour = new Map<string, string[]>();
  for (let r = 0; r < table.rowCount; r++) {
    const t = new Date(msFromTicks(time.get(r) as number));
    const key = `y=${t.getUTCFullYear()}/m=${String(t.getUTCMonth() + 1).padStart(2, '0')}/d=${String(t.getUTCDate()).padStart(2, '0')}/h=${String(t.getUTCHours()).padStart(2, '0')}/m=00`;
    const record: Record<string, unknown> = {};
    table.columns.forEach((c, j) => {
      const w = toWire(c.column.get(r), c.column.type);
      if (w !== null) {
        record[c.name] = w;
      }
    });
    let lines = byHour.get(key);
    if (!lines) {
      byHour.set(key, (lines = []));
    }
    lines.push(JSON.stringify(record));
  }
  for (const [key, lines] of byHour) {
    const dir = path.join(
      root,
      `am-${table.name}`,
      'WorkspaceResourceId=',
      'subscriptions',
      'sub',
      'workspaces',
      'ws',
      key,
    );
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'PT1H.json.gz'), zlib.gzipSync(`${lines.join('\n')}\n`, { level: 1 }));
  }
}

/** The engine's column as a Parquet column: the physical type the export would use for its KQL type. */
function parquetColumn(table: Table, j: number): ColumnSource {
  const { name, column } = table.columns[j]!;
  const n = table.rowCount;
  const values = (f: (v: unknown) => unknown) =>
    Array.from({ length: n }, (_, r) => {
      const v = column.get(r);
      return v === null || v === undefined ? null : f(v);
    });
  switch (column.type) {
    case 'int':
      return { name, type: 'INT32', data: values((v) => v) };
    case 'long':
      return { name, type: 'INT64', data: values((v) => BigInt(v as number)) };
    case 'real':
    case 'decimal':
      return { name, type: 'DOUBLE', data: values((v) => v) };
    case 'bool':
      return { name, type: 'BOOLEAN', data: values((v) => v) };
    case 'datetime':
      return { name, type: 'TIMESTAMP', data: values((v) => new Date(msFromTicks(v as number))) };
    case 'dynamic':
      return { name, type: 'JSON', data: values((v) => JSON.parse(JSON.stringify(v))) };
    default:
      return { name, type: 'STRING', data: values((v) => String(v)) };
  }
}

function writeParquet(file: string, table: Table): void {
  const columnData = table.columns.map((_, j) => parquetColumn(table, j));
  fs.writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 100_000 })));
}

/** The environment of a load on one thread: a large file is not split across the cores (src/data/loaders/csvSplit.ts). */
const ONE_THREAD = { ...process.env, KQL_LOAD_THREADS: '1' };
/** Split across every core whatever the load average (by default only idle cores are used). */
const ALL_CORES = { ...process.env, KQL_LOAD_THREADS: String(os.availableParallelism()) };

function runChild(bundle: string, mode: Mode, dir: string, extra?: string, env?: NodeJS.ProcessEnv): ChildReport {
  const r = spawnSync(process.execPath, [bundle, 'child', mode, dir, extra ?? ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env,
  });
  if (r.status !== 0) {
    throw new Error(`${mode} load failed: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as ChildReport;
}

/** GNU time, to read a command's peak RSS; without it the figure is left out. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** `kql --data DIR QUERY` as a user runs it (bin/kql.js, with its startup snapshot when built), wall time and peak RSS. */
function runKql(dir: string, id: string, env?: NodeJS.ProcessEnv): ChildReport {
  const t0 = performance.now();
  const command = [
    path.resolve('bin/kql.js'),
    '--data',
    dir,
    '--no-cache',
    '--now',
    NOW.toISOString(),
    '--format',
    'json',
    sampleQueryText(findSampleQuery(id)!),
  ];
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '%M %U %S', ...command], { encoding: 'utf8', maxBuffer: 1 << 28, env })
    : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    throw new Error(`kql ${id} failed: ${r.stderr}`);
  }
  const body = JSON.parse(r.stdout) as { tables: { rows: unknown[] }[] };
  // GNU time's last line: peak RSS in KB, then user and system seconds (the launcher and the Node it execs).
  const [rssKb = 0, user = Number.NaN, system = Number.NaN] = GNU_TIME
    ? r.stderr.trim().split('\n').pop()!.split(' ').map(Number)
    : [];
  return { ms, cpuMs: (user + system) * 1000, rows: body.tables[0]!.rows.length, maxRssMb: rssKb / 1024 };
}

async function answers(dir: string): Promise<string[]> {
  const opened = openDataFolder(dir);
  await opened.prepare(opened.database.tableNames.map((n) => `['${n}']`).join(' '));
  const db = opened.database;
  return QUERIES.map((id) => {
    const result = executeQuery(sampleQueryText(findSampleQuery(id)!), db, {
      now: ticksFromMs(NOW.getTime()),
      rowLimit: 1e7,
    });
    const rows = result.tables[0]!.table.rows().map((row) => JSON.stringify(row));
    return rows.sort().join('\n');
  });
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_LOAD_SCALE ?? 10);
  const copies = Math.max(1, Math.floor(Number(process.env.BENCH_LOAD_COPIES ?? 1)));
  const csvOnly = copies > 1;
  // BENCH_LOAD_DIR keeps the exported files there and reuses them in the next run (exporting takes minutes).
  const kept = process.env.BENCH_LOAD_DIR ? path.resolve(process.env.BENCH_LOAD_DIR) : undefined;
  const root = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kql-bench-load-'));
  const csvDir = path.join(root, 'csv');
  const jsonlDir = path.join(root, 'jsonl');
  const parquetDir = path.join(root, 'parquet');
  const cacheDir = path.join(root, 'cache');
  const exported =
    kept !== undefined &&
    TABLES.every((n) => fs.existsSync(path.join(csvDir, `${n}.csv`))) &&
    (csvOnly || (fs.existsSync(jsonlDir) && TABLES.every((n) => fs.existsSync(path.join(parquetDir, `${n}.parquet`)))));
  // A cache left by an interrupted run would make the cache-filling load a cached one.
  fs.rmSync(cacheDir, { recursive: true, force: true });
  try {
    const t0 = performance.now();
    if (!exported) {
      for (const dir of [csvDir, jsonlDir, parquetDir]) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
      }
      const ws = generateSampleWorkspace({ now: NOW, scale });
      for (const name of TABLES) {
        writeCsv(path.join(csvDir, `${name}.csv`), ws.database.table(name)!, name === 'VMConnection' ? copies : 1);
        if (!csvOnly) {
          writeExportTree(jsonlDir, ws.database.table(name)!);
          writeParquet(path.join(parquetDir, `${name}.parquet`), ws.database.table(name)!);
        }
      }
    }
    const bytes = TABLES.reduce((a, n) => a + fs.statSync(path.join(csvDir, `${n}.csv`)).size, 0);
    console.log(
      `Sample workspace at scale ${scale}${csvOnly ? `, VMConnection ${copies} times over` : ''} ${exported ? `reused from ${root}` : `exported in ${((performance.now() - t0) / 1000).toFixed(1)} s`}: ` +
        `CSV ${(bytes / 1048576).toFixed(0)} MB in ${TABLES.length} files` +
        (csvOnly
          ? '.'
          : `; JSON Lines (.gz) in export trees; Parquet ${(TABLES.reduce((a, n) => a + fs.statSync(path.join(parquetDir, `${n}.parquet`)).size, 0) / 1048576).toFixed(0)} MB.`),
    );
    const bundle = bundleBench(__filename, 'load');
    const line = (label: string, r: ChildReport, ref?: ChildReport, refName = 'DuckDB') =>
      console.log(
        `  ${label.padEnd(40)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  CPU ${(r.cpuMs / 1000).toFixed(2).padStart(6)} s  peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB` +
          (ref
            ? `   time ${(r.ms / ref.ms).toFixed(2)}×, CPU ${(r.cpuMs / ref.cpuMs).toFixed(2)}×, RSS ${(r.maxRssMb / ref.maxRssMb).toFixed(2)}× ${refName}`
            : '') +
          `  (${r.rows.toLocaleString('en-US')} rows)`,
      );
    const duck = runChild(bundle, 'duckdb', csvDir);
    const engine = runChild(bundle, 'engine', csvDir, undefined, ALL_CORES);
    const engineOne = runChild(bundle, 'engine', csvDir, undefined, ONE_THREAD);
    console.log(
      `Load of all three tables, each in a fresh process (${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)}):`,
    );
    line('DuckDB read_csv (reference)', duck);
    line('engine loader, CSV, split across the cores', engine, duck);
    line('engine loader, CSV, on one thread', engineOne, duck);
    console.log(`  large files split across the cores: ${(engine.ms / engineOne.ms).toFixed(2)}× the one-thread time`);
    const t = (x: number, limit: number) => (x <= limit ? 'met' : 'NOT met');
    if (!csvOnly) {
      const filling = runChild(bundle, 'engine', csvDir, cacheDir);
      const cached = runChild(bundle, 'engine', csvDir, cacheDir);
      const jsonl = runChild(bundle, 'engine', jsonlDir);
      const parquet = runChild(bundle, 'engine', parquetDir);
      line('engine loader, CSV, filling the load cache', filling, duck);
      line('engine loader, from the load cache', cached, filling, 'the cache-filling load');
      line('engine loader, JSON Lines export trees (.gz)', jsonl, duck);
      line('engine loader, Parquet (snappy)', parquet, duck);
      console.log(`  target: from cache ≤ 0.1× first load → ${t(cached.ms / filling.ms, 0.1)}`);
    }
    console.log(
      `  targets: load ≤ 1.5× DuckDB → ${t(engine.ms / duck.ms, 1.5)}; peak RSS ≤ 2× DuckDB → ${t(engine.maxRssMb / duck.maxRssMb, 2)}`,
    );
    if (fs.existsSync('dist/cli.js')) {
      console.log(
        'End to end, file to answer (fresh process each, no load cache; kql reads only the tables the query names, DuckDB views over read_csv):',
      );
      const ratios: number[] = [];
      const oneThreadRatios: number[] = [];
      const cpuRatios: number[] = [];
      // BENCH_LOAD_REPEAT=n: each measured n times, in turn, and the median taken (a busy machine's noise).
      const repeat = Math.max(1, Math.floor(Number(process.env.BENCH_LOAD_REPEAT ?? 1)));
      const median = (runs: ChildReport[]) => [...runs].sort((x, y) => x.ms - y.ms)[(runs.length - 1) >> 1]!;
      for (const id of QUERIES) {
        const runs: [ChildReport[], ChildReport[], ChildReport[]] = [[], [], []];
        for (let i = 0; i < repeat; i++) {
          runs[0].push(runKql(csvDir, id, ALL_CORES));
          runs[1].push(runChild(bundle, 'duckdb-query', csvDir, id));
          runs[2].push(runKql(csvDir, id, ONE_THREAD));
        }
        const [k, d, one] = runs.map(median) as [ChildReport, ChildReport, ChildReport];
        ratios.push(k.ms / d.ms);
        oneThreadRatios.push(one.ms / d.ms);
        cpuRatios.push(one.cpuMs / d.cpuMs);
        console.log(
          `  ${id.padEnd(34)} kql ${(k.ms / 1000).toFixed(2).padStart(6)} s  DuckDB ${(d.ms / 1000).toFixed(2).padStart(6)} s  ${(k.ms / d.ms).toFixed(2)}×` +
            `  (one thread ${(one.ms / 1000).toFixed(2)} s, ${(one.ms / d.ms).toFixed(2)}×; CPU ${(one.cpuMs / 1000).toFixed(2)} s against ${(d.cpuMs / 1000).toFixed(2)} s, ${(one.cpuMs / d.cpuMs).toFixed(2)}×)` +
            `  peak RSS kql ${k.maxRssMb ? k.maxRssMb.toFixed(0) : '?'} MB, DuckDB ${d.maxRssMb.toFixed(0)} MB  (${k.rows} / ${d.rows} rows)`,
        );
      }
      const geomean = (xs: number[]) => Math.exp(xs.reduce((a, r) => a + Math.log(r), 0) / xs.length);
      const geo = geomean(ratios);
      console.log(
        `  geometric mean ${geo.toFixed(2)}× DuckDB (on one thread ${geomean(oneThreadRatios).toFixed(2)}×; in CPU time, one thread, ${geomean(cpuRatios).toFixed(2)}×); target ≤ 1.5× → ${geo <= 1.5 ? 'met' : 'NOT met'}`,
      );
    } else {
      console.log('(no dist/cli.js: run `npm run build` (and `npm run build:snapshot`) to measure kql end to end)');
    }
    if (csvOnly) {
      return;
    }
    const a = await answers(csvDir);
    for (const [label, dir] of [
      ['JSON Lines', jsonlDir],
      ['Parquet', parquetDir],
    ] as const) {
      const b = await answers(dir);
      const same = QUERIES.filter((_, i) => a[i] === b[i]);
      console.log(
        `  ${label} vs CSV: ${same.length} of ${QUERIES.length} seed queries answer identically${same.length < QUERIES.length ? ` (differ: ${QUERIES.filter((_, i) => a[i] !== b[i]).join(', ')})` : ''}`,
      );
    }
  } finally {
    fs.rmSync(kept ? cacheDir : root, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  void child(process.argv[3] as Mode, process.argv[4]!, process.argv[5] || undefined);
} else {
  void main();
}
