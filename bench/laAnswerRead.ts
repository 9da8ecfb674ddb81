/**
 * How long a large Log Analytics answer holds the extension host's event loop while it is read: a
 * loopback https server (a child process) answers 500,000 rows (22 MB: e2e 111's answer; BENCH_SHAPE=wide
 * for bench/logAnalyticsAnswer.ts's 12 VMConnection-like columns, 97 MB) and `LogAnalyticsBackend.run`
 * reads them, in turns: on this thread (`readAnswersInline`, as before answerOffThread.ts), in the worker
 * given the body's text (as before bodyBytes.ts), in the worker given its bytes and sending its row
 * batches as row arrays (as before answerBatchColumns.ts), and given its bytes sending them by column.
 * During each run a
 * `monitorEventLoopDelay` histogram records how late the loop was: its max is the longest a command,
 * a keystroke or a picker waited. Printed per mode (medians of BENCH_RUNS): max and p99 delay, the
 * run's wall time, the process's peak RSS during the run (sampled every 5 ms: the host and its worker),
 * and the ratios of the others to the columns, with the load average.
 *
 *   npm run bench -- laAnswerRead
 *   BENCH_ROWS=100000 BENCH_RUNS=5 node --import tsx --expose-gc bench/laAnswerRead.ts
 */
import { fork } from 'node:child_process';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as WorkerThreads from 'node:worker_threads';
import { LogAnalyticsBackend } from '../src/backends/logAnalytics';
import { setDefaultBatchEncoding } from '../src/backends/logAnalytics/answerOffThread';
import { makeCertificate } from '../test/backends/logAnalytics/loopbackServer';
import { answerBody, loopbackBackendOptions } from './logAnalyticsAnswer';

/** e2e 111's answer (test/e2e/scenarios/qaWalkQueries.ts): 3 columns, 22 MB for 500,000 rows. */
function narrowBody(rows: number): Buffer {
  const start = Date.parse('2026-12-06T00:00:00Z');
  const parts: string[] = [];
  for (let i = 0; i < rows; i++) {
    parts.push(`["${new Date(start + i * 100).toISOString()}","qa-big-${i % 997}",${i}]`);
  }
  const columns = [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'Sequence', type: 'long' },
  ];
  return Buffer.from(
    `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(columns)},"rows":[${parts.join(',')}]}]}`,
  );
}

const ROWS = Number(process.env.BENCH_ROWS ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_TRACE=1: also print when, in each run, the loop was held over 40 ms. */
const TRACE = process.env.BENCH_TRACE === '1';

interface Figures {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly rows: number;
}

type Mode = 'inline' | 'text' | 'bytes' | 'columns';
/** BENCH_MODES=bytes,columns: only those (the host thread's read takes the longest). */
const MODES = (process.env.BENCH_MODES?.split(',') ?? ['inline', 'text', 'bytes', 'columns']) as readonly Mode[];
const LABEL: Record<Mode, string> = {
  inline: 'read on the host thread            ',
  text: 'worker, given the text             ',
  bytes: 'worker, bytes, batches as rows     ',
  columns: 'worker, bytes, batches by column   ',
};

/**
 * BENCH_TRACE: when the host took in the worker's first batch and its last message, seen by wrapping
 * Worker's emit (answerOffThread.ts requires worker_threads when it first reads), so that a stall is
 * placed before or during the batches' intake.
 */
const intake = { first: -1, last: -1, handlerMax: 0, gcMax: 0, gcTotal: 0, gcKind: '' };
if (TRACE) {
  const proto = WorkerThreads.Worker.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'message') {
      const kind = (args[0] as { kind?: string }).kind;
      if ((kind === 'rows' || kind === 'columns') && intake.first < 0) {
        intake.first = performance.now();
      }
      const start = performance.now();
      const result = emit.call(this, event, ...args);
      intake.last = performance.now();
      intake.handlerMax = Math.max(intake.handlerMax, intake.last - start);
      return result;
    }
    return emit.call(this, event, ...args);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (intake.first >= 0 && e.startTime >= intake.first) {
        intake.gcTotal += e.duration;
        if (e.duration > intake.gcMax) {
          intake.gcMax = e.duration;
          const kind = (e as { detail?: { kind?: number } }).detail?.kind;
          intake.gcKind =
            { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak callbacks' }[kind ?? 0] ?? String(kind);
        }
      }
    }
  }).observe({ entryTypes: ['gc'] });
}

async function once(endpoint: string, ca: string, mode: Mode): Promise<Figures> {
  const backend = new LogAnalyticsBackend({
    ...loopbackBackendOptions(endpoint, ca),
    readAnswersInline: mode === 'inline',
    answerBytesFrom: mode === 'bytes' || mode === 'columns' ? undefined : Number.POSITIVE_INFINITY,
  });
  setDefaultBatchEncoding(mode === 'columns' ? 'columns' : 'rows');
  (globalThis as { gc?: () => void }).gc?.();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t0 = performance.now();
  const gaps: string[] = [];
  let intakeMax = 0;
  let outsideMax = 0;
  Object.assign(intake, { first: -1, handlerMax: 0, gcMax: 0, gcTotal: 0, gcKind: '' });
  let peakRss = process.memoryUsage.rss();
  const rssProbe = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 5);
  let last = t0;
  const probe = TRACE
    ? setInterval(() => {
        const now = performance.now();
        const during = intake.first >= 0 && last >= intake.first - 5;
        if (during) {
          intakeMax = Math.max(intakeMax, now - last);
        } else {
          outsideMax = Math.max(outsideMax, now - last);
        }
        if (now - last > 40) {
          gaps.push(`${(last - t0).toFixed(0)}+${(now - last).toFixed(0)}`);
        }
        last = now;
      }, 5)
    : undefined;
  const result = await backend.run('VMConnection', { rowLimit: 1_000_000 });
  const wallMs = performance.now() - t0;
  // A turn of the timers before stopping: a read that ends the run is recorded only when the loop's
  // next timer sees how late it is.
  await new Promise((resolve) => setTimeout(resolve, 30));
  histogram.disable();
  clearInterval(probe);
  clearInterval(rssProbe);
  if (TRACE) {
    console.log(`    ${mode}: gaps over 40 ms (start+length): ${gaps.join(' ')}`);
    console.log(
      `    ${mode}: batches taken in from ${(intake.first - t0).toFixed(0)} to ${(intake.last - t0).toFixed(0)} ms; longest gap before ${outsideMax.toFixed(0)} ms, during ${intakeMax.toFixed(0)} ms; longest batch handler ${intake.handlerMax.toFixed(0)} ms; GC during: longest ${intake.gcMax.toFixed(0)} ms (${intake.gcKind}), total ${intake.gcTotal.toFixed(0)} ms`,
    );
  }
  return {
    maxMs: histogram.max / 1e6,
    p99Ms: histogram.percentile(99) / 1e6,
    wallMs,
    peakRssMb: peakRss / 1024 / 1024,
    rows: result.tables[0]!.rows.length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The loopback server, in a child process (this file with `serve`): encrypting 97 MB for TLS took the
 * bench's own loop 0.5 s when it served from this process, a stall the extension host never has.
 */
function serve(): void {
  const body = process.env.BENCH_SHAPE === 'wide' ? answerBody(ROWS) : narrowBody(ROWS);
  const { key, cert } = makeCertificate();
  const server = https.createServer({ key, cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    process.send!({ port: (server.address() as AddressInfo).port, cert, bytes: body.length });
  });
  process.on('disconnect', () => process.exit(0));
}

async function main(): Promise<void> {
  const child = fork(__filename, ['serve'], { execArgv: ['--import', 'tsx'] });
  const { port, cert, bytes } = await new Promise<{ port: number; cert: string; bytes: number }>((resolve, reject) => {
    child.once('message', resolve as (m: unknown) => void);
    child.once('exit', (code) => reject(new Error(`the answer's server exited (${code})`)));
  });
  const endpoint = `https://127.0.0.1:${port}/v1`;
  try {
    console.log(
      `  ${ROWS.toLocaleString('en-US')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB (served by a child process); ${RUNS} runs each, alternating`,
    );
    console.log(
      `  load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const figures: Record<Mode, Figures[]> = { inline: [], text: [], bytes: [], columns: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const mode of MODES) {
        const f = await once(endpoint, cert, mode);
        if (f.rows !== ROWS) {
          throw new Error(`${mode}: ${f.rows} rows, expected ${ROWS}`);
        }
        figures[mode].push(f);
      }
    }
    const m = (mode: Mode, k: keyof Figures): number => median(figures[mode].map((f) => f[k]));
    for (const mode of MODES) {
      console.log(
        `  ${LABEL[mode]}: event loop delay max ${m(mode, 'maxMs').toFixed(0)} ms, p99 ${m(mode, 'p99Ms').toFixed(0)} ms; run ${m(mode, 'wallMs').toFixed(0)} ms wall, peak RSS ${m(mode, 'peakRssMb').toFixed(0)} MB  [max per run: ${figures[mode].map((f) => f.maxMs.toFixed(0)).join(', ')}]`,
      );
    }
    for (const from of (['inline', 'text', 'bytes'] as const).filter(
      (f) => MODES.includes(f) && MODES.includes('columns'),
    )) {
      console.log(
        `  ${from} / columns: max delay ×${(m(from, 'maxMs') / m('columns', 'maxMs')).toFixed(1)}, p99 ×${(m(from, 'p99Ms') / m('columns', 'p99Ms')).toFixed(1)}, wall ×${(m(from, 'wallMs') / m('columns', 'wallMs')).toFixed(2)}, peak RSS ×${(m(from, 'peakRssMb') / m('columns', 'peakRssMb')).toFixed(2)}`,
      );
    }
    console.log(
      `  load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    child.disconnect();
  }
}

if (process.argv[2] === 'serve') {
  serve();
} else {
  void main();
}
