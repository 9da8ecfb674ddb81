/**
 * Loading UTF-16 exports (Excel's "Unicode Text", Windows PowerShell 5's Export-Csv and Out-File) against
 * the same rows in UTF-8: each file is loaded by `kql --data DIR 'T | count'` in its own process, and one
 * line per run prints the exit status, wall time, the process's peak RSS, the rows counted and the first
 * line of any problem.
 *
 *   csv-utf8         the CSV in UTF-8 (the reference)
 *   csv-utf16le      the same CSV in UTF-16 LE with its byte order mark (about twice the bytes)
 *   csv-utf16be      in UTF-16 BE with its mark
 *   csv-utf16le-gz   the UTF-16 LE CSV gzip-compressed
 *   jsonl-utf16le    the same rows as JSON Lines in UTF-16 LE
 *
 * `node --import tsx bench/utf16Load.ts [case-substring …]` after `npm run build`. KQL_CLI (default this
 * checkout's bin/kql.js) is "after"; KQL_CLI_BEFORE (a build that read UTF-16 files whole) is "before",
 * left out when unset. UTF16_BENCH_MB (default 200) is the UTF-16 LE CSV's size; 1024 makes the 1 GB-class
 * file. The files are written to a temporary folder and deleted at the end.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { countFolder } from './countFolder';

const MB = 1 << 20;
const utf16Bytes = Number(process.env.UTF16_BENCH_MB ?? 200) * MB;
const TIMEOUT_S = Number(process.env.UTF16_BENCH_TIMEOUT_S ?? 900);
const after = process.env.KQL_CLI ?? path.join(__dirname, '..', 'bin', 'kql.js');
const before = process.env.KQL_CLI_BEFORE;
const builds: [string, string][] = [['after', after]];
if (before && fs.existsSync(before) && path.resolve(before) !== path.resolve(after)) {
  builds.unshift(['before', before]);
}
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-utf16-'));
const filters = process.argv.slice(2);

/** Records of about `chars` characters in all, 20,000 at a time; a few non-ASCII letters, as real names have. */
function* rows(chars: number, jsonl: boolean): Generator<string> {
  let done = 0;
  let i = 0;
  if (!jsonl) {
    const header = 'TimeGenerated,Computer,Process,BytesSent,Note\n';
    done += header.length;
    yield header;
  }
  while (done < chars) {
    let s = '';
    for (let k = 0; k < 20000 && done + s.length < chars; k++, i++) {
      const time = new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString();
      const note = `Verbindung ${i % 1013} über Port ${(i * 7) % 65536} — geprüft`;
      s += jsonl
        ? `${JSON.stringify({ TimeGenerated: time, Computer: `vm-${i % 97}`, Process: `proc${i % 31}.exe`, BytesSent: i * 13, Note: note })}\n`
        : `${time},vm-${i % 97},proc${i % 31}.exe,${i * 13},${note}\n`;
    }
    done += s.length;
    yield s;
  }
}

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

function encode(s: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8') {
    return Buffer.from(s, 'utf8');
  }
  const le = Buffer.from(s, 'utf16le');
  return encoding === 'utf16be' ? le.swap16() : le;
}

/** Writes the rows in `encoding` (with its byte order mark for UTF-16), one piece at a time, gzipped to a `.gz` name. */
function write(file: string, jsonl: boolean, encoding: Encoding): number {
  const fd = fs.openSync(file, 'w');
  // A .gz file as one gzip member per piece (as `cat a.gz b.gz` makes), at level 1.
  const gzip = file.endsWith('.gz');
  const put = (b: Buffer) => {
    if (b.length > 0) {
      fs.writeSync(fd, gzip ? zlib.gzipSync(b, { level: 1 }) : b);
    }
  };
  try {
    put(
      encoding === 'utf16le'
        ? Buffer.from([0xff, 0xfe])
        : encoding === 'utf16be'
          ? Buffer.from([0xfe, 0xff])
          : Buffer.alloc(0),
    );
    for (const s of rows(utf16Bytes / 2, jsonl)) {
      put(encode(s, encoding));
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly jsonl: boolean;
  readonly encoding: Encoding;
}

const cases: Case[] = [
  { name: 'csv-utf8', file: 'T.csv', jsonl: false, encoding: 'utf8' },
  { name: 'csv-utf16le', file: 'T.csv', jsonl: false, encoding: 'utf16le' },
  { name: 'csv-utf16be', file: 'T.csv', jsonl: false, encoding: 'utf16be' },
  { name: 'csv-utf16le-gz', file: 'T.csv.gz', jsonl: false, encoding: 'utf16le' },
  { name: 'jsonl-utf16le', file: 'T.jsonl', jsonl: true, encoding: 'utf16le' },
];

function run(cli: string, dir: string): string {
  const r = countFolder(cli, dir, TIMEOUT_S, { KQL_LOAD_THREADS: '1' });
  const problem = r.stderr.find((l) => l.trim() !== '') ?? '';
  return `exit ${r.status}  ${r.wallSeconds.toFixed(1).padStart(6)} s  ${r.rssMb.toFixed(0).padStart(6)} MB peak RSS  rows ${r.rows.padStart(9)}  ${problem.slice(0, 160)}`;
}

try {
  for (const c of cases) {
    if (filters.length > 0 && !filters.some((f) => c.name.includes(f))) {
      continue;
    }
    const dir = path.join(root, c.name);
    fs.mkdirSync(dir);
    const file = path.join(dir, c.file);
    const size = write(file, c.jsonl, c.encoding);
    console.log(`${c.name}: ${(size / MB).toFixed(0)} MB file`);
    for (const [label, cli] of builds) {
      console.log(`  ${label.padEnd(6)} ${run(cli, dir)}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
