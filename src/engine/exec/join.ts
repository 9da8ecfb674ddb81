/** Hash joins (every Kusto join kind) and lookup. Output columns are named by the binder's schema. */

import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { hashKey } from '../valueCompare';
import { columnReader, type Evaluator } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { selectColumn } from './lazy';
import { chargeMemory } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** A row's join key, or undefined when a key is null (null keys never match). */
export function keyReader(
  table: Table,
  names: readonly string[],
  ctx: ExecContext,
  plan: Plan,
): (row: number) => unknown {
  const readers: { read: Evaluator; type: Parameters<typeof hashKey>[1] }[] = names.map((n) => {
    const col = table.column(n);
    if (!col) {
      throw ctx.errors.at(plan.span, 'KQL-JOIN', `The join key '${n}' is not a column of its input.`);
    }
    // int and long keys must meet: hash every number-backed key the same way.
    return {
      read: columnReader(col),
      type: col.type === 'int' || col.type === 'long' || col.type === 'decimal' ? 'real' : col.type,
    };
  });
  if (readers.length === 1) {
    const { read, type } = readers[0]!;
    return (row) => {
      const v = read(row);
      return v === null ? undefined : hashKey(v, type);
    };
  }
  return (row) => {
    const parts: unknown[] = [];
    for (const r of readers) {
      const v = r.read(row);
      if (v === null) {
        return undefined;
      }
      parts.push(hashKey(v, r.type));
    }
    return JSON.stringify(parts);
  };
}

function index(table: Table, key: (row: number) => unknown, ctx: ExecContext): Map<unknown, number[]> {
  const map = new Map<unknown, number[]>();
  for (let i = 0; i < table.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const k = key(i);
    if (k === undefined) {
      continue;
    }
    const list = map.get(k);
    if (list) {
      list.push(i);
    } else {
      map.set(k, [i]);
    }
  }
  return map;
}

/** An append-only Int32Array, for the row pairs a join produces (millions at a time). */
export class RowList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    chargeMemory(Math.max(16, capacity) * Int32Array.BYTES_PER_ELEMENT, 'join');
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      chargeMemory(this.data.length * 2 * Int32Array.BYTES_PER_ELEMENT, 'join');
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  finish(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export function output(schema: P<'join'>['schema'], sides: { table: Table; rows: RowList | number[] }[]): Table {
  const cols: TableColumn[] = [];
  let i = 0;
  for (const side of sides) {
    const rows = side.rows instanceof RowList ? side.rows.finish() : Int32Array.from(side.rows);
    const composed = new Map<Int32Array, Int32Array>();
    for (const c of side.table.columns) {
      cols.push({ name: schema[i]?.name ?? c.name, column: selectColumn(c.column, rows, composed) });
      i++;
    }
  }
  return new Table(cols, sides[0]!.rows.length);
}

export function runJoin(plan: P<'join'>, left: Table, right: Table, ctx: ExecContext): Table {
  const leftKey = keyReader(left, plan.leftKeys, ctx, plan);
  const rightIndex = index(right, keyReader(right, plan.rightKeys, ctx, plan), ctx);
  const kind = plan.kind;
  // A first pass sizes the output exactly: growing arrays of tens of millions of pairs costs more than it.
  const keys: unknown[] = new Array(left.rowCount);
  let expected = kind === 'rightouter' || kind === 'fullouter' ? right.rowCount : 0;
  const outer = kind === 'leftouter' || kind === 'fullouter';
  for (let i = 0; i < left.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const k = leftKey(i);
    keys[i] = k;
    const matches = k === undefined ? undefined : rightIndex.get(k);
    expected += matches ? matches.length : outer ? 1 : 0;
  }
  if (expected > 200_000_000) {
    throw ctx.errors.at(
      plan.span,
      'KQL-LIMIT',
      `The join would produce ${expected} rows, more than the embedded engine allows (200,000,000).`,
    );
  }
  const l = new RowList(kind === 'innerunique' ? 1024 : expected);
  const r = new RowList(kind === 'innerunique' ? 1024 : expected);
  const rightMatched = new Uint8Array(right.rowCount);
  const seenLeftKeys = kind === 'innerunique' ? new Set<unknown>() : undefined;
  for (let i = 0; i < left.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const k = keys[i];
    if (seenLeftKeys) {
      // innerunique: one (the first) left row per key value.
      if (k === undefined || seenLeftKeys.has(k)) {
        continue;
      }
      seenLeftKeys.add(k);
    }
    const matches = k === undefined ? undefined : rightIndex.get(k);
    switch (kind) {
      case 'leftsemi':
        if (matches) {
          l.push(i);
        }
        continue;
      case 'leftanti':
        if (!matches) {
          l.push(i);
        }
        continue;
      case 'rightsemi':
      case 'rightanti':
        if (matches) {
          for (const m of matches) {
            rightMatched[m] = 1;
          }
        }
        continue;
    }
    if (matches) {
      for (const m of matches) {
        l.push(i);
        r.push(m);
        rightMatched[m] = 1;
      }
    } else if (kind === 'leftouter' || kind === 'fullouter') {
      l.push(i);
      r.push(-1);
    }
  }
  if (kind === 'leftsemi' || kind === 'leftanti') {
    return output(plan.schema, [{ table: left, rows: l }]);
  }
  if (kind === 'rightsemi' || kind === 'rightanti') {
    const rows: number[] = [];
    for (let j = 0; j < right.rowCount; j++) {
      if ((rightMatched[j] === 1) === (kind === 'rightsemi')) {
        rows.push(j);
      }
    }
    return output(plan.schema, [{ table: right, rows }]);
  }
  if (kind === 'rightouter' || kind === 'fullouter') {
    for (let j = 0; j < right.rowCount; j++) {
      if (!rightMatched[j]) {
        l.push(-1);
        r.push(j);
      }
    }
  }
  return output(plan.schema, [
    { table: left, rows: l },
    { table: right, rows: r },
  ]);
}

/** lookup: left rows extended with the matching right row's non-key columns (null where none matches). */
export function runLookup(plan: P<'lookup'>, left: Table, right: Table, ctx: ExecContext): Table {
  const leftKey = keyReader(left, plan.leftKeys, ctx, plan);
  const rightIndex = index(right, keyReader(right, plan.rightKeys, ctx, plan), ctx);
  const l = new RowList();
  const r = new RowList();
  for (let i = 0; i < left.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const k = leftKey(i);
    const matches = k === undefined ? undefined : rightIndex.get(k);
    if (matches) {
      for (const m of matches) {
        l.push(i);
        r.push(m);
      }
    } else if (plan.kind === 'leftouter') {
      l.push(i);
      r.push(-1);
    }
  }
  const rightKeys = new Set(plan.rightKeys);
  const rightRest = new Table(
    right.columns.filter((c) => !rightKeys.has(c.name)),
    right.rowCount,
  );
  return output(plan.schema, [
    { table: left, rows: l },
    { table: rightRest, rows: r },
  ]);
}
