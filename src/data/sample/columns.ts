/** Column-writing helpers for the sample workspace's generators. */
import {
  type Column,
  columnBuilder,
  type ColumnBuilder,
  DynamicColumn,
  NumberColumn,
  StringColumn,
} from '../../engine/column';
import { Table } from '../../engine/table';
import type { DynamicValue, Value } from '../../engine/values';
import type { TableSchema } from '../../schema/types';

/**
 * Builds a small table record by record (inventory tables: thousands of rows). Every record must give
 * every column of the schema, so a generator that forgets one fails loudly instead of shipping blanks.
 */
export class RecordTableWriter {
  private readonly builders: ColumnBuilder[];

  constructor(private readonly schema: TableSchema) {
    this.builders = schema.columns.map((c) => columnBuilder(c.type));
  }

  add(record: Readonly<Record<string, Value>>): void {
    this.schema.columns.forEach((c, j) => {
      const v = record[c.name];
      if (v === undefined) {
        throw new Error(`${this.schema.name} record lacks ${c.name}`);
      }
      this.builders[j]!.push(v);
    });
  }

  finish(): Table {
    return new Table(
      this.schema.columns.map((c, j) => ({ name: c.name, column: this.builders[j]!.finish() })),
      undefined,
      this.schema.name,
    );
  }
}

/**
 * Columns whose value depends only on the row's "instance" (a connection end, a port): each row stores
 * its instance number once, and every such column is gathered from per-instance values at the end.
 * String columns whose per-instance codes coincide share one code array.
 */
export class InstanceGather {
  private readonly shared = new Map<string, Int32Array>();

  constructor(
    private readonly instanceOfRow: Int32Array,
    private readonly rowCount: number,
  ) {}

  strings(type: 'string' | 'guid', perInstance: readonly (string | null)[]): Column {
    const dict: string[] = [];
    const index = new Map<string, number>();
    const codeOf = new Int32Array(perInstance.length);
    perInstance.forEach((s, i) => {
      if (s === null) {
        codeOf[i] = -1;
        return;
      }
      let c = index.get(s);
      if (c === undefined) {
        c = dict.length;
        dict.push(s);
        index.set(s, c);
      }
      codeOf[i] = c;
    });
    const signature = codeOf.join(',');
    let codes = this.shared.get(signature);
    if (!codes) {
      codes = new Int32Array(this.rowCount);
      const rows = this.instanceOfRow;
      for (let r = 0; r < this.rowCount; r++) {
        codes[r] = codeOf[rows[r]!]!;
      }
      this.shared.set(signature, codes);
    }
    return new StringColumn(type, codes, dict);
  }

  numbers(type: 'int' | 'long' | 'real', perInstance: readonly (number | null)[]): Column {
    const values = new Float64Array(this.rowCount);
    const anyNull = perInstance.some((v) => v === null);
    const nulls = anyNull ? new Uint8Array(this.rowCount) : undefined;
    const rows = this.instanceOfRow;
    for (let r = 0; r < this.rowCount; r++) {
      const v = perInstance[rows[r]!]!;
      if (v === null) {
        nulls![r] = 1;
      } else {
        values[r] = v;
      }
    }
    return new NumberColumn(type, values, nulls);
  }

  dynamic(perInstance: readonly DynamicValue[]): Column {
    const values: DynamicValue[] = new Array<DynamicValue>(this.rowCount);
    const rows = this.instanceOfRow;
    for (let r = 0; r < this.rowCount; r++) {
      values[r] = perInstance[rows[r]!]!;
    }
    return new DynamicColumn(values);
  }
}
