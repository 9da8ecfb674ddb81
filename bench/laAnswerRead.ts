/**
 * How long a large Log Analytics answer holds the extension host's event loop while it is read: a
 * loopback https server (a child process) answers 500,000 rows (22 MB: e2e 111's answer; BENCH_SHAPE=wide
 * for bench/logAnalyticsAnswer.ts's 12 VMConnection-like columns, 97 MB) and `LogAnalyticsBackend.run`
 * reads them, in turns: on this thread (`readAnswersInline`, as before answerOffThread.ts), in the worker
 * given the body's text (as before bodyBytes.ts) and in the worker given its bytes. During each run a
 * `monitorEventLoopDelay` histogram records how late the loop was: its max is the longest a command,
 * a keystroke or a picker waited. Printed per mode (medians of BENCH_RUNS): max and p99 delay, the
 * run's wall time, and the ratios of the other two to the bytes.
 *
 *   npm run bench -- laAnswerRead
 *   BENCH_ROWS=100000 BENCH_RUNS=5 node --import tsx --expose-gc bench/laAnswerRead.ts
 */
import { fork } from 'node:child_process';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LogAnalyticsBackend } from '../src/backends/logAnalytics';
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
  readonly rows: number;
}

type Mode = 'inline' | 'text' | 'bytes';
/** BENCH_MODES=text,bytes: only those (the host thread's read takes the longest). */
const MODES = (process.env.BENCH_MODES?.split(',') ?? ['inline', 'text', 'bytes']) as readonly Mode[];
const LABEL: Record<Mode, string> = {
  inline: 'read on the host thread            ',
  text: 'worker, given the text (before)    ',
  bytes: 'worker, given the bytes (after)    ',
};

async function once(endpoint: string, ca: string, mode: Mode): Promise<Figures> {
  const backend = new LogAnalyticsBackend({
    ...loopbackBackendOptions(endpoint, ca),
    readAnswersInline: mode === 'inline',
    answerBytesFrom: mode === 'bytes' ? undefined : Number.POSITIVE_INFINITY,
  });
  (globalThis as { gc?: () => void }).gc?.();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t0 = performance.now();
  const gaps: string[] = [];
  let last = t0;
  const probe = TRACE
    ? setInterval(() => {
        const now = performance.now();
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
  if (TRACE) {
    console.log(`    ${mode}: gaps over 40 ms (start+length): ${gaps.join(' ')}`);
  }
  return {
    maxMs: histogram.max / 1e6,
    p99Ms: histogram.percentile(99) / 1e6,
    wallMs,
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
    const figures: Record<Mode, Figures[]> = { inline: [], text: [], bytes: [] };
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
        `  ${LABEL[mode]}: event loop delay max ${m(mode, 'maxMs').toFixed(0)} ms, p99 ${m(mode, 'p99Ms').toFixed(0)} ms; run ${m(mode, 'wallMs').toFixed(0)} ms wall  [max per run: ${figures[mode].map((f) => f.maxMs.toFixed(0)).join(', ')}]`,
      );
    }
    for (const from of (['inline', 'text'] as const).filter((f) => MODES.includes(f) && MODES.includes('bytes'))) {
      console.log(
        `  ${from} / bytes: max delay ×${(m(from, 'maxMs') / m('bytes', 'maxMs')).toFixed(1)}, p99 ×${(m(from, 'p99Ms') / m('bytes', 'p99Ms')).toFixed(1)}, wall ×${(m(from, 'wallMs') / m('bytes', 'wallMs')).toFixed(2)}`,
      );
    }
  } finally {
    child.disconnect();
  }
}

if (process.argv[2] === 'serve') {
  serve();
} else {
  void main();
}
