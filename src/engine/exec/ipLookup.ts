/**
 * evaluate ipv4_lookup / ipv6_lookup: a lookup join of addresses to the networks holding them. The
 * lookup table's networks go into an IpPrefixIndex, so each address costs a binary search per prefix
 * length, not a scan. An address in several networks gives a row per network, in the lookup table's
 * order; one in none (or not an address) is dropped, or kept with nulls when return_unmatched is true.
 * Extra keys must be equal as join keys are (a null never matches).
 */
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { columnReader } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { IPV4, IPV6, IpPrefixIndex } from './ipPrefixIndex';
import { keyReader, output, RowList } from './join';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type IpLookupPlan = Extract<Plan, { k: 'ipLookup' }>;

export function runIpLookup(plan: IpLookupPlan, input: Table, lookup: Table, ctx: ExecContext): Table {
  const keyColumn = lookup.column(plan.lookupKey);
  const readNetwork = keyColumn ? columnReader(keyColumn) : () => null;
  const networks: (string | null)[] = [];
  for (let r = 0; r < lookup.rowCount; r++) {
    const v = readNetwork(r);
    networks.push(typeof v === 'string' ? v : null);
  }
  ctx.check();
  const index = plan.family === 'ipv4' ? new IpPrefixIndex(IPV4, networks) : new IpPrefixIndex(IPV6, networks);
  const extraOfInput = plan.extraKeys.length > 0 ? keyReader(input, plan.extraKeys, ctx, plan) : undefined;
  const extraOfLookup = plan.extraKeys.length > 0 ? keyReader(lookup, plan.extraKeys, ctx, plan) : undefined;

  const addressOf = compileExpr(plan.source, input, ctx);
  const left = new RowList(input.rowCount);
  const right = new RowList(input.rowCount);
  const matched: number[] = [];
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const address = addressOf(i);
    if (typeof address === 'string') {
      index.matches(address, matched);
    } else {
      matched.length = 0;
    }
    const extra = extraOfInput?.(i);
    let kept = 0;
    for (const row of matched) {
      if (extraOfInput && (extra === undefined || extra !== extraOfLookup!(row))) {
        continue;
      }
      left.push(i);
      right.push(row);
      kept++;
    }
    if (kept === 0 && plan.returnUnmatched) {
      left.push(i);
      right.push(-1);
    }
  }
  return output(plan.schema, [
    { table: input, rows: left },
    { table: lookupSide(plan, lookup), rows: right },
  ]);
}

/** The lookup table's columns the binder's schema keeps after the input's (extra keys appear once). */
function lookupSide(plan: IpLookupPlan, lookup: Table): Table {
  const extra = new Set(plan.extraKeys);
  const columns = lookup.columns.filter((c) => !extra.has(c.name));
  return new Table(columns, lookup.rowCount);
}
