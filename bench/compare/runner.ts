/**
 * One checkout's side of bench/compare/engines.ts. engines.ts bundles this file once per checkout, with
 * `../../src/…` pointing into that checkout, and loads both bundles into one process: the same query
 * text then runs on each engine in turn, over the same generated rows, under the same load.
 */
import { performance } from 'node:perf_hooks';
import { generateSampleWorkspace } from '../../src/data/sample';
import { executeQuery } from '../../src/engine';
import type { Database } from '../../src/engine/database';

export interface EngineSide {
  /** Generates the sample workspace at `scale` and loads Kusto.Language; returns every table's row count. */
  load(scale: number): string;
  /**
   * Runs `text` `times` times in a row (default once) and returns the time of one run, their mean;
   * `planCache` false parses, binds and plans it again, as a query's first run does.
   * ms: wall-clock time; cpuMs: the process's CPU time over the runs, which other processes' load on a
   * shared machine does not stretch (V8's helper threads are counted in it, alike on both sides).
   */
  time(
    text: string,
    planCache: boolean,
    times?: number,
  ): { readonly ms: number; readonly cpuMs: number; readonly rows: number };
}

const NOW = new Date('2026-11-23T12:00:00Z');
/** `now` in this checkout's own tick counting (its epoch may differ from another checkout's), read back from its engine. */
let nowTicks = 0;

let db: Database | undefined;

export function load(scale: number): string {
  const ws = generateSampleWorkspace({ now: NOW, scale });
  db = ws.database;
  const now = executeQuery(`print t = datetime(${NOW.toISOString()})`, db).tables[0]!.table.column('t')!.get(0);
  nowTicks = now as number;
  return db.tableNames
    .map((name) => `${name}:${db!.table(name)!.rowCount}`)
    .sort()
    .join(' ');
}

export function time(text: string, planCache: boolean, times = 1): { ms: number; cpuMs: number; rows: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let r = executeQuery(text, db!, { now: nowTicks, rowLimit: 10_000_000, planCache });
  for (let i = 1; i < times; i++) {
    r = executeQuery(text, db!, { now: nowTicks, rowLimit: 10_000_000, planCache });
  }
  const ms = (performance.now() - started) / times;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 / times, rows: r.tables[0]?.table.rowCount ?? 0 };
}
