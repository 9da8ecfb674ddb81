/** Entry point of lowering: a bound KustoCode → the query's plan. */
import type { AnalyzedQuery } from '../../kql';
import { type LowerContext, Scope } from './context';
import { lowerStatement } from './statements';
import { ErrorFactory, elementsOf, lowering, type Node } from './syntax';
import { lowerTabular } from './tabular';
import type { Plan, QueryPlan } from './types';

export function lowerQuery(
  query: AnalyzedQuery,
  tableNames: readonly string[],
  parameters?: ReadonlyMap<string, string>,
): QueryPlan {
  return lowering(() => lowerStatements(query, tableNames, parameters));
}

function lowerStatements(
  query: AnalyzedQuery,
  tableNames: readonly string[],
  parameters: ReadonlyMap<string, string> | undefined,
): QueryPlan {
  let id = 0;
  let ctx: LowerContext = {
    errors: new ErrorFactory(query.lines),
    globals: query.code.Globals!,
    scope: new Scope(),
    nextId: () => ++id,
    depth: 0,
    tabular: lowerTabular,
    tableNames,
    parameters,
  };
  const outputs: Plan[] = [];
  const names: (string | undefined)[] = [];
  const block = query.code.Syntax as Kusto.Language.Syntax.QueryBlock;
  for (const stmt of elementsOf<Node>(block.Statements)) {
    const r = lowerStatement(stmt, ctx);
    ctx = r.ctx;
    for (const o of r.outputs ?? []) {
      outputs.push(o.plan);
      names.push(o.name);
    }
  }
  return { outputs, names };
}
