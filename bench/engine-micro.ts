/**
 * Engine micro-benchmark: the seed queries over the sample workspace at a scale factor (default 10,
 * about 1M VMConnection rows), each timed after a warm-up run. Reference figure from the same run: a
 * hand-written typed-array loop computing `summarize sum(BytesSent) by Computer`, the floor any engine
 * pays for one pass over a column; the seed times are printed as ratios to it.
 *
 *   npx tsx bench/engine-micro.ts [scale] [query-id-filter]
 */
import { performance } from 'node:perf_hooks';
import { generateSampleWorkspace } from '../src/data/sample';
import { executeQuery } from '../src/engine';
import type { NumberColumn, StringColumn } from '../src/engine/column';
import { ticksFromMs } from '../src/engine/values';
import { SAMPLE_QUERIES, sampleQueryText } from '../src/schema/sampleQueries';

const scale = Number(process.argv[2] ?? 10);
const filter = process.argv[3];
const now = new Date('2026-11-23T12:00:00Z');
const nowTicks = ticksFromMs(now.getTime());

let t0 = performance.now();
const ws = generateSampleWorkspace({ now, scale });
const vmc = ws.database.table('VMConnection')!;
console.log(`generate scale=${scale}: ${(performance.now() - t0).toFixed(0)} ms, VMConnection ${vmc.rowCount} rows`);

t0 = performance.now();
executeQuery('print 1', ws.database);
console.log(`first query (loads Kusto.Language): ${(performance.now() - t0).toFixed(0)} ms`);

function referenceLoop(): number {
  const computer = vmc.column('Computer') as StringColumn;
  const bytes = vmc.column('BytesSent') as NumberColumn;
  const sums = new Float64Array(computer.dict.length + 1);
  const start = performance.now();
  for (let i = 0; i < vmc.rowCount; i++) {
    if (!bytes.nulls || !bytes.nulls[i]) {
      const slot = computer.codes[i]! + 1;
      sums[slot] = sums[slot]! + bytes.values[i]!;
    }
  }
  const elapsed = performance.now() - start;
  if (sums.every((x) => x === 0)) {
    throw new Error('the reference loop summed nothing');
  }
  return elapsed;
}
referenceLoop();
const reference = Math.min(referenceLoop(), referenceLoop(), referenceLoop());
console.log(`reference loop (sum by key over typed arrays): ${reference.toFixed(1)} ms`);

function time(text: string): { ms: number; rows: number } {
  executeQuery(text, ws.database, { now: nowTicks });
  const start = performance.now();
  const r = executeQuery(text, ws.database, { now: nowTicks });
  return { ms: performance.now() - start, rows: r.tables[0]!.table.rowCount };
}

console.log('\nquery'.padEnd(40) + 'ms'.padStart(10) + 'x ref'.padStart(10) + 'rows'.padStart(10));
let total = 0;
for (const q of SAMPLE_QUERIES) {
  if (filter && !q.id.includes(filter)) {
    continue;
  }
  try {
    const { ms, rows } = time(sampleQueryText(q));
    total += ms;
    console.log(
      q.id.padEnd(40) +
        ms.toFixed(0).padStart(10) +
        (ms / reference).toFixed(0).padStart(10) +
        String(rows).padStart(10),
    );
  } catch (e) {
    console.log(q.id.padEnd(40) + `  failed: ${(e as Error).message}`);
  }
}
console.log(`total ${total.toFixed(0)} ms`);
