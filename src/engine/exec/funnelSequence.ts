/**
 * evaluate funnel_sequence: in each bin, each id's rows in time order are a path of states, a state
 * repeated by consecutive rows being one visit (the reference's example, a sequence of one Tornado,
 * has no Tornado before or after it, though episodes hold several tornadoes in a row). The sequence
 * occurs where consecutive visits are its states, each visit starting at most MaxSequenceStepWindow
 * after the last row of the one before. For each occurrence, `prev` is the visit before it and `next`
 * the one after, in the bin, at any distance (empty — null for a state column that is not a string —
 * where there is none, as the reference says). Three tables count the distinct ids per (prev, next),
 * per prev and per next, with up to 128 of them in `samples` (in order of first appearance); rows come
 * by bin, then by dcount, largest first (as the reference's example lists them), ties in order of
 * first occurrence. A Sequence with one state twice in a row is an error at the argument: visits never
 * repeat a state, so it could never match.
 */
import { columnFromValues } from '../column';
import { toDynamic } from '../functions/convert';
import type { ColumnDef, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { hashKey } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { funnelTimelines, sequenceArgument } from './funnelTimelines';
import { BatchedCharge, BYTES } from './memoryBudget';
import { attachMoreTables } from './moreTables';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'funnel_sequence';
const MAX_SAMPLES = 128;
/** The key of "no state before (or after) the sequence". */
const NONE = '\u0000none';

type FunnelPlan = Extract<Plan, { k: 'funnelSequence' }>;

const BEFORE = (t: Tally): Value => t.before;
const AFTER = (t: Tally): Value => t.after;

/** One row of an output table: its bin, states and the ids counted. */
interface Tally {
  readonly bin: number;
  /** The states before and after the sequence (the prev and next columns). */
  readonly before: Value;
  readonly after: Value;
  dcount: number;
  readonly samples: Value[];
}

export function runFunnelSequence(plan: FunnelPlan, input: Table, ctx: ExecContext): Table {
  const stepWindow = Number(constantArgument(plan.stepWindow, PLUGIN, 'MaxSequenceStepWindow', ctx));
  if (stepWindow < 0) {
    throw ctx.errors.at(plan.stepWindow.span, 'KQL-ARGUMENT', `${PLUGIN}: MaxSequenceStepWindow is 0 or more.`);
  }
  const stateType = plan.state.type;
  const sequence = sequenceArgument(PLUGIN, plan.sequence, stateType, ctx).map((s) => hashKey(s, stateType));
  for (let i = 1; i < sequence.length; i++) {
    if (sequence[i] === sequence[i - 1]) {
      throw ctx.errors.at(
        plan.sequence.span,
        'KQL-ARGUMENT',
        `${PLUGIN}: Sequence repeats a state at ${i - 1} and ${i}; consecutive rows of one state are one step here, so write it once.`,
      );
    }
  }
  const { axis, timelines, times, stateKeys, states } = funnelTimelines(PLUGIN, plan, 'Step', input, ctx);
  const none: Value = stateType === 'string' ? '' : null;
  const tallies = [new Map<string, Tally>(), new Map<string, Tally>(), new Map<string, Tally>()];
  const charge = new BatchedCharge(3 * (BYTES.group + BYTES.boxed), `evaluate ${PLUGIN}`);
  let checked = 0;
  for (const { bin, id, rows } of timelines) {
    if ((checked++ & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    // The id's visits: the first and last row of each run of one state.
    const firsts: number[] = [];
    const lasts: number[] = [];
    for (const r of rows) {
      if (lasts.length > 0 && stateKeys[lasts[lasts.length - 1]!] === stateKeys[r]) {
        lasts[lasts.length - 1] = r;
      } else {
        firsts.push(r);
        lasts.push(r);
      }
    }
    // Each (prev, next) pair, prev and next once per id.
    const counted = new Set<string>();
    for (let v = 0; v + sequence.length <= firsts.length; v++) {
      if (!occursAt(v, sequence, firsts, lasts, stateKeys, times, stepWindow)) {
        continue;
      }
      const before = v > 0 ? lasts[v - 1]! : -1;
      const after = v + sequence.length < firsts.length ? firsts[v + sequence.length]! : -1;
      const prevKey = before < 0 ? NONE : String(stateKeys[before]);
      const nextKey = after < 0 ? NONE : String(stateKeys[after]);
      const prev = before < 0 ? none : states[before]!;
      const next = after < 0 ? none : states[after]!;
      const keys = [`${prevKey}\u0001${nextKey}`, prevKey, nextKey];
      keys.forEach((key, t) => {
        const tableKey = `${t}\u0001${key}`;
        if (counted.has(tableKey)) {
          return;
        }
        counted.add(tableKey);
        const byKey = tallies[t]!;
        const fullKey = `${bin}\u0001${key}`;
        let tally = byKey.get(fullKey);
        if (tally === undefined) {
          charge.add();
          tally = { bin, before: prev, after: next, dcount: 0, samples: [] };
          byKey.set(fullKey, tally);
        }
        tally.dcount++;
        if (tally.samples.length < MAX_SAMPLES) {
          tally.samples.push(toDynamic(id, plan.id.type) as Value);
        }
      });
    }
  }
  charge.flush();
  const [pairs, prevs, nexts] = tallies.map((m) => byBinThenCount([...m.values()]));
  const first = output(plan.schema, pairs!, [BEFORE, AFTER], axis.valueAt);
  if (!plan.allTables) {
    return first;
  }
  const [timeColumn, prevColumn, nextColumn, dcountColumn, samplesColumn] = plan.schema;
  const schemaOf = (state: ColumnDef): ColumnDef[] => [timeColumn!, state, dcountColumn!, samplesColumn!];
  return attachMoreTables(first, [
    output(schemaOf(prevColumn!), prevs!, [BEFORE], axis.valueAt),
    output(schemaOf(nextColumn!), nexts!, [AFTER], axis.valueAt),
  ]);
}

/** Whether the sequence's states are the visits from `v` on, each within the window of the one before. */
function occursAt(
  v: number,
  sequence: readonly (string | number)[],
  firsts: readonly number[],
  lasts: readonly number[],
  stateKeys: readonly (string | number)[],
  times: Float64Array,
  stepWindow: number,
): boolean {
  for (let s = 0; s < sequence.length; s++) {
    const visit = firsts[v + s]!;
    if (stateKeys[visit] !== sequence[s]) {
      return false;
    }
    if (s > 0 && times[visit]! - times[lasts[v + s - 1]!]! > stepWindow) {
      return false;
    }
  }
  return true;
}

function byBinThenCount(tallies: Tally[]): Tally[] {
  // Array.prototype.sort is stable: ties keep the order of first occurrence.
  return tallies.sort((a, b) => a.bin - b.bin || b.dcount - a.dcount);
}

function output(
  schema: readonly ColumnDef[],
  tallies: readonly Tally[],
  stateColumns: readonly ((t: Tally) => Value)[],
  binStart: (k: number) => Value,
): Table {
  const column = (def: ColumnDef, values: readonly Value[]): TableColumn => ({
    name: def.name,
    column: columnFromValues(def.type as KqlType, values),
  });
  const columns: TableColumn[] = [
    column(
      schema[0]!,
      tallies.map((t) => binStart(t.bin)),
    ),
  ];
  stateColumns.forEach((which, i) => {
    columns.push(column(schema[1 + i]!, tallies.map(which)));
  });
  columns.push(
    column(
      schema[1 + stateColumns.length]!,
      tallies.map((t) => t.dcount),
    ),
  );
  columns.push(
    column(
      schema[2 + stateColumns.length]!,
      tallies.map((t) => t.samples as Value),
    ),
  );
  return new Table(columns, tallies.length);
}
