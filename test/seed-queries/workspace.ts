/** The pinned sample workspace the seed-query tests run on, and plain-JS readers of its tables. */
import { generateSampleWorkspace } from '../../src/data/sample';
import { executeQuery } from '../../src/engine';
import type { Table } from '../../src/engine/table';
import type { Value } from '../../src/engine/values';
import { ticksFromMs } from '../../src/engine/values';
import { findSampleQuery, sampleQueryText } from '../../src/schema/sampleQueries';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const ws = generateSampleWorkspace({ now: NOW });
export const NOW_TICKS = ticksFromMs(NOW.getTime());
export const HOUR_TICKS = 36_000_000_000;

export function table(name: string): Table {
  const t = ws.database.table(name);
  if (!t) {
    throw new Error(`no table ${name}`);
  }
  return t;
}

/** Rows of a stored table as objects with only the named columns (independent of the engine). */
export function records(name: string, columns: readonly string[]): Record<string, Value>[] {
  const t = table(name);
  const cols = columns.map((c) => {
    const col = t.column(c);
    if (!col) {
      throw new Error(`${name} has no column ${c}`);
    }
    return col;
  });
  const out: Record<string, Value>[] = new Array(t.rowCount);
  for (let r = 0; r < t.rowCount; r++) {
    const o: Record<string, Value> = {};
    columns.forEach((c, j) => {
      o[c] = cols[j]!.get(r);
    });
    out[r] = o;
  }
  return out;
}

export interface SeedResult {
  readonly columns: string[];
  readonly rows: Value[][];
  readonly objects: Record<string, Value>[];
  readonly render?: string;
}

/** Runs a sample query (defaults filled in) on the pinned workspace. */
export function runSeed(id: string): SeedResult {
  const q = findSampleQuery(id);
  if (!q) {
    throw new Error(`no sample query ${id}`);
  }
  const result = executeQuery(sampleQueryText(q), ws.database, { now: NOW_TICKS });
  const t = result.tables[0]!.table;
  const columns = t.columns.map((c) => c.name);
  const rows = t.rows();
  return {
    columns,
    rows,
    objects: rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]!]))),
    render: result.render?.visualization,
  };
}

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) {
      list.push(it);
    } else {
      m.set(k, [it]);
    }
  }
  return m;
}

export function sum(values: readonly (Value | undefined)[]): number {
  return values.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
}

export function machine(name: string) {
  const m = ws.fleet.machines.find((x) => x.name === name);
  if (!m) {
    throw new Error(`no machine ${name}`);
  }
  return m;
}

/** Sorted, for order-insensitive comparisons of row sets. */
export function sorted<T>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );
}
