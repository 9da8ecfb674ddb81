/**
 * End-to-end figures measured in a real VS Code (code-server + headless Chromium, as test/e2e runs it):
 *  - extension activation time, as VS Code itself reports it in "Developer: Show Running Extensions"
 *    (code loading + activate()); reference: the median of the built-in extensions activated in the
 *    same session, measured by the same editor;
 *  - time from the click on a "Run" CodeLens to the results grid's first paint (the webview marks
 *    `kql-grid-painted`); reference: the local engine's own time for the query, shown in the panel's
 *    status line. The first run starts the engine's worker and loads the sample workspace (cold); the
 *    next runs are warm.
 *
 *  - the language server's first diagnostics, in milliseconds after its process started (it logs
 *    the figure to its output channel, which VS Code writes to a log file); target ≤ 1 s;
 *  - the first Run, clicked as soon as its CodeLens shows after activation (while the engine's worker
 *    and the language server are still starting), answered (grid painted) within the target of 2 s.
 *
 * Both for a user's first start (no start-up snapshot yet: the extension builds the language server's
 * in the background) and, once that snapshot is there, a second start of the same user data (the
 * server forked from it), with the second's ratio to the first; then a third with the snapshots deleted,
 * as desktop VS Code (Electron) starts every time: no snapshot, but Kusto.Language's V8 code cache
 * made by the earlier starts (src/kql/libraryCodeCache.ts), where the build has one.
 *
 *   npx tsx bench/e2e.ts [warm-runs]      (default 5; needs test/e2e/setup.sh and a built VSIX)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLIENT_TRACE_LOG, parseTrace, SERVER_TRACE_LOG } from '../src/protocol/startupTrace';
import { clickRunLens, seedBlock } from '../test/e2e/codeLens';
import { startCodeServer } from '../test/e2e/codeServer';
import { readGrid } from '../test/e2e/resultsPanel';
import { launchChromium, Workbench, waitFor } from '../test/e2e/workbench';
import { engineTrace, findFiles, reportEngineBreakdown } from './e2eEngineTrace';
import {
  type CpuShares,
  CpuTimeline,
  SHORTEST_STEP_MS,
  type ServerState,
  serverState,
  sharesLine,
  stepLine,
} from './startupCpu';
import { breakdownLines, mergeTraces, span } from './startupTrace';

const repo = path.resolve(__dirname, '..');
const warmRuns = Number(process.argv[2] ?? 5);
const SEED = '// List the bound ports on your VMs';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function codeServerDir(): string {
  if (process.env.CODE_SERVER_DIR) {
    return process.env.CODE_SERVER_DIR;
  }
  const setup = spawnSync('bash', [path.join(repo, 'test/e2e/setup.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (setup.status !== 0) {
    throw new Error('test/e2e/setup.sh failed');
  }
  return setup.stdout.trim().split('\n').pop()!;
}

/** Activation times (ms) by extension name, from VS Code's Running Extensions editor. */
async function activationTimes(wb: Workbench): Promise<Map<string, number>> {
  await wb.runCommand('Developer: Show Running Extensions');
  const rows = wb.page.locator('.runtime-extensions-editor .monaco-list-row');
  const texts = await waitFor('the Running Extensions list', async () => {
    const all = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    return all.some((t) => t.includes('Connection Analytics')) ? all : undefined;
  });
  const times = new Map<string, number>();
  for (const text of texts) {
    // "Connection Analytics for VM insights0.1.0 127.0.0.1:42269Activation: 338ms"
    const m = /^(.*?)\d+\.\d+\.\d+.*?Activation: (\d+)ms/.exec(text);
    if (m) {
      times.set(m[1]!, Number(m[2]));
    }
  }
  await wb.runCommand('View: Close Editor');
  return times;
}

/**
 * The language server's own figures: its first diagnostics, in ms after its process started and in ms
 * of its CPU, from the logs written since `since` (a second start's session has its own log folder);
 * and whether it started from the start-up snapshot.
 */
async function firstDiagnosticsMs(userDataDir: string, since: number): Promise<Diagnostics> {
  return waitFor(
    "the language server's first-diagnostics line in its log",
    async () => {
      for (const file of findFiles(userDataDir, 'Connection Analytics Language Server')) {
        if (fs.statSync(file).mtimeMs < since) continue;
        const text = fs.readFileSync(file, 'utf8');
        const m =
          /First diagnostics sent (\d+) ms after the server process started \((\d+) ms of CPU\)(?:, (\d+) of (\d+) queries)?/.exec(
            text,
          );
        const all =
          /First complete diagnostics sent (\d+) ms after the server process started \((\d+) ms of CPU\)/.exec(text);
        if (m && (all || !m[3]))
          return {
            wall: Number(m[1]),
            cpu: Number(m[2]),
            checked: m[3] ? `${m[3]} of ${m[4]}` : 'all',
            completeWall: Number(all?.[1] ?? m[1]),
            completeCpu: Number(all?.[2] ?? m[2]),
            fromSnapshot: text.includes('start-up snapshot'),
            codeCache: /\(code cache: ([^)]+)\)/.exec(text)?.[1],
            trace: mergeTraces(clientTrace(userDataDir, since), parseTrace(text, SERVER_TRACE_LOG)),
          };
      }
      return undefined;
    },
    60_000,
  );
}

/** The language client's start-up trace, from the extension's own log of the start since `since`. */
function clientTrace(userDataDir: string, since: number) {
  for (const file of findFiles(userDataDir, 'Connection Analytics')) {
    if (fs.statSync(file).mtimeMs < since) continue;
    const marks = parseTrace(fs.readFileSync(file, 'utf8'), CLIENT_TRACE_LOG);
    if (marks) return marks;
  }
  return undefined;
}

/** Whether the local engine of the start since `since` started from its snapshot (the extension logs it). */
function engineFromSnapshot(userDataDir: string, since: number): boolean {
  return findFiles(userDataDir, 'Connection Analytics').some(
    (file) =>
      fs.statSync(file).mtimeMs >= since &&
      fs.readFileSync(file, 'utf8').includes('Local engine: started from its start-up snapshot'),
  );
}

/**
 * Waits for the extension's background build of a start-up snapshot (its record is written last): the
 * language server's (`startup-snapshot`) or the local engine's (`startup-snapshot-engine`).
 */
async function snapshotBuilt(userDataDir: string, folder = 'startup-snapshot'): Promise<string> {
  const dir = path.join(userDataDir, 'User/globalStorage/connection-analytics.connection-analytics', folder);
  return waitFor(
    `the ${folder} built in the background`,
    async () => {
      const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      const meta = names.find((n) => n.endsWith('.json') && !n.includes('.tmp'));
      return meta ? fs.readFileSync(path.join(dir, meta), 'utf8') : undefined;
    },
    300_000,
  );
}

interface Diagnostics {
  readonly wall: number;
  readonly cpu: number;
  /** How many of the document's queries the first (early) publication covered. */
  readonly checked: string;
  readonly completeWall: number;
  readonly completeCpu: number;
  readonly fromSnapshot: boolean;
  /** How Kusto.Language's code cache served a start without a snapshot (used, absent, rejected, …). */
  readonly codeCache?: string;
  /** Both sides' start-up marks on one clock, in order (see bench/startupTrace.ts). */
  readonly trace: [string, number][];
}

interface RunTiming {
  /** Date.now() of the grid's first paint (the page's clock: the same machine's). */
  readonly paintedAt: number;
  readonly clickToPaintMs: number;
  readonly engineMs: number;
}

/** Clicks the seed's Run lens and times the click (mouse-up in the page) to the grid's next first paint. */
async function timeRun(wb: Workbench, workspace: string): Promise<RunTiming> {
  await wb.page.evaluate(() => {
    const w = globalThis as unknown as {
      __kqlClickAt?: number;
      addEventListener: (t: string, f: () => void, c: boolean) => void;
    };
    w.addEventListener('mouseup', () => (w.__kqlClickAt = performance.timeOrigin + performance.now()), true);
  });
  await clickRunLens(wb, seedBlock(workspace, SEED));
  const clickAt = await wb.page.evaluate(() => (globalThis as unknown as { __kqlClickAt: number }).__kqlClickAt);
  const painted = await waitFor(
    'the grid painted after the click',
    async () => {
      for (const frame of wb.page.frames()) {
        const at = await frame
          .evaluate((after) => {
            const marks = performance
              .getEntriesByName('kql-grid-painted')
              .map((m) => performance.timeOrigin + m.startTime);
            const next = marks.filter((t) => t >= after).sort((a, b) => a - b)[0];
            return next;
          }, clickAt)
          .catch(() => undefined);
        if (at !== undefined) {
          const grid = await readGrid(frame);
          const engine = /([\d.]+) (ms|s) · local engine/.exec(grid?.status ?? '');
          if (engine) {
            return { at, engineMs: Number(engine[1]) * (engine[2] === 's' ? 1000 : 1) };
          }
        }
      }
      return undefined;
    },
    120_000,
  );
  return { paintedAt: painted.at, clickToPaintMs: painted.at - clickAt, engineMs: painted.engineMs };
}

interface StartFigures {
  readonly activationMs: number | undefined;
  readonly referenceMs: number;
  readonly builtIns: number;
  readonly diagnostics: Diagnostics;
  readonly cold: RunTiming;
  readonly warm: RunTiming[];
  /** The 1-minute load average when the start began: on a shared machine, the wall clock measures it too. */
  readonly load: number;
  readonly engineFromSnapshot: boolean;
  /** The engine's side of the first Run (e2eEngineTrace.ts). */
  readonly engine: EngineFigures;
  /** Who had the cores from activation to the first diagnostics, and to the first Run's answer. */
  readonly toDiagnostics: CpuShares | undefined;
  readonly toFirstRun: CpuShares | undefined;
  /** Who had the cores between two epoch-ms moments of the start (for the trace's steps). */
  readonly cpuBetween: (from: number, to: number) => CpuShares | undefined;
}

interface EngineFigures {
  readonly trace: ReturnType<typeof engineTrace>;
  readonly shares: CpuShares | undefined;
}

/** One start of the workbench: the first Run as soon as it can be clicked, warm runs, the server's figure. */
async function measureStart(url: string, userDataDir: string, workspace: string): Promise<StartFigures> {
  const since = Date.now() - 1000;
  const load = os.loadavg()[0]!;
  const browser = await launchChromium();
  try {
    const wb = await Workbench.open(browser, url);
    const timeline = new CpuTimeline(50);
    let cold: RunTiming;
    let diagnostics: Diagnostics;
    const lensAwaited = Date.now();
    try {
      await wb.openFile('vm-insights.kql'); // onLanguage:kql activates the extension.
      cold = await timeRun(wb, workspace);
      diagnostics = await firstDiagnosticsMs(userDataDir, since);
    } finally {
      timeline.stop();
    }
    const activatedAt = diagnostics.trace.find(([k]) => k === 'activate')?.[1] ?? Number.NaN;
    const sentAt = diagnostics.trace.find(([k]) => k === 'firstDiagnosticsSent')?.[1] ?? Number.NaN;
    const warm: RunTiming[] = [];
    for (let i = 0; i < warmRuns; i++) {
      warm.push(await timeRun(wb, workspace));
    }
    const times = await activationTimes(wb);
    const ours = [...times].find(([name]) => name.startsWith('Connection Analytics'))?.[1];
    const builtIns = [...times].filter(([name]) => !name.startsWith('Connection Analytics')).map(([, ms]) => ms);
    return {
      activationMs: ours,
      referenceMs: builtIns.length ? median(builtIns) : NaN,
      builtIns: builtIns.length,
      diagnostics,
      cold,
      warm,
      load,
      engineFromSnapshot: engineFromSnapshot(userDataDir, since),
      engine: { trace: engineTrace(userDataDir, since), shares: timeline.between(lensAwaited, cold.paintedAt) },
      toDiagnostics: timeline.between(activatedAt, sentAt),
      toFirstRun: timeline.between(activatedAt, cold.paintedAt),
      cpuBetween: (from, to) => timeline.between(from, to),
    };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

const verdict = (ms: number, target: number) =>
  `${(ms / target).toFixed(2)}× the target of ${target} ms → ${ms <= target ? 'met' : 'NOT met'}`;

function report(title: string, f: StartFigures): void {
  console.log(`  ${title}, load average ${f.load.toFixed(1)} on ${os.cpus().length} cores`);
  console.log(
    `    activation: ${f.activationMs} ms  (reference: median of ${f.builtIns} built-in extensions in the same session ${f.referenceMs} ms; ratio ${(Number(f.activationMs) / f.referenceMs).toFixed(2)}×)`,
  );
  const d = f.diagnostics;
  console.log(
    `    language server${d.fromSnapshot ? ' (from its start-up snapshot)' : ''}${d.codeCache ? ` (code cache: ${d.codeCache})` : ''}, first diagnostics: ${d.wall} ms after its process started, ${d.cpu} ms of its CPU, ${d.checked} queries checked  (${verdict(d.wall, 1000)}; in CPU ${verdict(d.cpu, 1000)})`,
  );
  console.log(
    `    language server, from the kernel's process start (Node's own clock starts ${span(d.trace, 'processStart', 'nodeTimeOrigin')} ms later): first diagnostics sent at ${span(d.trace, 'processStart', 'firstDiagnosticsSent')} ms (${verdict(span(d.trace, 'processStart', 'firstDiagnosticsSent'), 1000)}); trace:`,
  );
  const cores = os.cpus().length;
  // Steps before the server's process existed say nothing of it (the client's side is in the lines).
  const spawned = d.trace.find(([k]) => k === 'processStart')?.[1] ?? Number.NaN;
  const during = (from: number, to: number) =>
    from >= spawned ? stepLine(f.cpuBetween(from, to), cores, to - from) : undefined;
  for (const line of breakdownLines(d.trace, undefined, during)) console.log(line);
  console.log(`    ${waitingLine(d.trace, f.cpuBetween)}`);
  console.log(
    `    language server, the whole file's diagnostics: ${d.completeWall} ms after its process started, ${d.completeCpu} ms of its CPU  (${verdict(d.completeWall, 1000)}; in CPU ${verdict(d.completeCpu, 1000)})`,
  );
  console.log(
    `    first Run after activation (engine ${f.engineFromSnapshot ? 'process from its start-up snapshot' : 'worker thread'}), click → first grid paint: ${f.cold.clickToPaintMs.toFixed(0)} ms  (engine ${f.cold.engineMs.toFixed(0)} ms, ratio ${(f.cold.clickToPaintMs / Math.max(f.cold.engineMs, 1)).toFixed(1)}×; ${verdict(f.cold.clickToPaintMs, 2000)})`,
  );
  const warmPaint = median(f.warm.map((r) => r.clickToPaintMs));
  const warmEngine = median(f.warm.map((r) => r.engineMs));
  console.log(
    `    Run click → first grid paint, warm median of ${f.warm.length}: ${warmPaint.toFixed(0)} ms  (reference: engine time ${warmEngine.toFixed(0)} ms; ratio ${(warmPaint / Math.max(warmEngine, 1)).toFixed(1)}×)`,
  );
  console.log(`    ${sharesLine('CPU from activation to the first diagnostics sent', f.toDiagnostics, cores)}`);
  console.log(`    ${sharesLine("CPU from activation to the first Run's answer", f.toFirstRun, cores)}`);
}

/**
 * From the server's process start to its first diagnostics, the steps of the trace by what the server's
 * main thread mostly did (see serverState): the asleep ones are where it waited on a message or on
 * something of ours, the starved ones on the other processes; steps too short to split counted apart.
 */
function waitingLine(
  marks: [string, number][],
  cpuBetween: (from: number, to: number) => CpuShares | undefined,
): string {
  const start = marks.find(([k]) => k === 'processStart')?.[1];
  const end = marks.find(([k]) => k === 'firstDiagnosticsSent')?.[1];
  if (start === undefined || end === undefined) return 'server running / starved / asleep: (no trace)';
  const total: Record<ServerState | 'short', number> = { running: 0, starved: 0, asleep: 0, short: 0 };
  const asleep: string[] = [];
  let previous: [string, number] | undefined;
  for (const mark of marks) {
    const [name, at] = mark;
    if (previous && previous[1] >= start && at <= end) {
      const shares = cpuBetween(previous[1], at);
      const wall = at - previous[1];
      const state = !shares || wall < SHORTEST_STEP_MS ? 'short' : serverState(shares).state;
      total[state] += wall;
      if (state === 'asleep') asleep.push(`${previous[0]} → ${name} ${wall} ms`);
    }
    previous = mark;
  }
  const whole = cpuBetween(start, end);
  const overall = whole
    ? `on a core ${Math.round(whole.server.runMs)} ms, waiting for one ${Math.round(whole.server.queuedMs)} ms, asleep ${serverState(whole).sleptMs.toFixed(0)} ms; `
    : '';
  return `server's main thread, process start → first diagnostics (${end - start} ms): ${overall}by step: mostly running ${total.running} ms, mostly starved of a core ${total.starved} ms, mostly asleep ${total.asleep} ms${asleep.length ? ` (${asleep.join('; ')})` : ''}, steps under ${SHORTEST_STEP_MS} ms ${total.short} ms`;
}

async function main(): Promise<void> {
  const vsix = process.env.KQL_VSIX ?? path.join(repo, 'dist-vsix/connection-analytics.vsix');
  if (!fs.existsSync(vsix)) {
    console.log(`e2e bench skipped: no VSIX at ${vsix} (npm run package)`);
    return;
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-bench-'));
  fs.copyFileSync(path.join(repo, 'examples/vm-insights.kql'), path.join(workspace, 'vm-insights.kql'));
  const dir = codeServerDir();
  const first = await startCodeServer({ codeServerDir: dir, vsix, workspace });
  let second: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let third: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  try {
    const cold = await measureStart(first.url, first.userDataDir, workspace);
    const built = JSON.parse(await snapshotBuilt(first.userDataDir)) as { size: number; buildMs: number };
    const engineBuilt = JSON.parse(await snapshotBuilt(first.userDataDir, 'startup-snapshot-engine')) as {
      size: number;
      buildMs: number;
    };
    await first.stop();
    second = await startCodeServer({ codeServerDir: dir, vsix, workspace, restartFrom: first });
    const again = await measureStart(second.url, second.userDataDir, workspace);
    await second.stop();
    const storage = path.join(second.userDataDir, 'User/globalStorage/connection-analytics.connection-analytics');
    for (const folder of ['startup-snapshot', 'startup-snapshot-engine'])
      fs.rmSync(path.join(storage, folder), { recursive: true, force: true });
    const codeCache = fs.existsSync(path.join(storage, 'code-cache'))
      ? fs.readdirSync(path.join(storage, 'code-cache')).filter((n) => n.endsWith('.v8cache'))
      : [];
    third = await startCodeServer({ codeServerDir: dir, vsix, workspace, restartFrom: second });
    const desktop = await measureStart(third.url, third.userDataDir, workspace);

    console.log('e2e (code-server 4.100.3 / VS Code 1.100.3, headless Chromium)');
    report('first start (no start-up snapshot yet)', cold);
    console.log(
      `  the language server's start-up snapshot, built in the background after the first start: ${(built.size / 1048576).toFixed(0)} MB in ${(built.buildMs / 1000).toFixed(1)} s (lowest priority)`,
    );
    console.log(
      `  the local engine's start-up snapshot, built likewise: ${(engineBuilt.size / 1048576).toFixed(0)} MB in ${(engineBuilt.buildMs / 1000).toFixed(1)} s`,
    );
    report('second start (the same user data, snapshot built)', again);
    report(
      `third start, snapshots deleted (as desktop VS Code starts; ${codeCache.length ? `code cache: ${codeCache.length} files` : 'no code cache'})`,
      desktop,
    );
    reportEngineBreakdown('first start', cold.engine.trace, cold.engine.shares);
    reportEngineBreakdown('second start', again.engine.trace, again.engine.shares);
    console.log(
      `  second start / first start: first diagnostics ${(again.diagnostics.wall / cold.diagnostics.wall).toFixed(2)}× wall, ${(again.diagnostics.cpu / cold.diagnostics.cpu).toFixed(2)}× CPU; first Run ${(again.cold.clickToPaintMs / cold.cold.clickToPaintMs).toFixed(2)}×`,
    );
    console.log(
      `  third start / first start: first diagnostics ${(desktop.diagnostics.wall / cold.diagnostics.wall).toFixed(2)}× wall, ${(desktop.diagnostics.cpu / cold.diagnostics.cpu).toFixed(2)}× CPU; first Run ${(desktop.cold.clickToPaintMs / cold.cold.clickToPaintMs).toFixed(2)}×`,
    );
  } finally {
    await first.stop();
    await second?.stop();
    await third?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(path.dirname(first.logFile), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`e2e bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
