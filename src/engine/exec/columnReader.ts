/** Reading one column's values by row index, straight from its typed arrays or dictionary codes. */
import { type Column, NumberColumn, StringColumn } from '../column';
import type { Value } from '../values';
import { LazyColumn } from './lazy';

export type Evaluator = (row: number) => Value;

export function columnReader(column: Column): Evaluator {
  if (column instanceof LazyColumn) {
    // Read through the selection instead of copying it: most selected columns are read once.
    const rows = column.rows;
    const inner = columnReader(column.source);
    const missing = column.type === 'string' ? '' : null;
    return (row) => {
      const r = rows[row]!;
      return r < 0 ? missing : inner(r);
    };
  }
  const col = column;
  if (col instanceof NumberColumn && !col.exact) {
    const values = col.values;
    const nulls = col.nulls;
    return nulls ? (row) => (nulls[row] ? null : values[row]!) : (row) => values[row]!;
  }
  if (col instanceof StringColumn) {
    const codes = col.codes;
    const dict = col.dict;
    const missing = col.type === 'string' ? '' : null;
    return (row) => {
      const c = codes[row]!;
      return c < 0 ? missing : dict[c]!;
    };
  }
  return (row) => col.get(row);
}
