/**
 * evaluate basket, autocluster and diffpatterns on the sample's VMConnection (about 90,000 rows at a
 * fixed "now"), over a few columns and over all 44. Printed against a reference measured in the same
 * run: `summarize count() by` the same columns, which reads every row's values as the plugins must;
 * the figure says how many such group-bys a plugin costs.
 *
 *   node --import tsx bench/patternPlugins.ts      (BENCH_RUNS=n sets the runs per figure; default 3)
 */
import { sampleDatabase } from '../src/data/sample';
import { executeQuery } from '../src/engine';
import { ticksFromMs } from '../src/engine/values';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const db = sampleDatabase({ now: new Date('2024-01-01T03:00:00Z') });
const now = ticksFromMs(Date.parse('2024-01-01T03:00:00Z'));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(query: string): { ms: number; rows: number } {
  const t0 = performance.now();
  const r = executeQuery(query, db, { now });
  return { ms: performance.now() - t0, rows: r.tables[0]!.table.rowCount };
}

const FEW = 'Computer, ProcessName, DestinationPort, RemoteIp, Direction, LinksFailed';
// Dynamic columns are no dimension, and no group-by key either.
const ALL = db
  .table('VMConnection')!
  .columns.filter((c) => c.column.type !== 'dynamic')
  .map((c) => c.name);
const cases: [string, string, string][] = [
  ['few columns', `VMConnection | project ${FEW}`, FEW],
  ['all columns', 'VMConnection', ALL.join(', ')],
];
time('VMConnection | count');
for (const [what, input, by] of cases) {
  const queries = [
    ['reference: summarize count() by them', `${input} | summarize count() by ${by}`],
    ['basket()', `${input} | evaluate basket()`],
    ['autocluster()', `${input} | evaluate autocluster()`],
    [
      'diffpatterns(Failed)',
      `${input} | extend Failed = iff(LinksFailed > 0, 'yes', 'no') | evaluate diffpatterns(Failed, 'yes', 'no')`,
    ],
  ];
  const times = queries.map(() => [] as number[]);
  const rows: number[] = [];
  for (let r = 0; r < runs; r++) {
    queries.forEach(([, q], k) => {
      const t = time(q!);
      times[k]!.push(t.ms);
      rows[k] = t.rows;
    });
  }
  const reference = median(times[0]!);
  console.log(`VMConnection, ${what} (median of ${runs}; reference ${reference.toFixed(0)} ms):`);
  queries.forEach(([name], k) => {
    const ms = median(times[k]!);
    console.log(
      `  ${name!.padEnd(40)} ${(ms / reference).toFixed(2).padStart(6)}× (${ms.toFixed(0)} ms, ${rows[k]} rows)`,
    );
  });
}
