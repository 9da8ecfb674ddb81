/** The reduce operator: the values of `by` as text, grouped by exec/reducePatterns.ts. */
import { columnFromValues } from '../column';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { valueToString } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { evaluateColumn } from './expr';
import { reduce } from './reducePatterns';

const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function runReduce(plan: P<'reduce'>, input: Table, ctx: ExecContext): Table {
  const by = evaluateColumn(plan.by, input, ctx);
  const texts: string[] = new Array(input.rowCount);
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = by.get(i);
    texts[i] = typeof v === 'string' ? v : v === null ? '' : valueToString(v, by.type);
  }
  const { groups, groupOf } = reduce(texts, { threshold: plan.threshold, characters: plan.characters });
  // The binder's columns: Pattern, Count, Representative, after the input's with kind=source.
  const [pattern, count, representative] = plan.schema.slice(plan.source ? input.columns.length : 0);
  const rows = plan.source ? Array.from(groupOf, (g) => groups[g]!) : groups;
  const out = [
    {
      name: pattern?.name ?? 'Pattern',
      column: columnFromValues(
        'string',
        rows.map((g) => g.pattern),
      ),
    },
    {
      name: count?.name ?? 'Count',
      column: columnFromValues(
        count?.type ?? 'long',
        rows.map((g) => g.count),
      ),
    },
    {
      name: representative?.name ?? 'Representative',
      column: columnFromValues(
        'string',
        rows.map((g) => g.representative),
      ),
    },
  ];
  return new Table(plan.source ? [...input.columns, ...out] : out, rows.length);
}
