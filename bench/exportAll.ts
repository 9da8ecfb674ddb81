/**
 * "Export all rows…" of a 1,000,000-row result as the results panel does it: before this change the
 * whole CSV was built as one string, turned into one Buffer and written (`whole`); now the pieces are
 * written to the file as they are made (`stream`, src/ui/exportFile.ts). Each way runs in its own Node
 * process (so the peak RSS is that way's own), alternating, BENCH_RUNS times; printed: the time and the
 * peak RSS above what the process held once the result was built.
 *
 *   BENCH_RUNS=3 nice node --import tsx bench/exportAll.ts
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvPieces, toCsv } from '../src/render/exportData';
import type { ResultTable, WireValue } from '../src/results/queryResult';
import { UTF8_BOM, writeExportFile } from '../src/ui/exportFile';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
type Way = 'whole' | 'stream';

/** A VM insights–like result: a 7-digit datetime, names, a long past 2^53, a dynamic bag, hostile text now and then. */
function result(): ResultTable {
  const rows: WireValue[][] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    rows[i] = [
      `2026-12-05T10:${String(i % 60).padStart(2, '0')}:00.${String(i % 10_000_000).padStart(7, '0')}Z`,
      `web-${i % 500}`,
      i % 65536,
      `85167315392${String(i).padStart(7, '0')}`,
      { Port: i % 1000, Tags: ['a', 'b'] },
      i % 1000 === 0 ? `=HYPERLINK("x","y")\n"${i}", tab\there` : `row ${i}`,
    ];
  }
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'Port', type: 'long' },
      { name: 'Big', type: 'long' },
      { name: 'Props', type: 'dynamic' },
      { name: 'Note', type: 'string' },
    ],
    rows,
  };
}

async function child(way: Way, file: string): Promise<void> {
  const table = result();
  const before = process.memoryUsage().rss;
  const t = performance.now();
  if (way === 'whole') {
    fs.writeFileSync(file, Buffer.from(UTF8_BOM + toCsv(table), 'utf8'));
  } else {
    await writeExportFile(file, csvPieces(table), { prefix: UTF8_BOM });
  }
  const ms = performance.now() - t;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, extraMB: (peak - before) / 2 ** 20, bytes: fs.statSync(file).size }));
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-bench-export-'));
  const figures = new Map<Way, { ms: number; extraMB: number; bytes: number }[]>([
    ['whole', []],
    ['stream', []],
  ]);
  try {
    for (let r = 0; r < RUNS; r++) {
      for (const way of ['whole', 'stream'] as Way[]) {
        const file = path.join(dir, `${way}.csv`);
        const out = execFileSync(process.execPath, [...process.execArgv, __filename, way, file], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        figures.get(way)!.push(JSON.parse(out));
        fs.rmSync(file);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [way, runs] of figures) {
    console.log(
      `${way.padEnd(6)} ${ROWS.toLocaleString('en-US')} rows, ${(runs[0]!.bytes / 2 ** 20).toFixed(0)} MB CSV: ` +
        `${median(runs.map((x) => x.ms)).toFixed(0)} ms, peak RSS +${median(runs.map((x) => x.extraMB)).toFixed(0)} MB ` +
        `(median of ${runs.length}; runs ${runs.map((x) => x.ms.toFixed(0)).join(', ')} ms)`,
    );
  }
}

const [way, file] = process.argv.slice(2);
if (way === 'whole' || way === 'stream') {
  void child(way, file!);
} else {
  main();
}
