/**
 * How long a large Log Analytics answer holds the extension host's event loop while it is read: a
 * loopback https server (this process) answers 500,000 rows (22 MB: e2e 111's answer; BENCH_SHAPE=wide
 * for bench/logAnalyticsAnswer.ts's 12 VMConnection-like columns, 97 MB) and `LogAnalyticsBackend.run` reads them, alternately on this thread
 * (`readAnswersInline`, as before answerOffThread.ts) and in the worker thread. During each run a
 * `monitorEventLoopDelay` histogram records how late the loop was: its max is the longest a command,
 * a keystroke or a picker waited. Printed per mode (medians of BENCH_RUNS): max and p99 delay, the
 * run's wall time, and the ratios inline / worker.
 *
 *   npm run bench -- laAnswerRead
 *   BENCH_ROWS=100000 BENCH_RUNS=5 node --import tsx --expose-gc bench/laAnswerRead.ts
 */
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

async function once(endpoint: string, ca: string, inline: boolean): Promise<Figures> {
  const backend = new LogAnalyticsBackend({ ...loopbackBackendOptions(endpoint, ca), readAnswersInline: inline });
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
    console.log(`    ${inline ? 'inline' : 'worker'}: gaps over 40 ms (start+length): ${gaps.join(' ')}`);
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

async function main(): Promise<void> {
  const body = process.env.BENCH_SHAPE === 'wide' ? answerBody(ROWS) : narrowBody(ROWS);
  const { key, cert } = makeCertificate();
  const server = https.createServer({ key, cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  try {
    console.log(
      `  ${ROWS.toLocaleString('en-US')} rows, ${(body.length / 1024 / 1024).toFixed(1)} MB; ${RUNS} runs each, alternating`,
    );
    const figures: Record<'inline' | 'worker', Figures[]> = { inline: [], worker: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['inline', 'worker'] as const) {
        const f = await once(endpoint, cert, mode === 'inline');
        if (f.rows !== ROWS) {
          throw new Error(`${mode}: ${f.rows} rows, expected ${ROWS}`);
        }
        figures[mode].push(f);
      }
    }
    const m = (mode: 'inline' | 'worker', k: keyof Figures): number => median(figures[mode].map((f) => f[k]));
    for (const mode of ['inline', 'worker'] as const) {
      console.log(
        `  ${mode === 'inline' ? 'read on the host thread (before)' : 'read in the worker (after)     '}: event loop delay max ${m(mode, 'maxMs').toFixed(0)} ms, p99 ${m(mode, 'p99Ms').toFixed(0)} ms; run ${m(mode, 'wallMs').toFixed(0)} ms wall  [max per run: ${figures[mode].map((f) => f.maxMs.toFixed(0)).join(', ')}]`,
      );
    }
    console.log(
      `  before / after: max delay ×${(m('inline', 'maxMs') / m('worker', 'maxMs')).toFixed(1)}, p99 ×${(m('inline', 'p99Ms') / m('worker', 'p99Ms')).toFixed(1)}, wall ×${(m('inline', 'wallMs') / m('worker', 'wallMs')).toFixed(2)}`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

void main();
