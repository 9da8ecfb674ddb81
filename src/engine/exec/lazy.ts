/**
 * Row selections that are not copied until a column is read. Filters, sorts and joins pick rows of
 * wide tables, and most queries then read a few columns: the rest are never materialised.
 */
import { type Column, NumberColumn, takeRows } from '../column';
import { Table } from '../table';
import type { Value } from '../values';

/** A number column read in place: its storage, and a selection's row numbers when it is one (−1 is null). */
export interface NumberSelection {
  readonly source: NumberColumn;
  readonly rows?: Int32Array;
}

/** The column as a NumberSelection, when it is a number column or a lazy selection of one. */
export function numberSelection(column: Column | undefined): NumberSelection | undefined {
  // A column holding longs past 2^53 is read through get() (exact Int64s), never as plain doubles.
  if (column instanceof NumberColumn) {
    return column.exact ? undefined : { source: column };
  }
  if (column instanceof LazyColumn && column.source instanceof NumberColumn && !column.source.exact) {
    return { source: column.source, rows: column.rows };
  }
  return undefined;
}

export class LazyColumn implements Column {
  private resolved: Column | undefined;
  constructor(
    readonly source: Column,
    /** Row i of this column is row rows[i] of source (-1: null). */
    readonly rows: Int32Array,
  ) {}
  get type(): Column['type'] {
    return this.source.type;
  }
  get length(): number {
    return this.rows.length;
  }
  resolve(): Column {
    this.resolved ??= takeRows(this.source, this.rows);
    return this.resolved;
  }
  get(i: number): Value {
    return this.resolve().get(i);
  }
  isNull(i: number): boolean {
    return this.resolve().isNull(i);
  }
}

/** The column in its storage form (typed arrays, dictionary), materialising a lazy selection. */
export function materialized(c: Column): Column {
  return c instanceof LazyColumn ? c.resolve() : c;
}

function toInt32(rows: Int32Array | readonly number[]): Int32Array {
  return rows instanceof Int32Array ? rows : Int32Array.from(rows);
}

/** Selects rows of a table (−1 gives a null row) without copying column data yet. */
export function selectRows(table: Table, rows: Int32Array | readonly number[]): Table {
  const picked = toInt32(rows);
  // Columns selected by the same earlier selection share one composed index.
  const composed = new Map<Int32Array, Int32Array>();
  const cols = table.columns.map((c) => ({ name: c.name, column: selectColumn(c.column, picked, composed) }));
  return new Table(cols, picked.length, table.name);
}

export function selectColumn(column: Column, rows: Int32Array, composed = new Map<Int32Array, Int32Array>()): Column {
  if (column instanceof LazyColumn) {
    let inner = composed.get(column.rows);
    if (!inner) {
      const src = column.rows;
      inner = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        inner[i] = r < 0 ? -1 : src[r]!;
      }
      composed.set(column.rows, inner);
    }
    return new LazyColumn(column.source, inner);
  }
  return new LazyColumn(column, rows);
}

/** A table whose columns are all in storage form: what leaves the engine. */
export function materializeTable(table: Table): Table {
  if (!table.columns.some((c) => c.column instanceof LazyColumn)) {
    return table;
  }
  return new Table(
    table.columns.map((c) => ({ name: c.name, column: materialized(c.column) })),
    table.rowCount,
    table.name,
  );
}
