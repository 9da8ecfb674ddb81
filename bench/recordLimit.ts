/**
 * Hostile records through the `kql` command, before and after the record limit (kql.local.recordLimitMB,
 * `kql --record-limit`): each file is loaded by `kql --data DIR 'T | count'` in its own process, and one
 * line per run prints the exit status, wall time, the process's peak RSS, the rows counted and the first
 * warning, with the ratios against a good file of the same size (ordinary records of a few hundred bytes).
 *
 *   gzip-line    a .jsonl.gz holding one 1 GB line between two good ones
 *   csv-field    a CSV with one 500 MB quoted field between good records
 *   json-string  a JSON array whose second record holds a 1 GB string
 *   jsonl-line   a JSON Lines file with one 600 MB line between good ones
 *
 * `node --import tsx bench/recordLimit.ts [case-substring …]` after `npm run build`. KQL_CLI (default this
 * checkout's bin/kql.js) is "after"; KQL_CLI_BEFORE (default /work/main/bin/kql.js, a build without the
 * limit) is "before", left out when it is absent. RECORD_BENCH_SCALE=0.1 makes every file a tenth the size.
 * The files are written to a temporary folder and deleted at the end.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { countFolder } from './countFolder';

const MB = 1 << 20;
const scale = Number(process.env.RECORD_BENCH_SCALE ?? 1);
const TIMEOUT_S = Number(process.env.RECORD_BENCH_TIMEOUT_S ?? 900);
const after = process.env.KQL_CLI ?? path.join(__dirname, '..', 'bin', 'kql.js');
const before = process.env.KQL_CLI_BEFORE ?? '/work/main/bin/kql.js';
const builds: [string, string][] = [['after', after]];
if (fs.existsSync(before) && path.resolve(before) !== path.resolve(after)) {
  builds.unshift(['before', before]);
}
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-recordlimit-'));
const filters = process.argv.slice(2);

/** Letters of a 16-letter alphabet from a cheap generator: text that compresses about 2-fold, as real text does more. */
function noise(bytes: number, seed: number): Buffer {
  const buf = Buffer.allocUnsafe(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = 97 + ((x >>> 0) & 15);
  }
  return buf;
}

/** Writes `parts` (produced one at a time, so the bench never holds a whole file) to `file`, gzipped when it ends in .gz. */
function write(file: string, parts: Iterable<Buffer | string>): number {
  const fd = fs.openSync(file, 'w');
  // A .gz file as one gzip member per part (as `cat a.gz b.gz` makes), at level 1: written once, its content is what matters.
  const gz = file.endsWith('.gz');
  let written = 0;
  try {
    for (const part of parts) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      const out = gz ? zlib.gzipSync(bytes, { level: 1 }) : bytes;
      fs.writeSync(fd, out);
      written += out.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

/** `total` bytes of content in pieces of 8 MB (a big record's middle). */
function* pieces(total: number, seed: number): Generator<Buffer> {
  for (let done = 0; done < total; done += 8 * MB) {
    yield noise(Math.min(8 * MB, total - done), seed + done);
  }
}

/** Good JSON Lines records up to about `total` bytes, in pieces. */
function* goodJsonl(total: number): Generator<string> {
  let done = 0;
  let i = 0;
  while (done < total) {
    let s = '';
    for (let k = 0; k < 20000 && done + s.length < total; k++, i++) {
      s += `${JSON.stringify({ TimeGenerated: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(), Computer: `vm-${i % 97}`, Note: noise(300, i + 1).toString() })}\n`;
    }
    done += s.length;
    yield s;
  }
}

function* goodCsv(total: number): Generator<string> {
  let done = 0;
  let i = 0;
  while (done < total) {
    let s = '';
    for (let k = 0; k < 20000 && done + s.length < total; k++, i++) {
      s += `${new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString()},vm-${i % 97},${noise(300, i + 1).toString()}\n`;
    }
    done += s.length;
    yield s;
  }
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly hostile: () => Iterable<Buffer | string>;
  readonly good: (size: number) => Iterable<Buffer | string>;
}

const big = (mb: number) => Math.round(mb * MB * scale);
const line = (i: number) =>
  `${JSON.stringify({ TimeGenerated: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(), Computer: `vm-${i}`, Note: 'ok' })}\n`;

const cases: Case[] = [
  {
    name: 'gzip-line',
    file: 'T.jsonl.gz',
    hostile: function* () {
      yield line(1);
      yield '{"TimeGenerated":"2026-12-01T00:00:02Z","Computer":"vm-big","Note":"';
      yield* pieces(big(1024), 7);
      yield '"}\n';
      yield line(3);
    },
    good: () => goodJsonl(big(1024)),
  },
  {
    name: 'csv-field',
    file: 'T.csv',
    hostile: function* () {
      yield 'TimeGenerated,Computer,Note\n2026-12-01T00:00:01Z,vm-1,ok\n2026-12-01T00:00:02Z,vm-big,"';
      yield* pieces(big(500), 11);
      yield '"\n2026-12-01T00:00:03Z,vm-3,ok\n';
    },
    good: (size) =>
      (function* () {
        yield 'TimeGenerated,Computer,Note\n';
        yield* goodCsv(size);
      })(),
  },
  {
    name: 'json-string',
    file: 'T.json',
    hostile: function* () {
      yield '[{"TimeGenerated":"2026-12-01T00:00:01Z","Computer":"vm-1","Note":"ok"},\n{"TimeGenerated":"2026-12-01T00:00:02Z","Computer":"vm-big","Note":"';
      yield* pieces(big(1024), 13);
      yield '"},\n{"TimeGenerated":"2026-12-01T00:00:03Z","Computer":"vm-3","Note":"ok"}]\n';
    },
    good: (size) =>
      (function* () {
        yield '[';
        let first = true;
        for (const chunk of goodJsonl(size)) {
          const records = chunk.trimEnd().split('\n').join(',\n');
          yield first ? records : `,\n${records}`;
          first = false;
        }
        yield ']\n';
      })(),
  },
  {
    name: 'jsonl-line',
    file: 'T.jsonl',
    hostile: function* () {
      for (let i = 0; i < 1000; i++) yield line(i);
      yield '{"TimeGenerated":"2026-12-01T01:00:00Z","Computer":"vm-big","Note":"';
      yield* pieces(big(600), 17);
      yield '"}\n';
      for (let i = 1000; i < 2000; i++) yield line(i);
    },
    good: (size) => goodJsonl(size),
  },
];

interface Run {
  readonly status: string;
  readonly wall: number;
  readonly rssMb: number;
  readonly rows: string;
  readonly note: string;
}

function run(cli: string, dir: string): Run {
  const r = countFolder(cli, dir, TIMEOUT_S);
  const note = (r.stderr.find((l) => l.includes('longer than')) ?? r.stderr.find((l) => l.startsWith('kql:')) ?? '')
    .replace(root, '…')
    .slice(0, 150);
  return { status: r.status, wall: r.wallSeconds, rssMb: r.rssMb, rows: r.rows, note };
}

console.log(
  `| case | file MB | build | file | exit | wall s | peak RSS MB | rows | × good wall | × good RSS | first warning |`,
);
console.log(`|---|---|---|---|---|---|---|---|---|---|---|`);
for (const c of cases) {
  if (filters.length > 0 && !filters.some((f) => c.name.includes(f))) continue;
  const hostileDir = path.join(root, `${c.name}-hostile`);
  const goodDir = path.join(root, `${c.name}-good`);
  fs.mkdirSync(hostileDir);
  fs.mkdirSync(goodDir);
  const size = write(path.join(hostileDir, c.file), c.hostile());
  // The good file: the same size on disk (for .gz, the same content size, as that is what is read).
  const content = c.file.endsWith('.gz') ? big(1024) : size;
  write(path.join(goodDir, c.file), c.good(content));
  for (const [build, cli] of builds) {
    const good = run(cli, goodDir);
    const bad = run(cli, hostileDir);
    const row = (which: string, r: Run, ratio: boolean) =>
      `| ${c.name} | ${(size / MB).toFixed(0)} | ${build} | ${which} | ${r.status} | ${r.wall.toFixed(1)} | ${r.rssMb.toFixed(0)} | ${r.rows} | ${
        ratio ? (r.wall / good.wall).toFixed(2) : ''
      } | ${ratio ? (r.rssMb / good.rssMb).toFixed(2) : ''} | ${r.note.replaceAll('|', '\\|')} |`;
    console.log(row('good', good, false));
    console.log(row('hostile', bad, true));
  }
  fs.rmSync(hostileDir, { recursive: true, force: true });
  fs.rmSync(goodDir, { recursive: true, force: true });
}
fs.rmSync(root, { recursive: true, force: true });
