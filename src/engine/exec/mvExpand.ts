/**
 * mv-expand: each array element (or bag entry) becomes a row; several columns expand in parallel, the
 * shorter padded with null. A null value gives one row, an empty array or bag none. `to typeof(t)` is a
 * cast only: elements that are not of type t become null.
 */

import { recordOf } from '../../results/jsonData';
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { type DynamicValue, dynamicNumber, isDynamicBag, type KqlType, type Value } from '../values';
import { parseDatetime, parseTimespan, valueToString } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { selectColumn } from './lazy';
import { BatchedCharge, BYTES } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

function elements(v: Value, bagsAsArrays: boolean): DynamicValue[] {
  if (v === null || v === undefined) {
    return [null];
  }
  if (Array.isArray(v)) {
    return v;
  }
  if (isDynamicBag(v)) {
    return Object.entries(v).map(([k, x]) => (bagsAsArrays ? [k, x] : recordOf<DynamicValue>({ [k]: x })));
  }
  return [v];
}

/** The cast of `to typeof(t)`. */
export function castDynamic(v: DynamicValue, type: KqlType): Value {
  if (v === null) {
    return type === 'string' ? '' : null;
  }
  switch (type) {
    case 'dynamic':
      return v;
    case 'string':
      return valueToString(v, 'dynamic');
    case 'bool':
      return typeof v === 'boolean' ? v : null;
    case 'int':
    case 'long': {
      const n = dynamicNumber(v);
      return n !== undefined && Number.isInteger(n) ? n : null;
    }
    case 'real':
    case 'decimal':
      return dynamicNumber(v) ?? null;
    case 'datetime':
      return typeof v === 'string' ? parseDatetime(v) : null;
    case 'timespan':
      return typeof v === 'string' ? parseTimespan(v) : typeof v === 'number' ? v : null;
    case 'guid':
      return typeof v === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v) ? v.toLowerCase() : null;
  }
}

export function runMvExpand(plan: P<'mvExpand'>, input: Table, ctx: ExecContext): Table {
  const exprs = plan.columns.map((c) => compileExpr({ ...c.expr, type: 'dynamic' } as typeof c.expr, input, ctx));
  const limit = plan.limit ?? Number.MAX_SAFE_INTEGER;
  const bagsAsArrays = plan.bagsAsArrays === true;
  const rows: number[] = [];
  const builders = plan.columns.map((c) => columnBuilder(c.expr.type, input.rowCount));
  const indexBuilder = plan.itemIndex ? columnBuilder('long', input.rowCount) : undefined;
  // Each output row: its source row, one value per expanded column, and the item index.
  const rowBytes =
    BYTES.slot * 2 +
    plan.columns.reduce(
      (sum, c) => sum + (c.expr.type === 'dynamic' || c.expr.type === 'string' ? BYTES.boxed : BYTES.slot),
      0,
    );
  const charge = new BatchedCharge(rowBytes, 'mv-expand');
  let produced = 0;
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const lists = exprs.map((e) => elements(e(i), bagsAsArrays));
    const count = Math.min(limit, Math.max(...lists.map((l) => l.length)));
    for (let j = 0; j < count; j++) {
      if ((++produced & (CHECK_INTERVAL - 1)) === 0) {
        // A few rows may expand into millions: the checks follow the output too.
        ctx.check();
      }
      charge.add();
      rows.push(i);
      lists.forEach((l, c) => builders[c]!.push(j < l.length ? castDynamic(l[j]!, plan.columns[c]!.expr.type) : null));
      indexBuilder?.push(j);
    }
  }
  charge.flush();
  const expanded = new Map<string, TableColumn>();
  plan.columns.forEach((c, k) => expanded.set(c.name, { name: c.name, column: builders[k]!.finish() }));
  if (plan.itemIndex && indexBuilder) {
    expanded.set(plan.itemIndex, { name: plan.itemIndex, column: indexBuilder.finish() });
  }
  const picked = Int32Array.from(rows);
  const composed = new Map<Int32Array, Int32Array>();
  const cols: TableColumn[] = plan.schema.map((s) => {
    const e = expanded.get(s.name);
    if (e) {
      return e;
    }
    const col = input.column(s.name);
    return { name: s.name, column: col ? selectColumn(col, picked, composed) : columnBuilder(s.type).finish() };
  });
  return new Table(cols, rows.length, input.name);
}
