/**
 * A large result on its way into the results panel: from the `QueryResult` a backend hands over to the
 * packed payload (`webviewPayload`), and the webview's side of it in Node (the same functions): the
 * validator, the first painted rows (every column's text and value of the first 60 rows), a sort on a
 * long column, and reading the whole long column back (what filtering, copy and charts read).
 *
 * 500,000 rows of VMConnection-like columns; the cases differ only in their long columns: `none` (every
 * long within 2^53: the reference, measured in the same run, interleaved), `one` (BytesSent holds a value
 * past 2^53 in every 50th row) and `two` (BytesReceived too, every 7th row). Each measurement is a fresh
 * process, so its peak RSS is its own. Printed: CPU and wall of each part, the payload's bytes, peak RSS,
 * and ratios to `none` (medians, paired by run).
 *
 * Then, in this process, where a Log Analytics answer of the same size spends its time end to end: the
 * answer's JSON read into row form (`readAnswer`), the engine result (`QueryResult`) and the payload.
 *
 *   npm run bench -- panelPayload
 *   BENCH_ROWS=100000 BENCH_RUNS=3 node --import tsx --expose-gc bench/panelPayload.ts
 */
import { childFigures } from './childFigures';

const ROWS = Number(process.env.BENCH_ROWS ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CASES = ['none', 'one', 'two'] as const;
type Case = (typeof CASES)[number];

const COLUMNS = [
  ['TimeGenerated', 'datetime'],
  ['Computer', 'string'],
  ['ProcessName', 'string'],
  ['DestinationIp', 'string'],
  ['DestinationPort', 'int'],
  ['Direction', 'string'],
  ['LinksEstablished', 'long'],
  ['BytesSent', 'long'],
  ['BytesReceived', 'long'],
  ['ResponseTimeSum', 'real'],
  ['AdditionalData', 'dynamic'],
] as const;
const BYTES_SENT = 7;

/** A long as a backend hands it over: a number within 2^53, its digits past that. */
function long(i: number, every: number, big: boolean): number | string {
  return big && i % every === 0 ? `${9007199254740993n + BigInt(i) * 977n}` : i * 1337;
}

function result(rows: number, which: Case) {
  const out: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    out[i] = [
      `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00Z`,
      `vm-${i % 500}.contoso.com`,
      ['nginx', 'sqlservr', 'java', 'node'][i % 4],
      `10.1.${(i >> 4) % 256}.${(i * 7) % 256}`,
      [80, 443, 1433, 8080][i % 4],
      i % 3 ? 'outbound' : 'inbound',
      i % 17,
      long(i, 50, which !== 'none'),
      i % 13 === 0 ? null : long(i, 7, which === 'two'),
      i % 11 ? (i % 1000) / 8 : null,
      { rtt: (i % 97) / 4 },
    ];
  }
  return {
    tables: [{ name: 'PrimaryResult', columns: COLUMNS.map(([name, type]) => ({ name, type })), rows: out }],
    stats: { backend: 'logAnalytics' as const, durationMs: 0, rowCount: rows, truncated: false },
    warnings: [],
  };
}

interface Figures {
  readonly payloadCpuMs: number;
  readonly payloadWallMs: number;
  readonly payloadBytes: number;
  readonly validateMs: number;
  readonly firstRowsMs: number;
  readonly sortMs: number;
  readonly readColumnMs: number;
  readonly peakRssMb: number;
  readonly rssBeforeMb: number;
  readonly kinds: string;
  readonly check: string;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

async function child(which: Case): Promise<void> {
  const { webviewPayload } = await import('../src/protocol/webviewPayload');
  const { ColumnarCells, columnarProblem } = await import('../src/protocol/columnar');
  const { RowOrder } = await import('../src/render/rowOrder');
  const input = result(ROWS, which);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const payload = webviewPayload(input as Parameters<typeof webviewPayload>[0]);
  const payloadWallMs = performance.now() - t0;
  const payloadCpuMs = cpuMs(c0);
  const table = payload.tables[0]!;
  const buffers = new Set<ArrayBufferLike>();
  for (const d of table.data) {
    for (const v of Object.values(d)) {
      if (ArrayBuffer.isView(v)) {
        buffers.add(v.buffer);
      }
    }
  }
  const payloadBytes = [...buffers].reduce((n, b) => n + b.byteLength, 0);
  // The webview's side: what it does before the first rows show, then a sort and a whole column.
  const time = (f: () => unknown): number => {
    const s = process.cpuUsage();
    f();
    return cpuMs(s);
  };
  const validateMs = time(() => {
    if (columnarProblem(table)) {
      throw new Error(columnarProblem(table));
    }
  });
  const cells = new ColumnarCells(table);
  let check = '';
  const firstRowsMs = time(() => {
    for (let r = 0; r < 60; r++) {
      for (let c = 0; c < table.columns.length; c++) {
        cells.value(r, c);
        cells.text(r, c);
      }
    }
    check = `BytesSent[0]=${cells.text(0, BYTES_SENT)}`;
  });
  let order: number[] = [];
  const sortMs = time(() => {
    order = new RowOrder(cells).order('', { column: BYTES_SENT, descending: true });
  });
  check += `; largest BytesSent ${cells.text(order[0]!, BYTES_SENT)}`;
  let chars = 0;
  const readColumnMs = time(() => {
    for (let r = 0; r < table.rowCount; r++) {
      chars += cells.text(r, BYTES_SENT).length + String(cells.value(r, BYTES_SENT + 1)).length;
    }
  });
  const figures: Figures = {
    payloadCpuMs,
    payloadWallMs,
    payloadBytes,
    validateMs,
    firstRowsMs,
    sortMs,
    readColumnMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
    kinds: table.data.map((d) => d.kind).join(','),
    check: `${check}; ${chars} chars`,
  };
  console.log(JSON.stringify(figures));
}

function runChild(which: Case): Promise<Figures> {
  return childFigures<Figures>(which, [__filename, 'child', which], ['--expose-gc']);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** An LA answer end to end, in this process: reading it into rows, then the payload. CPU medians. */
async function answerEndToEnd(): Promise<void> {
  // Imported here, not at the top: that module runs its own child when argv[2] is 'child', as ours are.
  const { answerBody } = await import('./logAnalyticsAnswer');
  const { readAnswer } = await import('../src/backends/logAnalytics/answerReader');
  const { wireColumnType } = await import('../src/backends/logAnalytics/wireConversion');
  const { webviewPayload } = await import('../src/protocol/webviewPayload');
  const text = answerBody(ROWS).toString('utf8');
  const parts = { 'JSON.parse (reference)': [] as number[], 'readAnswer (rows)': [] as number[], payload: [] };
  for (let run = 0; run < RUNS; run++) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    let s = process.cpuUsage();
    JSON.parse(text);
    parts['JSON.parse (reference)'].push(cpuMs(s));
    gc?.();
    s = process.cpuUsage();
    const answer = readAnswer(text);
    if (!answer) {
      throw new Error('readAnswer could not read the answer');
    }
    parts['readAnswer (rows)'].push(cpuMs(s));
    const skeleton = JSON.parse(answer.skeleton) as {
      tables: { name: string; columns: { name: string; type: string }[] }[];
    };
    const tables = skeleton.tables.map((t, i) => ({
      name: t.name,
      columns: t.columns.map((c) => ({ name: c.name, type: wireColumnType(c.type) })),
      rows: answer.rows[i]!,
    }));
    gc?.();
    s = process.cpuUsage();
    webviewPayload({
      tables,
      stats: { backend: 'logAnalytics', durationMs: 0, rowCount: ROWS, truncated: false },
      warnings: [],
    });
    (parts.payload as number[]).push(cpuMs(s));
  }
  const ref = median(parts['JSON.parse (reference)']);
  console.log(
    `  a ${ROWS.toLocaleString('en-US')}-row LA answer (${(text.length / 1048576).toFixed(0)} MB), end to end in one process (CPU medians of ${RUNS}):`,
  );
  for (const [name, xs] of Object.entries(parts)) {
    console.log(`    ${name}: ${median(xs).toFixed(0)} ms, ×${(median(xs) / ref).toFixed(2)} of JSON.parse`);
  }
}

async function main(): Promise<void> {
  const figures = new Map<Case, Figures[]>(CASES.map((c) => [c, []]));
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, each run in another order, so a change in the machine's load hits every case.
    const order = run % 2 ? [...CASES].reverse() : CASES;
    for (const which of order) {
      figures.get(which)!.push(await runChild(which));
    }
  }
  const ref = figures.get('none')!;
  console.log(`\n${ROWS.toLocaleString('en-US')} rows, medians of ${RUNS} fresh processes per case:`);
  for (const which of CASES) {
    const fs = figures.get(which)!;
    const m = (k: keyof Omit<Figures, 'kinds' | 'check'>): number => median(fs.map((f) => f[k]));
    const ratio = median(fs.map((f, i) => f.payloadCpuMs / ref[i]!.payloadCpuMs));
    console.log(`  ${which}: ${fs[0]!.kinds}`);
    console.log(`    ${fs[0]!.check}`);
    console.log(
      `    payload ${m('payloadCpuMs').toFixed(0)} ms CPU (${m('payloadWallMs').toFixed(0)} ms wall, ×${ratio.toFixed(2)} of none's), ${(m('payloadBytes') / 1048576).toFixed(1)} MB; peak RSS ${m('peakRssMb').toFixed(0)} MB (${m('rssBeforeMb').toFixed(0)} MB before the payload)`,
    );
    console.log(
      `    webview: validate ${m('validateMs').toFixed(0)} ms, first 60 rows ${m('firstRowsMs').toFixed(0)} ms, sort by BytesSent ${m('sortMs').toFixed(0)} ms, read BytesSent and BytesReceived ${m('readColumnMs').toFixed(0)} ms (CPU)`,
    );
  }
  await answerEndToEnd();
}

if (process.argv[2] === 'child') {
  void child(process.argv[3] as Case);
} else if (require.main === module) {
  void main();
}
