/**
 * The language server's start as the extension's client starts it, in plain Node: dist/server.js forked
 * over IPC (`--node-ipc`, as vscode-languageclient's TransportKind.ipc does), from its start-up snapshot
 * and without it; initialize, initialized, then didOpen of the 205-line example file, as VS Code sends
 * them. For each start it prints the trace (src/protocol/startupTrace.ts, both sides on one clock) and
 * the first diagnostics against the 1 s target, in wall clock and in the server's CPU; and two
 * completions' latency: one asked as the first diagnostics arrive (a user typing at once), one after
 * the server's warm-up is done (which builds the library's completion grammar, deferred at start).
 *
 *   npm run build && npx tsx bench/lsStartup.ts [runs] [snapshot]   (default 3 of each; `snapshot`: only
 *   the starts from the snapshot)
 *
 * With `engine-nice`, each start from the snapshot has the engine starting beside it, as in the editor
 * after activation: the `kql` command (the engine from its own snapshot, `npm run build:snapshot`)
 * answering the e2e bench's first query, at OS priority 0 and 10 or `level` (`nice`) in turns, so both what a lower
 * engine priority gives the server and what it costs the engine's answer are measured in the same run:
 *
 *   npm run build && npm run build:snapshot && npx tsx bench/lsStartup.ts 6 engine-nice [level]
 *
 * With `engine-after`, the engine (the same `kql`) starts either beside the server or once the server
 * has answered `initialize` (its heap deserialised; the order tried in docs/startup.md, reverted), in turns: the first
 * diagnostics, and the engine's answer counted from the server's spawn (what a Run clicked early waits):
 *
 *   npm run build && npm run build:snapshot && npx tsx bench/lsStartup.ts 6 engine-after
 *
 * With `code-cache`, starts without a snapshot (desktop VS Code's every start) with and without
 * Kusto.Language's V8 code cache (src/kql/libraryCodeCache.ts; made by one start first), in turns:
 *
 *   npm run build && npx tsx bench/lsStartup.ts 6 code-cache
 *
 * With `first-start-order`, starts without any snapshot, the engine (`kql` without its snapshot) started
 * beside the server or once the server's first diagnostics arrived, in turns:
 *
 *   npm run build && npx tsx bench/lsStartup.ts 6 first-start-order
 *
 * With `variants`, starts without a snapshot but with the code cache (desktop VS Code's every start after
 * its first), the server as built (A) and with LS_BENCH_B_ARGS added to its Node options and/or
 * LS_BENCH_B_ENV (`NAME=value …`) to its environment (B), in turns; each variant makes its own cache
 * first (the cache is keyed by the flags). What a V8 flag or a server switch changes, CPU and wall:
 *
 *   npm run build && LS_BENCH_B_ARGS='--single-threaded-gc' npx tsx bench/lsStartup.ts 7 variants
 *
 * `variants snapshot` compares them started from the start-up snapshot instead (B's Node options are
 * then given to the snapshot's Node too, which refuses a blob built under other V8 flags: use B's
 * environment there).
 *
 * LS_BENCH_SERVER_ARGS adds Node options to every server started, e.g. a profile of each start:
 *
 *   LS_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npx tsx bench/lsStartup.ts 1 code-cache
 */
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  type LogMessageParams,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from 'vscode-languageserver/node';
import { CODE_CACHE_DIR_ENV, CODE_CACHE_NAME_ENV, CODE_CACHE_TAG_ENV } from '../src/protocol/codeCache';
import { parseTrace, SERVER_TRACE_LOG, StartupTrace } from '../src/protocol/startupTrace';
import { buildSnapshot, snapshotKey, usableSnapshot } from '../src/ui/startupSnapshot/snapshotCache';
import { type Sched, schedOf } from './startupCpu';
import { breakdownLines, mergeTraces, span } from './startupTrace';

const repo = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 3);
const mode = process.argv[3];
const snapshotOnly = mode === 'snapshot' || mode === 'engine-nice' || mode === 'engine-after';
const engineNice = mode === 'engine-nice';
const engineAfter = mode === 'engine-after';
const codeCache = mode === 'code-cache';
/** Node options for every server started, e.g. `--cpu-prof --cpu-prof-dir=DIR` (not allowed in NODE_OPTIONS). */
const serverNodeArgs = (process.env.LS_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
/** The lower priority compared with 0 (`engine-nice [level]`, default 10). */
const lowNice = Number(process.argv[4] ?? 10);
const server = path.join(repo, 'dist/server.js');
const entry = path.join(repo, 'dist/serverSnapshot.js');
const example = fs.readFileSync(path.join(repo, 'examples/vm-insights.kql'), 'utf8');

/** The blob for this build of the entry, built once (at normal priority) into a cache under the temp folder. */
async function snapshotBlob(): Promise<string> {
  const dir = path.join(os.tmpdir(), 'kql-ls-startup-bench');
  const key = snapshotKey({
    runtime: process,
    extensionVersion: 'bench',
    entryText: fs.readFileSync(entry, 'utf8'),
  });
  const ready = usableSnapshot(dir, key, () => undefined);
  if (ready) return ready;
  console.log('building the start-up snapshot…');
  return (await buildSnapshot({ dir, key, nodePath: process.execPath, entry, priority: 0 })).blob;
}

interface Start {
  readonly marks: [string, number][];
  readonly firstWall: number;
  readonly firstCpu: number;
  readonly checked: string;
  /** A completion asked for as the first diagnostics arrived: ms to its answer. */
  readonly completionAtOnceMs: number;
  /** A completion asked for once the server said its warm-up was done: ms to its answer. */
  readonly completionWarmMs: number;
  readonly log: string;
  /**
   * The server's main thread from its process start to the first diagnostics' arrival here: on a core,
   * runnable waiting for one, and asleep (waiting on a message, a timer, a file); undefined off Linux.
   */
  readonly sched?: Sched & { readonly asleepMs: number };
}

/** `| ` in the example's first and second queries: where the two timed completions are asked for. */
const COMPLETE_AT = [
  { line: 2, character: 2 },
  { line: 13, character: 2 },
] as const;
const URI = 'file:///bench/vm-insights.kql';

async function timeCompletion(
  connection: ReturnType<typeof createProtocolConnection>,
  position: { line: number; character: number },
): Promise<number> {
  const asked = performance.now();
  const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position });
  const items = Array.isArray(list) ? list : (list?.items ?? []);
  if (items.length === 0) throw new Error(`no completion items at ${position.line}:${position.character}`);
  return Math.round(performance.now() - asked);
}

/** `onInitialized`: called when the server has answered `initialize`. */
async function startOnce(
  blob: string | undefined,
  onInitialized?: () => void,
  extraEnv: Record<string, string> = {},
  onFirstDiagnostics?: () => void,
  extraArgs: readonly string[] = [],
): Promise<Start> {
  const client = new StartupTrace();
  client.mark('spawnRequested');
  const child = fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv: [...serverNodeArgs, ...extraArgs, ...(blob ? ['--snapshot-blob', blob] : [])],
    env: { ...process.env, ...(blob ? { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' } : {}), ...extraEnv },
    silent: true,
  });
  child.stderr?.on('data', () => undefined);
  child.stdout?.on('data', () => undefined);
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const logs: string[] = [];
  let warmedUp: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => (warmedUp = resolve));
  const complete = new Promise<void>((resolve) => {
    connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      logs.push(p.message);
      if (p.message.startsWith(SERVER_TRACE_LOG)) resolve();
      if (p.message.startsWith('Kusto.Language warmed up')) warmedUp();
    });
  });
  let atOnce: Promise<number> | undefined;
  let sched: Sched | undefined;
  let schedAt = 0;
  connection.onNotification(PublishDiagnosticsNotification.type, () => {
    if (!atOnce) {
      sched = child.pid === undefined ? undefined : schedOf(String(child.pid));
      schedAt = Date.now();
      onFirstDiagnostics?.();
    }
    client.mark('firstDiagnosticsReceived');
    atOnce ??= timeCompletion(connection, COMPLETE_AT[0]);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    // KQL_BENCH_SCHEMA_PENDING=1: as the extension starts the server while a folder's schema loads (the
    // server then leaves unknown names out of its first diagnostics; their time should not change).
    initializationOptions: process.env.KQL_BENCH_SCHEMA_PENDING === '1' ? { schemaPending: true } : undefined,
  });
  client.mark('clientStarted');
  onInitialized?.();
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'kql', version: 1, text: example },
  });
  await complete;
  const completionAtOnceMs = await atOnce!;
  await warm;
  const completionWarmMs = await timeCompletion(connection, COMPLETE_AT[1]);
  await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
  await connection.sendNotification(ExitNotification.type).catch(() => undefined);
  connection.dispose();
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  const text = logs.join('\n');
  const first =
    /First diagnostics sent (\d+) ms after the server process started \((\d+) ms of CPU\), (\d+ of \d+)/.exec(text);
  const marks = mergeTraces(client.marks, parseTrace(text, SERVER_TRACE_LOG));
  const started = marks.find(([k]) => k === 'processStart')?.[1];
  return {
    sched:
      sched && started !== undefined
        ? { ...sched, asleepMs: Math.max(0, schedAt - started - sched.runMs - sched.queuedMs) }
        : undefined,
    marks,
    firstWall: span(marks, 'processStart', 'firstDiagnosticsSent'),
    firstCpu: Number(first?.[2] ?? Number.NaN),
    checked: first?.[3] ?? '?',
    completionAtOnceMs,
    completionWarmMs,
    log: text,
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The engine's first answer as the editor's first Run asks it: `kql` from its snapshot, at OS priority
 * `nice`; ms from `since` (performance.now(); default: the engine's own start).
 */
function engineAnswerMs(
  nice: number,
  since = performance.now(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const started = since;
  const child = spawn(
    'nice',
    ['-n', String(nice), path.join(repo, 'bin/kql.js'), 'VMBoundPort | distinct Computer, Port, ProcessName'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    },
  );
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(Math.round(performance.now() - started)) : reject(new Error(`kql exited ${code}`)),
    ),
  );
}

/** Server starts from the snapshot with the engine beside it at priority 0 and `lowNice`, in turns (see the header). */
async function compareEngineNice(blob: string): Promise<void> {
  if (!fs.existsSync(path.join(repo, 'dist/cli.snapshot.blob')))
    throw new Error('no CLI snapshot: npm run build:snapshot');
  const byNice = new Map<number, { first: number[]; engine: number[] }>([
    [0, { first: [], engine: [] }],
    [lowNice, { first: [], engine: [] }],
  ]);
  for (let i = 0; i < runs; i++) {
    for (const nice of i % 2 ? [lowNice, 0] : [0, lowNice]) {
      const [start, engineMs] = await Promise.all([startOnce(blob), engineAnswerMs(nice)]);
      byNice.get(nice)!.first.push(start.firstWall);
      byNice.get(nice)!.engine.push(engineMs);
    }
  }
  console.log(
    `language server from its snapshot with the engine (kql) starting beside it, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, medians of ${runs}:`,
  );
  const base = byNice.get(0)!;
  for (const [nice, f] of byNice) {
    console.log(
      `  engine at nice ${nice}: first diagnostics ${median(f.first)} ms (${(median(f.first) / median(base.first)).toFixed(2)}× nice 0's), the engine's answer ${median(f.engine)} ms (${(median(f.engine) / median(base.engine)).toFixed(2)}×); all: ${f.first.join(' ')} / ${f.engine.join(' ')}`,
    );
  }
}

/** Server starts from the snapshot with the engine started beside it or after `initialize`, in turns (see the header). */
async function compareEngineAfter(blob: string): Promise<void> {
  if (!fs.existsSync(path.join(repo, 'dist/cli.snapshot.blob')))
    throw new Error('no CLI snapshot: npm run build:snapshot');
  const orders = ['beside the server', "after the server's initialize"] as const;
  const byOrder = new Map(
    orders.map((o) => [o, { first: [] as number[], cpu: [] as number[], engine: [] as number[] }]),
  );
  for (let i = 0; i < runs; i++) {
    for (const order of i % 2 ? [...orders].reverse() : orders) {
      const spawned = performance.now();
      let engine: Promise<number> | undefined = order === orders[0] ? engineAnswerMs(0, spawned) : undefined;
      const start = await startOnce(blob, () => {
        engine ??= engineAnswerMs(0, spawned);
      });
      const f = byOrder.get(order)!;
      f.first.push(start.firstWall);
      f.cpu.push(start.firstCpu);
      f.engine.push(await engine!);
    }
  }
  console.log(
    `language server from its snapshot, the engine (kql) started beside it or after its initialize, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, medians of ${runs}:`,
  );
  const base = byOrder.get(orders[0])!;
  for (const [order, f] of byOrder) {
    console.log(
      `  engine ${order}: first diagnostics ${median(f.first)} ms (${(median(f.first) / median(base.first)).toFixed(2)}×), ${median(f.cpu)} ms of the server's CPU; the engine's answer ${median(f.engine)} ms after the server's spawn (${(median(f.engine) / median(base.engine)).toFixed(2)}×); all: ${f.first.join(' ')} / ${f.engine.join(' ')}`,
    );
  }
}

/** Starts without a snapshot, with Kusto.Language's code cache and without it, in turns (see the header). */
async function compareCodeCache(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-code-cache-bench-'));
  const env = { [CODE_CACHE_DIR_ENV]: dir, [CODE_CACHE_TAG_ENV]: 'bench', [CODE_CACHE_NAME_ENV]: 'server' };
  try {
    const made = await startOnce(undefined, undefined, env);
    const written = /Kusto.Language's code cache written.*/.exec(made.log)?.[0];
    if (!written) throw new Error(`the first start wrote no code cache:\n${made.log}`);
    console.log(`made by a first start: ${written}`);
    const variants = ['without the code cache', 'with the code cache'] as const;
    const by = new Map(
      variants.map((v) => [
        v,
        {
          first: [] as number[],
          cpu: [] as number[],
          load: [] as number[],
          asleep: [] as number[],
          queued: [] as number[],
        },
      ]),
    );
    for (let i = 0; i < runs; i++) {
      for (const v of i % 2 ? [...variants].reverse() : variants) {
        const start = await startOnce(undefined, undefined, v === variants[1] ? env : {});
        if (v === variants[1] && !/code cache: used/.test(start.log))
          throw new Error(`the code cache was not used:\n${start.log}`);
        const f = by.get(v)!;
        f.first.push(start.firstWall);
        f.cpu.push(start.firstCpu);
        f.load.push(Number(/Kusto.Language loaded in (\d+) ms/.exec(start.log)?.[1] ?? Number.NaN));
        f.asleep.push(start.sched?.asleepMs ?? Number.NaN);
        f.queued.push(start.sched?.queuedMs ?? Number.NaN);
      }
    }
    console.log(
      `language server without a snapshot, with and without the code cache in turns, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, medians of ${runs}:`,
    );
    const base = by.get(variants[0])!;
    for (const [v, f] of by) {
      console.log(
        `  ${v}: first diagnostics ${median(f.first)} ms (${(median(f.first) / median(base.first)).toFixed(2)}×), ${median(f.cpu)} ms of its CPU (${(median(f.cpu) / median(base.cpu)).toFixed(2)}×), library loaded in ${median(f.load)} ms; its main thread waited for a core ${Math.round(median(f.queued))} ms and slept ${Math.round(median(f.asleep))} ms; all: ${f.first.join(' ')} / CPU ${f.cpu.join(' ')}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `NAME=value NAME2=value2` as an environment. */
function envFrom(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of text.split(' ').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`LS_BENCH_B_ENV: not NAME=value: ${pair}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** The server as built (A) and with LS_BENCH_B_ARGS / LS_BENCH_B_ENV (B), in turns (see the header). */
async function compareVariants(fromSnapshot: boolean): Promise<void> {
  const blob = fromSnapshot ? await snapshotBlob() : undefined;
  const bArgs = (process.env.LS_BENCH_B_ARGS ?? '').split(' ').filter(Boolean);
  const bEnv = envFrom(process.env.LS_BENCH_B_ENV ?? '');
  if (bArgs.length === 0 && Object.keys(bEnv).length === 0)
    throw new Error('variants: set LS_BENCH_B_ARGS and/or LS_BENCH_B_ENV (what B adds)');
  const labels = ['A (as built)', `B (${[...bArgs, ...Object.entries(bEnv).map(([k, v]) => `${k}=${v}`)].join(' ')})`];
  const dirs = labels.map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'kql-variants-bench-')));
  const cacheEnv = (i: number) => ({
    [CODE_CACHE_DIR_ENV]: dirs[i]!,
    [CODE_CACHE_TAG_ENV]: 'bench',
    [CODE_CACHE_NAME_ENV]: 'server',
    ...(i === 1 ? bEnv : {}),
  });
  const argsOf = (i: number) => (i === 1 ? bArgs : []);
  try {
    for (let i = 0; i < 2 && !blob; i++) {
      const made = await startOnce(undefined, undefined, cacheEnv(i), undefined, argsOf(i));
      if (!/Kusto.Language's code cache written/.test(made.log)) throw new Error(`${labels[i]} wrote no code cache`);
    }
    const by = labels.map(() => ({
      first: [] as number[],
      cpu: [] as number[],
      main: [] as number[],
      load: [] as number[],
      completeCpu: [] as number[],
      completion: [] as number[],
    }));
    for (let r = 0; r < runs; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const start = await startOnce(
          blob,
          undefined,
          blob ? (i === 1 ? bEnv : {}) : cacheEnv(i),
          undefined,
          argsOf(i),
        );
        if (blob && !/initialised in the start-up snapshot/.test(start.log))
          throw new Error(`${labels[i]}: not started from the snapshot`);
        if (!blob && !/code cache: used/.test(start.log))
          throw new Error(
            `${labels[i]}: the code cache was not used: ${/Kusto.Language loaded.*/.exec(start.log)?.[0]}`,
          );
        by[i]!.first.push(start.firstWall);
        by[i]!.cpu.push(start.firstCpu);
        by[i]!.completeCpu.push(
          Number(
            /First complete diagnostics sent \d+ ms after the server process started \((\d+) ms of CPU\)/.exec(
              start.log,
            )?.[1] ?? Number.NaN,
          ),
        );
        by[i]!.completion.push(start.completionAtOnceMs);
        by[i]!.main.push(Number(/its main thread (\d+) ms of CPU/.exec(start.log)?.[1] ?? Number.NaN));
        by[i]!.load.push(Number(/Kusto.Language loaded in (\d+) ms/.exec(start.log)?.[1] ?? Number.NaN));
      }
    }
    console.log(
      `language server ${blob ? 'from its start-up snapshot' : 'without a snapshot, with its code cache'}, A and B in turns, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, medians of ${runs}:`,
    );
    for (let i = 0; i < 2; i++) {
      const f = by[i]!;
      const a = by[0]!;
      console.log(
        `  ${labels[i]}: first diagnostics ${median(f.first)} ms (${(median(f.first) / median(a.first)).toFixed(2)}×), ${median(f.cpu)} ms of its CPU (${(median(f.cpu) / median(a.cpu)).toFixed(2)}×), ${median(f.main)} ms of it on its main thread (${(median(f.main) / median(a.main)).toFixed(2)}×), library loaded in ${median(f.load)} ms; the whole file's diagnostics after ${median(f.completeCpu)} ms of CPU (${(median(f.completeCpu) / median(a.completeCpu)).toFixed(2)}×); a completion asked then answered in ${median(f.completion)} ms; all: ${f.first.join(' ')} / CPU ${f.cpu.join(' ')} / main ${f.main.join(' ')}`,
      );
    }
  } finally {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A first start without snapshots (code-server's first, desktop VS Code's every start): the server and
 * the engine (`kql` without its snapshot: the library loaded and its first analysis, as in the worker)
 * started together, or the engine held until the server's first diagnostics, in turns (see the header).
 */
async function compareFirstStartOrder(): Promise<void> {
  const orders = ['beside the server', "after the server's first diagnostics"] as const;
  const byOrder = new Map(
    orders.map((o) => [o, { first: [] as number[], cpu: [] as number[], engine: [] as number[] }]),
  );
  const env = { ...process.env, KQL_NO_SNAPSHOT: '1' };
  for (let i = 0; i < runs; i++) {
    for (const order of i % 2 ? [...orders].reverse() : orders) {
      const spawned = performance.now();
      let engine: Promise<number> | undefined = order === orders[0] ? engineAnswerMs(0, spawned, env) : undefined;
      const start = await startOnce(undefined, undefined, {}, () => {
        engine ??= engineAnswerMs(0, spawned, env);
      });
      const f = byOrder.get(order)!;
      f.first.push(start.firstWall);
      f.cpu.push(start.firstCpu);
      f.engine.push(await engine!);
    }
  }
  console.log(
    `first start (no snapshots): the engine (kql without its snapshot) started beside the server or after its first diagnostics, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, medians of ${runs}:`,
  );
  const base = byOrder.get(orders[0])!;
  for (const [order, f] of byOrder) {
    console.log(
      `  engine ${order}: first diagnostics ${median(f.first)} ms (${(median(f.first) / median(base.first)).toFixed(2)}×), ${median(f.cpu)} ms of the server's CPU; the engine's answer ${median(f.engine)} ms after the server's spawn (${(median(f.engine) / median(base.engine)).toFixed(2)}×); all: ${f.first.join(' ')} / ${f.engine.join(' ')}`,
    );
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(server) || !fs.existsSync(entry)) throw new Error('no dist/server.js: npm run build first');
  if (codeCache) return compareCodeCache();
  if (mode === 'first-start-order') return compareFirstStartOrder();
  if (mode === 'variants') return compareVariants(process.argv[4] === 'snapshot');
  const blob = await snapshotBlob();
  if (engineNice) return compareEngineNice(blob);
  if (engineAfter) return compareEngineAfter(blob);
  for (const [label, from] of [
    ['from the start-up snapshot', blob],
    ['without a snapshot (a first start)', undefined],
  ] as const) {
    if (snapshotOnly && !from) continue;
    const starts: Start[] = [];
    for (let i = 0; i < runs; i++) starts.push(await startOnce(from));
    const wall = median(starts.map((s) => s.firstWall));
    const cpu = median(starts.map((s) => s.firstCpu));
    console.log(
      `language server ${label}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, median of ${runs}:`,
    );
    console.log(
      `  first diagnostics ${wall} ms after the process started (${(wall / 1000).toFixed(2)}× the 1 s target), ${cpu} ms of its CPU (${(cpu / 1000).toFixed(2)}×); spawn requested → first diagnostics at the client ${median(starts.map((s) => span(s.marks, 'spawnRequested', 'firstDiagnosticsReceived')))} ms`,
    );
    console.log(
      `  completion asked as the first diagnostics arrive: ${median(starts.map((s) => s.completionAtOnceMs))} ms; after the warm-up: ${median(starts.map((s) => s.completionWarmMs))} ms (medians)`,
    );
    const sched = starts.map((s) => s.sched).filter((x) => x !== undefined);
    if (sched.length)
      console.log(
        `  the server's main thread, process start → first diagnostics here (medians): on a core ${Math.round(median(sched.map((x) => x.runMs)))} ms, runnable waiting for a core ${Math.round(median(sched.map((x) => x.queuedMs)))} ms, asleep ${Math.round(median(sched.map((x) => x.asleepMs)))} ms`,
      );
    const warmLog = /Kusto.Language warmed up in .*/.exec(starts[0]!.log)?.[0];
    if (warmLog) console.log(`  ${warmLog}`);
    console.log(`  the median start's trace (${starts[0]!.checked} queries in the first diagnostics):`);
    const mid = [...starts].sort((a, b) => a.firstWall - b.firstWall)[Math.floor(starts.length / 2)]!;
    for (const line of breakdownLines(mid.marks, '    ')) console.log(line);
  }
}

main().catch((e: unknown) => {
  console.error(`lsStartup bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
