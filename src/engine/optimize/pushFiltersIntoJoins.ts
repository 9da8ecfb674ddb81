/**
 * Push a filter that reads only the left side's columns into the left side of a join:
 * `X | join Y on Key | where Value1 > 2` filters X before it is joined.
 *
 * Sound for inner, leftouter, leftsemi and leftanti: each output row carries one left row's columns
 * unchanged (never a null-filled left side), and whether a left row is kept does not depend on the
 * other left rows. For innerunique it is the result the reference documents: Kusto pushes the filter
 * "to the left side of the join" before innerunique keeps one left row per key, so
 * `t1 | join kind=innerunique t2 on key | where value == "val1.2"` gives the val1.2 rows and "will never
 * give" none (join-innerunique page). It is one of innerunique's own outcomes (which left row of a key
 * is kept is arbitrary), the one where the kept row passes the filter. Not for rightouter, fullouter,
 * rightsemi or rightanti, whose left columns are null-filled or absent.
 */
import { columnsRead } from '../plan/exprFacts';
import type { JoinKind, Plan } from '../plan/types';
import { rewriteBottomUp } from './planWalk';
import type { OptimizerRule } from './rule';

const LEFT_ROWS_KEPT: ReadonlySet<JoinKind> = new Set<JoinKind>([
  'innerunique',
  'inner',
  'leftouter',
  'leftsemi',
  'leftanti',
]);

export const pushFiltersIntoJoins: OptimizerRule = {
  name: 'push filters into joins',
  rewrite: (plan) => rewriteBottomUp(plan, intoLeft),
  mayApply: (facts) => facts.edges.has('filter>join'),
};

function intoLeft(node: Plan): Plan {
  if (node.k !== 'filter' || node.input.k !== 'join') {
    return node;
  }
  const join = node.input;
  const reads = columnsRead(node.predicate);
  if (!reads || reads.size === 0 || !LEFT_ROWS_KEPT.has(join.kind)) {
    return node;
  }
  // The join's first columns are the left side's, under their own names (a right column of the same
  // name is the one renamed); a name read must be one of those.
  const leftNames = join.left.schema.map((c) => c.name);
  const sameNames = leftNames.every((name, i) => join.schema[i]?.name === name);
  if (!sameNames || ![...reads].every((name) => leftNames.includes(name))) {
    return node;
  }
  const left: Plan = {
    k: 'filter',
    input: join.left,
    predicate: node.predicate,
    span: node.span,
    schema: join.left.schema,
  };
  return { ...join, left };
}
