/** A table: named, typed columns of equal length. Immutable; operators build new tables. */
import type { KqlType } from '../schema/types';
import { type Column, columnFromValues, takeRows } from './column';
import type { Value } from './values';

export interface TableColumn {
  readonly name: string;
  readonly column: Column;
}

export class Table {
  readonly rowCount: number;

  constructor(
    readonly columns: readonly TableColumn[],
    rowCount?: number,
    /** The table's name where it has one (a stored table, or a tabular `let`). */
    readonly name?: string,
  ) {
    this.rowCount = rowCount ?? columns[0]?.column.length ?? 0;
  }

  columnIndex(name: string): number {
    return this.columns.findIndex((c) => c.name === name);
  }

  column(name: string): Column | undefined {
    return this.columns.find((c) => c.name === name)?.column;
  }

  get schema(): { name: string; type: KqlType }[] {
    return this.columns.map((c) => ({ name: c.name, type: c.column.type }));
  }

  takeRows(rows: Int32Array | readonly number[]): Table {
    return new Table(
      this.columns.map((c) => ({ name: c.name, column: takeRows(c.column, rows) })),
      rows.length,
      this.name,
    );
  }

  withName(name: string | undefined): Table {
    return new Table(this.columns, this.rowCount, name);
  }

  /** Materialises rows as arrays: for output and tests only, never on hot paths. */
  rows(limit = this.rowCount): Value[][] {
    const n = Math.min(limit, this.rowCount);
    const out: Value[][] = new Array(n);
    for (let r = 0; r < n; r++) {
      out[r] = this.columns.map((c) => c.column.get(r));
    }
    return out;
  }

  static fromRows(
    schema: readonly { name: string; type: KqlType }[],
    rows: readonly (readonly Value[])[],
    name?: string,
  ): Table {
    return new Table(
      schema.map((s, j) => ({
        name: s.name,
        column: columnFromValues(
          s.type,
          rows.map((r) => r[j] ?? null),
        ),
      })),
      rows.length,
      name,
    );
  }
}
