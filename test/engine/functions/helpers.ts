/**
 * Test helpers: call a function or operator through the bind API the executor uses, and run the
 * reference's `print`/`datatable` examples through the engine to compare with their stated output.
 */

import { Database, executeQuery } from '../../../src/engine';
import { aggregateFunction, scalarFunction } from '../../../src/engine/functions';
import type { KqlType, Value } from '../../../src/engine/values';
import { ticksFromMs } from '../../../src/engine/values';
import { parseDatetime } from '../../../src/engine/valueText';
import { toWire } from '../../../src/engine/wireValues';
import { parseJsonData } from '../../../src/results/jsonData';
import type { WireValue } from '../../../src/results/queryResult';
import { plainBags } from '../bagData';

/** 2026-01-15T12:00:00Z, the "now" of every test. */
export const NOW = ticksFromMs(Date.UTC(2026, 0, 15, 12));

/** A datetime's ticks (tests use datetimes within 1981–2038, where ticks are plain numbers). */
export function dt(text: string): number {
  const t = parseDatetime(text) as number | null;
  if (t === null) {
    throw new Error(`bad datetime in test: ${text}`);
  }
  return t;
}

/** Binds a scalar function for the given types (constant arguments = the arguments) and calls it once. */
export function call(name: string, argTypes: readonly KqlType[], resultType: KqlType, args: readonly Value[]): Value {
  const fn = scalarFunction(name);
  if (!fn) {
    throw new Error(`no function ${name}`);
  }
  return plainBags(fn.bind(argTypes, resultType, { now: NOW }, args)(args));
}

/** Folds rows through an aggregation, as summarize does for one group. */
export function aggregate(
  name: string,
  argTypes: readonly KqlType[],
  resultType: KqlType,
  rows: readonly (readonly Value[])[],
  constArgs: readonly (Value | undefined)[] = [],
): Value | readonly Value[] {
  const fn = aggregateFunction(name);
  if (!fn) {
    throw new Error(`no aggregate ${name}`);
  }
  const impl = fn.bind(argTypes, resultType, { now: NOW }, constArgs);
  let state = impl.init();
  for (const r of rows) {
    state = impl.step(state, r);
  }
  return plainBags(impl.result(state));
}

/**
 * A value in the wire form, for comparing values: a dynamic value sent as its exact JSON text (a
 * whole-number real's `.0`, a long past 2^53, a dynamic string that reads like JSON, quoted:
 * exactDynamicCell.test.ts tests that text) is read back as plain JSON, so tests state values, not
 * their text.
 */
function wireValue(v: Value, type: KqlType): WireValue {
  const w = toWire(v, type);
  return plainBags(type === 'dynamic' && typeof w === 'string' && w !== v ? (parseJsonData(w) as WireValue) : w);
}

/** Runs a query on an empty database; rows in the wire form (datetimes and timespans as text). */
export function rows(query: string): WireValue[][] {
  const result = executeQuery(query, new Database([]), { now: NOW });
  const t = result.tables[0]!.table;
  const out: WireValue[][] = [];
  for (let i = 0; i < t.rowCount; i++) {
    out.push(t.columns.map((c) => wireValue(c.column.get(i), c.column.type)));
  }
  return out;
}

/** The single row of a `print`, as { column: value }. */
export function printed(query: string): Record<string, WireValue> {
  const result = executeQuery(query, new Database([]), { now: NOW });
  const t = result.tables[0]!.table;
  return Object.fromEntries(t.columns.map((c) => [c.name, wireValue(c.column.get(0), c.column.type)]));
}

/** One column of a query's result. */
export function column(query: string, index = 0): WireValue[] {
  return rows(query).map((r) => r[index]!);
}
