/**
 * bag_unpack and pivot without an output schema (plan/runtimeColumns.ts): their columns are found in
 * the data here, then the plugins run as they do with a schema.
 */
import type { Plan } from '../plan/types';
import type { Table, TableColumn } from '../table';
import { type DynamicValue, Int64, isDynamicBag, type KqlType, WholeReal } from '../values';
import { valueToString } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { runBagUnpack, runPivot } from './evaluate';
import { compileExpr, toDynamic } from './expr';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** The column type a slot's value asks for: its JSON kind, integers as long. */
function slotType(v: DynamicValue): KqlType {
  if (v instanceof WholeReal) {
    return 'real';
  }
  if (v instanceof Int64) {
    return 'long';
  }
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'long' : 'real';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      return 'dynamic';
  }
}

/**
 * As the reference's Returns says: the input's columns without the unpacked one, then a column per
 * distinct slot of the bags (sorted by name, as its examples show: Age, Height, Name), typed as the
 * slot's values when they all have one type and dynamic when they differ; null values are ignored.
 * A slot named as an input column is an error, or (columnsConflict) takes the bag's or the input's
 * values, in the input column's place (the reference's examples give Name, Age either way).
 */
export function runBagUnpackFromData(plan: P<'bagUnpack'>, input: Table, ctx: ExecContext): Table {
  const open = plan.open!;
  const bagOf = compileExpr(plan.source, input, ctx);
  const ignored = new Set(plan.ignored);
  const slots = new Map<string, KqlType | undefined>();
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const bag = toDynamic(bagOf(i), plan.source.type);
    if (!isDynamicBag(bag)) {
      continue;
    }
    for (const [key, value] of Object.entries(bag as { [k: string]: DynamicValue })) {
      if (ignored.has(key)) {
        continue;
      }
      const before = slots.get(key);
      if (value === null || value === undefined) {
        if (!slots.has(key)) {
          slots.set(key, undefined);
        }
        continue;
      }
      const type = slotType(value);
      slots.set(key, before === undefined || before === type ? type : 'dynamic');
    }
  }
  const unpacked = plan.source.k === 'column' ? plan.source.name : undefined;
  const names = [...slots.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const slotOf = new Map(names.map((key) => [open.prefix + key, key]));
  const column = (name: string, key: string, clash: TableColumn | undefined) => {
    if (clash && open.conflict === 'error') {
      throw ctx.errors.at(
        plan.span,
        'KQL-ARGUMENT',
        `bag_unpack: the slot '${key}' would be a column named '${name}', which the input already has; set columnsConflict to 'replace_source' or 'keep_source'.`,
      );
    }
    return clash && open.conflict === 'keep_source'
      ? { name, type: clash.column.type, key: undefined }
      : { name, type: slots.get(key) ?? 'dynamic', key: key as string | undefined };
  };
  const kept = input.columns.filter((c) => c.name !== unpacked);
  const columns = [
    // An input column a slot is named as stays in its place, with the values columnsConflict picks.
    ...kept.map((c) => {
      const key = slotOf.get(c.name);
      return key === undefined ? { name: c.name, type: c.column.type, key: undefined } : column(c.name, key, c);
    }),
    ...[...slotOf]
      .filter(([name]) => !kept.some((c) => c.name === name))
      .map(([name, key]) => column(name, key, undefined)),
  ];
  return runBagUnpack({ ...plan, columns, schema: columns.map((c) => ({ name: c.name, type: c.type })) }, input, ctx);
}

/**
 * The key columns, then a column per pivot value (as text) in order of first appearance, typed as the
 * aggregation's result (the reference's example lists ARKANSAS before ARIZONA, so not sorted).
 */
export function runPivotFromData(plan: P<'pivot'>, input: Table, ctx: ExecContext): Table {
  const pivotOf = compileExpr(plan.pivot, input, ctx);
  const keys = plan.keys.map((k) => ({ name: k, type: input.column(k)?.type ?? ('dynamic' as KqlType) }));
  const taken = new Set(plan.keys);
  const values: string[] = [];
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const name = valueToString(pivotOf(i), plan.pivot.type);
    // A value named as a key column cannot be a second column of that name: the key keeps it.
    if (!taken.has(name)) {
      taken.add(name);
      values.push(name);
    }
  }
  const type = plan.aggregate.outputs[0]!.type;
  return runPivot({ ...plan, schema: [...keys, ...values.map((name) => ({ name, type }))] }, input, ctx);
}
