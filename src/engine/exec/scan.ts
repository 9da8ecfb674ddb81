/**
 * scan, as the Kusto reference's "Scan logic" describes it. Each step k keeps a state: the matched
 * records of steps 0..k of one sequence, with its match id. Every input record is tried against the
 * steps from the last to the first:
 * - Check 1: when step k−1 has a state and the record meets step k's condition (read against that
 *   state), the state moves up to step k with the record appended, and step k−1's state empties.
 * - Check 2 (only if check 1 did not match): when step k has a state, or is the first step, and the
 *   record meets the condition (read against step k's own state), the record replaces step k's entry;
 *   on the first step with no state this starts a new sequence with the next match id.
 * A match adds the record, extended by the step's assignments, to the output unless the step says
 * output=none. A step with output=last holds its match back: a later match of the same series (check 2)
 * replaces it, and it is output when its series leaves the step (promoted to the next step, or cleared
 * by a new sequence arriving from the step before), or when the input ends. So output rows stay in
 * input order: the held record is always earlier than the one that ends its series. `s.Col` reads Col of step s's record in the state the condition is read against; a
 * declared column of a step not in that state reads its default.
 */
import { type Column, columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { KqlType, Value } from '../values';
import { columnReader, type Evaluator } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** A matched record: its input row and the declared columns' values after the step's assignments. */
interface MatchedRecord {
  readonly row: number;
  readonly declared: readonly Value[];
}

interface StepState {
  readonly records: readonly MatchedRecord[];
  readonly matchId: number;
}

/** A column whose every row reads the same value, computed on demand (the state being read against). */
function valueColumn(type: KqlType, length: number, read: () => Value): Column {
  return { type, length, get: read, isNull: () => read() === null };
}

export function runScan(plan: P<'scan'>, input: Table, ctx: ExecContext): Table {
  const n = input.rowCount;
  const declaredIndex = new Map(plan.declared.map((d, i) => [d.name, i]));
  const inputReaders = new Map(input.columns.map((c) => [c.name, columnReader(c.column)]));
  // The records the current condition or assignment reads `step.Col` from.
  let readingState: readonly MatchedRecord[] = [];
  const stateColumns: TableColumn[] = plan.stateRefs.map((ref) => {
    const d = declaredIndex.get(ref.column);
    const fromInput = inputReaders.get(ref.column);
    const type = d !== undefined ? plan.declared[d]!.type : (input.column(ref.column)?.type ?? 'dynamic');
    const missing: Value = d !== undefined ? plan.declared[d]!.fallback : type === 'string' ? '' : null;
    return {
      name: ref.name,
      column: valueColumn(type, n, () => {
        const record = readingState[ref.step];
        if (!record) {
          return missing;
        }
        return d !== undefined ? record.declared[d]! : fromInput ? fromInput(record.row) : missing;
      }),
    };
  });
  // A declared column named bare is the record's own, before its assignments: its default.
  const declaredColumns: TableColumn[] = plan.declared
    .filter((d) => !input.column(d.name))
    .map((d) => ({ name: d.name, column: valueColumn(d.type, n, () => d.fallback) }));
  const table = new Table([...input.columns, ...declaredColumns, ...stateColumns], n, input.name);
  const steps = plan.steps.map((s) => ({
    output: s.output,
    condition: compileExpr(s.condition, table, ctx),
    assignments: s.assignments.map((a) => ({
      index: declaredIndex.get(a.name),
      value: compileExpr(a.expr, table, ctx) as Evaluator,
    })),
  }));
  const defaults = plan.declared.map((d) => d.fallback);

  const states: (StepState | undefined)[] = new Array(steps.length).fill(undefined);
  type Output = { record: MatchedRecord; matchId: number };
  const out: Output[] = [];
  // output=last: the latest match of each step's current series, not yet output.
  const held: (Output | undefined)[] = new Array(steps.length).fill(undefined);
  const release = (k: number): void => {
    if (held[k]) {
      out.push(held[k]);
      held[k] = undefined;
    }
  };
  let lastMatchId = -1;
  const matches = (k: number, row: number, against: readonly MatchedRecord[]): MatchedRecord | undefined => {
    readingState = against;
    if (steps[k]!.condition(row) !== true) {
      return undefined;
    }
    const declared = [...defaults];
    for (const a of steps[k]!.assignments) {
      if (a.index !== undefined) {
        declared[a.index] = a.value(row);
      }
    }
    return { row, declared };
  };
  for (let row = 0; row < n; row++) {
    if ((row & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let k = steps.length - 1; k >= 0; k--) {
      const previous = k > 0 ? states[k - 1] : undefined;
      const promoted = previous ? matches(k, row, previous.records) : undefined;
      let matched: { record: MatchedRecord; matchId: number } | undefined;
      if (previous && promoted) {
        // The series at k (if any) is replaced and the one at k−1 moves on: both have ended.
        release(k);
        release(k - 1);
        states[k] = { records: [...previous.records, promoted], matchId: previous.matchId };
        states[k - 1] = undefined;
        matched = { record: promoted, matchId: previous.matchId };
      } else {
        const own = states[k];
        if (own || k === 0) {
          const record = matches(k, row, own?.records ?? []);
          if (record) {
            const matchId = own ? own.matchId : ++lastMatchId;
            states[k] = { records: [...(own?.records.slice(0, k) ?? []), record], matchId };
            matched = { record, matchId };
          }
        }
      }
      if (matched && steps[k]!.output === 'all') {
        out.push(matched);
      } else if (matched && steps[k]!.output === 'last') {
        held[k] = matched;
      }
    }
  }
  readingState = [];
  // Series still open when the input ends: their last matches, in input order (for one row, last
  // step first, the order the steps were tried in).
  held
    .map((h, k) => ({ h, k }))
    .filter((x) => x.h !== undefined)
    .sort((a, b) => a.h!.record.row - b.h!.record.row || b.k - a.k)
    .forEach((x) => out.push(x.h!));

  const matchedRows = input.takeRows(Int32Array.from(out.map((o) => o.record.row)));
  const cols: TableColumn[] = plan.schema.map((c) => {
    const d = declaredIndex.get(c.name);
    if (d !== undefined || c.name === plan.matchId) {
      const builder = columnBuilder(c.type, out.length);
      for (const o of out) {
        builder.push(d !== undefined ? o.record.declared[d]! : o.matchId);
      }
      return { name: c.name, column: builder.finish() };
    }
    return { name: c.name, column: matchedRows.column(c.name)! };
  });
  return new Table(cols, out.length, input.name);
}
