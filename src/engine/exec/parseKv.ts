/** parse-kv: the listed keys' values found in a string column, as typed columns (see keyValueText.ts). */
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { extractKeyValues } from './keyValueText';
import { convertCapture } from './parse';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function runParseKv(plan: P<'parseKv'>, input: Table, ctx: ExecContext): Table {
  const source = compileExpr(plan.source, input, ctx);
  const wanted = new Set(plan.keys.map((k) => k.name));
  const builders = plan.keys.map((k) => columnBuilder(k.type, input.rowCount));
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const text = source(i);
    const found = typeof text === 'string' ? extractKeyValues(text, plan.mode, wanted) : undefined;
    plan.keys.forEach((k, c) => {
      const raw = found?.get(k.name);
      // A key that is missing, or whose value does not convert, is null ('' for strings).
      const value = raw === undefined ? undefined : convertCapture(raw, k.type);
      builders[c]!.push(value === undefined ? (k.type === 'string' ? '' : null) : value);
    });
  }
  // The keys' columns come after the input's, as the binder's schema has them.
  const cols: TableColumn[] = [
    ...input.columns,
    ...plan.keys.map((k, c) => ({ name: k.name, column: builders[c]!.finish() })),
  ];
  return new Table(cols, input.rowCount, input.name);
}
