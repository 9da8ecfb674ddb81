/**
 * A large Log Analytics answer from the wire to what the results panel receives: a loopback https
 * server (this process) answers 100,000 and 500,000 rows of VMConnection-like columns (strings, ints,
 * longs of which some pass 2^53, datetimes with and without 100-ns ticks, reals, a dynamic bag); each
 * measurement is a fresh process (so its peak RSS is its own) that runs `LogAnalyticsBackend.run` and
 * builds the panel's payload (`webviewPayload`). Reference in the same run, interleaved: a process that
 * fetches the same body over the same https and only `JSON.parse`s it. Printed: CPU time and wall of
 * the whole run, the part spent in `run`, peak RSS, and the ratios to the reference (medians). Then the
 * reading alone in this process: JSON.parse, the one-pass reader, the two-pass reading it replaced.
 *
 *   npm run bench -- logAnalyticsAnswer
 *   BENCH_ROWS=100000 BENCH_RUNS=3 node --import tsx bench/logAnalyticsAnswer.ts
 *   BENCH_CPU_PROF=/tmp/la-prof BENCH_ROWS=500000 BENCH_RUNS=1 node --import tsx bench/logAnalyticsAnswer.ts
 *     (also writes a .cpuprofile per process and prints each one's top self-time functions)
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAnswer } from '../src/backends/logAnalytics/answerReader';
import { cellFromRaw, quoteLongNumbers } from '../src/backends/logAnalytics/exactCells';
import { wireColumnType } from '../src/backends/logAnalytics/wireConversion';
import { makeCertificate } from '../test/backends/logAnalytics/loopbackServer';
import { childFigures } from './childFigures';

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';

/** The backend's options against the benches' loopback server (a fixed token; its certificate trusted). */
export function loopbackBackendOptions(endpoint: string, ca: string) {
  return {
    workspaceId: WORKSPACE,
    credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    endpoint,
    approveEndpoint: async () => true,
    maxResponseBytes: 512 * 1024 * 1024,
    clientOptions: { agent: new https.Agent({ ca }) },
  };
}
const ROW_COUNTS = (process.env.BENCH_ROWS ?? '100000,500000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PROF_DIR = process.env.BENCH_CPU_PROF;

const COLUMNS = [
  ['TimeGenerated', 'datetime'],
  ['Computer', 'string'],
  ['ProcessName', 'string'],
  ['SourceIp', 'string'],
  ['DestinationIp', 'string'],
  ['DestinationPort', 'int'],
  ['Direction', 'string'],
  ['LinksEstablished', 'long'],
  ['BytesSent', 'long'],
  ['ResponseTimeSum', 'real'],
  ['AgentId', 'guid'],
  ['AdditionalData', 'dynamic'],
] as const;

/** The answer's JSON, as the REST API writes it (dynamic cells as JSON text, longs with all their digits). */
export function answerBody(rows: number): Buffer {
  const parts: string[] = [
    `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(COLUMNS.map(([name, type]) => ({ name, type })))},"rows":[`,
  ];
  for (let i = 0; i < rows; i++) {
    const second = String(i % 60).padStart(2, '0');
    const at =
      i % 2
        ? `2026-11-23T10:${String(i % 60).padStart(2, '0')}:${second}Z`
        : `2026-11-23T10:00:${second}.${String(i % 9999999).padStart(7, '0')}Z`;
    const bytes = i % 50 === 0 ? `${9007199254740993n + BigInt(i)}` : String(i * 1337);
    const data = JSON.stringify(JSON.stringify({ rtt: (i % 97) / 4, tags: [`web-${i % 13}`, 'db'] }));
    const row = [
      JSON.stringify(at),
      `"vm-${i % 500}.contoso.com"`,
      `"${['nginx', 'sqlservr', 'java', 'node'][i % 4]}"`,
      `"10.0.${(i >> 8) % 256}.${i % 256}"`,
      `"10.1.${(i >> 4) % 256}.${(i * 7) % 256}"`,
      String([80, 443, 1433, 8080][i % 4]),
      i % 3 ? '"outbound"' : '"inbound"',
      String(i % 17),
      bytes,
      i % 11 ? String((i % 1000) / 8) : 'null',
      `"${(i % 1000).toString(16).padStart(8, '0')}-8f4d-4c3b-9a7e-5d2f1e0c9b8a"`,
      data,
    ];
    parts.push(`${i ? ',' : ''}[${row.join(',')}]`);
  }
  parts.push(']}]}');
  return Buffer.from(parts.join(''));
}

interface Figures {
  readonly cpuMs: number;
  readonly wallMs: number;
  /** The part spent in run() (backend) or JSON.parse (reference): wall, and CPU time. */
  readonly partMs: number;
  readonly partCpuMs: number;
  readonly peakRssMb: number;
  readonly check: string;
}

async function fetchRaw(endpoint: string, ca: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    https
      .get(`${endpoint}/raw`, { ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function child(mode: string, endpoint: string, caFile: string): Promise<void> {
  const ca = fs.readFileSync(caFile, 'utf8');
  // Loaded before the clock starts: module loading is not the answer's cost.
  const { LogAnalyticsBackend } = await import('../src/backends/logAnalytics');
  const { webviewPayload } = await import('../src/protocol/webviewPayload');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let partMs: number;
  let partCpuMs: number;
  let check: string;
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  if (mode === 'reference') {
    const text = (await fetchRaw(endpoint, ca)).toString('utf8');
    const p0 = performance.now();
    const c0 = process.cpuUsage();
    const parsed = JSON.parse(text) as { tables: { rows: unknown[] }[] };
    partCpuMs = cpuMs(c0);
    partMs = performance.now() - p0;
    check = `${parsed.tables[0]!.rows.length} rows`;
  } else {
    const backend = new LogAnalyticsBackend(loopbackBackendOptions(endpoint, ca));
    const result = await backend.run('VMConnection', { rowLimit: 1_000_000 });
    partMs = performance.now() - t0;
    partCpuMs = cpuMs(cpu0);
    const payload = webviewPayload(result);
    const t = result.tables[0]!;
    check = `${payload.tables[0]!.rowCount} rows; BytesSent[0]=${JSON.stringify(t.rows[0]![8])}; TimeGenerated[0]=${t.rows[0]![0]}`;
  }
  const wallMs = performance.now() - t0;
  const figures: Figures = {
    cpuMs: cpuMs(cpu0),
    wallMs,
    partMs,
    partCpuMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    check,
  };
  console.log(JSON.stringify(figures));
}

/** What the backend did before answerReader.ts (after the SDK's own parse): the text with its longs quoted, parsed, each cell converted. */
function twoPassCells(text: string): unknown {
  const parsed = JSON.parse(quoteLongNumbers(text)) as { tables: { columns: { type: string }[]; rows: unknown[][] }[] };
  return parsed.tables.map((t) => {
    const types = t.columns.map((c) => wireColumnType(c.type));
    return t.rows.map((row) => types.map((type, c) => cellFromRaw(row[c], type)));
  });
}

/**
 * The reading alone, in this process, alternating: JSON.parse (the reference), the one-pass reader, and
 * the two-pass reading it replaced. CPU time, medians.
 */
function readingAlone(text: string): void {
  const candidates: [string, () => unknown][] = [
    ['JSON.parse', () => JSON.parse(text)],
    ['one-pass reader (answerReader.ts)', () => readAnswer(text)],
    ['two-pass (quoted longs, JSON.parse, cellFromRaw)', () => twoPassCells(text)],
  ];
  const times = new Map<string, number[]>(candidates.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, read] of candidates) {
      (globalThis as { gc?: () => void }).gc?.();
      const c0 = process.cpuUsage();
      read();
      const c = process.cpuUsage(c0);
      times.get(name)!.push((c.user + c.system) / 1000);
    }
  }
  const ref = median(times.get('JSON.parse')!);
  console.log('  the reading alone, in one process (CPU, medians):');
  for (const [name, xs] of times) {
    console.log(`    ${name}: ${median(xs).toFixed(0)} ms, ×${(median(xs) / ref).toFixed(2)}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A .cpuprofile's functions by self time, the top few, as "ms  name (file:line)". */
function topSelfTime(file: string, count = 12): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/')}:${f.lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0) / 1000);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`);
}

/** A measurement's process; asynchronous, since this process's server answers it meanwhile. */
function runChild(mode: string, endpoint: string, caFile: string): Promise<Figures> {
  const profArgs = PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROF_DIR, mode)}`] : [];
  return childFigures<Figures>(mode, [__filename, 'child', mode, endpoint, caFile], profArgs);
}

async function main(): Promise<void> {
  const { key, cert } = makeCertificate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'la-bench-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, cert);
  let body: Buffer = Buffer.alloc(0);
  const server = https.createServer({ key, cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  try {
    for (const rows of ROW_COUNTS) {
      body = answerBody(rows);
      console.log(`\n${rows.toLocaleString('en-US')} rows, ${(body.length / 1024 / 1024).toFixed(1)} MB of JSON`);
      const figures: Record<'reference' | 'backend', Figures[]> = { reference: [], backend: [] };
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, alternating which goes first, so a change in the machine's load hits both.
        const order = run % 2 ? (['backend', 'reference'] as const) : (['reference', 'backend'] as const);
        for (const mode of order) {
          if (PROF_DIR) {
            fs.rmSync(path.join(PROF_DIR, mode), { recursive: true, force: true });
          }
          figures[mode].push(await runChild(mode, endpoint, caFile));
        }
      }
      const ref = figures.reference;
      const be = figures.backend;
      const m = (xs: Figures[], k: keyof Omit<Figures, 'check'>): number => median(xs.map((f) => f[k]));
      console.log(`  check: ${be[0]!.check}`);
      console.log(
        `  reference (fetch + JSON.parse): JSON.parse ${m(ref, 'partCpuMs').toFixed(0)} ms CPU (${m(ref, 'partMs').toFixed(0)} ms wall); whole process CPU ${m(ref, 'cpuMs').toFixed(0)} ms, wall ${m(ref, 'wallMs').toFixed(0)} ms, peak RSS ${m(ref, 'peakRssMb').toFixed(0)} MB`,
      );
      console.log(
        `  backend (run + panel payload): run ${m(be, 'partCpuMs').toFixed(0)} ms CPU (${m(be, 'partMs').toFixed(0)} ms wall); with the payload CPU ${m(be, 'cpuMs').toFixed(0)} ms, wall ${m(be, 'wallMs').toFixed(0)} ms, peak RSS ${m(be, 'peakRssMb').toFixed(0)} MB`,
      );
      const pairs = be.map((b, i) => ({ run: b.partCpuMs / ref[i]!.partCpuMs, all: b.cpuMs / ref[i]!.partCpuMs }));
      console.log(
        `  CPU time as multiples of JSON.parse's (paired medians of ${RUNS}): run ×${median(pairs.map((p) => p.run)).toFixed(2)}, run + payload ×${median(pairs.map((p) => p.all)).toFixed(2)}; peak RSS ×${(m(be, 'peakRssMb') / m(ref, 'peakRssMb')).toFixed(2)} of the reference process's`,
      );
      readingAlone(body.toString('utf8'));
      if (PROF_DIR) {
        for (const mode of ['backend', 'reference']) {
          const file = fs.readdirSync(path.join(PROF_DIR, mode)).find((f) => f.endsWith('.cpuprofile'));
          if (file) {
            console.log(`  ${mode}'s top self time (${path.join(PROF_DIR, mode, file)}):`);
            for (const line of topSelfTime(path.join(PROF_DIR, mode, file))) {
              console.log(`    ${line}`);
            }
          }
        }
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
} else if (require.main === module) {
  void main();
}
