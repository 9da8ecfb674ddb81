/**
 * Everything Kusto.Language knows — its built-in functions and aggregates (not hidden), its `evaluate`
 * plugins and its query operators (syntax kinds) — either runs in the embedded engine or is refused on
 * purpose with a reason listed in the engine (refusedFunctions.ts, refusedOperators.ts,
 * outsidePlugins.ts). A name that is neither fails here; so does a refused name that starts to run, or
 * a listed one Kusto.Language no longer knows. Special forms the planner handles itself count as run
 * only when the query given for them here runs. docs/engine-coverage.md's "What the local engine runs" lists the
 * refused names with these reasons.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateFunction, scalarFunction } from '../../src/engine/functions';
import { refusalReason, refusedFunctionNames } from '../../src/engine/functions/refusedFunctions';
import { evaluatePluginNames } from '../../src/engine/plan/evaluate';
import { outsideReason } from '../../src/engine/plan/outsidePlugins';
import { operatorRefusal, refusedOperatorKinds } from '../../src/engine/plan/refusedOperators';
import { kindOf } from '../../src/engine/plan/syntax';
import { bridgeItems, kusto } from '../../src/kql/kustoLibrary';
import { run } from './helpers';

type Symbol = Kusto.Language.Symbols.FunctionSymbol;

function visible(list: unknown): string[] {
  const K = kusto();
  return bridgeItems<Symbol>(list, K.Symbols.FunctionSymbol)
    .filter((f) => !f.IsHidden)
    .map((f) => f.Name!);
}

const GRAPH = 'T | make-graph Computer --> Direction with_node_id=N';

/** Functions the planner answers itself (no entry in the function library): a query that runs each. */
const SPECIAL_FORMS: Readonly<Record<string, string>> = {
  pack_all: 'T | project pack_all()',
  column_names_of: 'T | project column_names_of(T)',
  bag_pack_columns: 'T | project bag_pack_columns(Computer, BytesSent)',
  current_database: 'print current_database()',
  table: "table('T') | count",
  database: "database('VMInsights').T | count",
  node_id: `${GRAPH} | graph-match (a)-->(b) project id = node_id(a)`,
  all: `${GRAPH} | graph-match (a)-[e*1..2]->(b) where all(e, true) project a.N`,
  any: `${GRAPH} | graph-match (a)-[e*1..2]->(b) where any(e, true) project a.N`,
  map: `${GRAPH} | graph-match (a)-[e*1..2]->(b) project m = map(e, BytesSent)`,
  inner_nodes: `${GRAPH} | graph-match (a)-[e*1..2]->(b) where all(inner_nodes(e), true) project a.N`,
  node_degree_in: `${GRAPH} | graph-match (a)-->(b) where node_degree_in(b) > 0 project d = node_degree_in(a)`,
  node_degree_out: `${GRAPH} | graph-shortest-paths (a)-[e*1..2]->(b) project d = map(inner_nodes(e), node_degree_out())`,
};

/**
 * A query calling each refused function, and what its error says: the engine's reason where the
 * engine stops it, the binder's or the database paths' words where they stop it first.
 */
const REFUSED_CALLS: Readonly<Record<string, readonly [string, RegExp]>> = {
  geo_info_from_ip_address: ["print geo_info_from_ip_address('20.53.203.50')", /GeoLite2-City/],
  current_principal: ['print current_principal()', /caller's Microsoft Entra identity/],
  current_principal_details: ['print current_principal_details()', /caller's Microsoft Entra identity/],
  current_principal_is_member_of: ["print current_principal_is_member_of('g')", /caller's Microsoft Entra identity/],
  current_cluster_endpoint: ['print current_cluster_endpoint()', /names the Kusto cluster/],
  cursor_after: ["T | where cursor_after('')", /database cursors/],
  cursor_before_or_at: ["T | where cursor_before_or_at('')", /database cursors/],
  cursor_current: ['print cursor_current()', /database cursors/],
  row_id: ['T | extend r = row_id()', /no Kusto reference page says/],
  labels: [`${GRAPH} | graph-match (a)-->(b) project l = labels(a)`, /labels come from persisted graph models/],
  graph: ["graph('g') | graph-match (a)-->(b) project a", /does not refer to any known graph model/],
  external_table: ["external_table('x') | count", /does not refer to any known external table/],
  materialized_view: ["materialized_view('x') | count", /does not refer to any known materialized view/],
  stored_query_result: ["stored_query_result('x') | count", /does not refer to any known stored query result/],
  entity_group: ['T | macro-expand entity_group [T, Machines] as X (X | count)', /entity group/],
  cluster: ["cluster('c').database('d').T | count", /the only one the embedded engine has/],
};

function fails(query: string): Error | undefined {
  try {
    run(query);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

test('every function Kusto.Language knows runs, is a special form that runs, or is refused with its reason', () => {
  const K = kusto();
  const unaccounted = visible(K.GlobalState.Default!.Functions).filter(
    (name) => !scalarFunction(name) && !Object.hasOwn(SPECIAL_FORMS, name) && !refusalReason(name),
  );
  assert.deepEqual(unaccounted, [], 'neither run nor refused with a reason (refusedFunctions.ts)');
});

test('every aggregate Kusto.Language knows runs', () => {
  const K = kusto();
  const missing = visible(K.GlobalState.Default!.Aggregates).filter((name) => !aggregateFunction(name));
  assert.deepEqual(missing, []);
});

/** Functions once refused that the library now runs: a query each, which must run and give a value. */
const NO_LONGER_REFUSED: Readonly<Record<string, readonly [string, unknown]>> = {
  parse_user_agent: [
    "print x = parse_user_agent('curl/8.4.0', 'browser')",
    { Browser: { Family: 'curl', MajorVersion: '8', MinorVersion: '4', Patch: '0' } },
  ],
};

for (const [name, [query, value]] of Object.entries(NO_LONGER_REFUSED)) {
  test(`${name}() runs: ${query.slice(0, 60)}`, () => {
    assert.ok(scalarFunction(name), `${name} is not in the function library`);
    assert.equal(refusalReason(name), undefined, `${name} is still refused`);
    assert.deepEqual(run(query).rows, [[value]]);
  });
}

for (const [name, query] of Object.entries(SPECIAL_FORMS)) {
  test(`special form ${name}() runs: ${query.slice(0, 60)}`, () => {
    assert.ok(query.includes(`${name}(`));
    assert.equal(fails(query), undefined);
  });
}

test('the refused functions are the ones listed here, each known to Kusto.Language', () => {
  const K = kusto();
  const known = new Set(
    bridgeItems<Symbol>(K.GlobalState.Default!.Functions, K.Symbols.FunctionSymbol).map((f) => f.Name),
  );
  assert.deepEqual(refusedFunctionNames(), Object.keys(REFUSED_CALLS).sort());
  assert.deepEqual(
    refusedFunctionNames().filter((n) => !known.has(n)),
    [],
  );
});

for (const [name, [query, says]] of Object.entries(REFUSED_CALLS)) {
  test(`${name}() is refused and its error says why`, () => {
    const error = fails(query);
    assert.ok(error, `${name} ran`);
    assert.match(error.message, says);
    assert.ok(!scalarFunction(name), `${name} is in the library and in the refused list`);
  });
}

test('every evaluate plugin Kusto.Language knows runs or is refused with its reason', () => {
  const K = kusto();
  const runs = new Set([...evaluatePluginNames(), 'preview']);
  const unaccounted = visible(K.GlobalState.Default!.PlugIns).filter((name) => !runs.has(name) && !outsideReason(name));
  assert.deepEqual(unaccounted, []);
  assert.equal(run('T | evaluate preview(2)').rows.length, 2, 'preview, a multi-result plugin, runs');
  assert.match(fails("T | evaluate http_request('https://example.com')")?.message ?? '', /calls a web service/);
});

/** A query for each operator syntax kind that runs. */
const OPERATORS: Readonly<Record<string, string>> = {
  AsOperator: 'T | as X | count',
  ConsumeOperator: 'T | consume',
  CountOperator: 'T | count',
  DistinctOperator: 'T | distinct Computer',
  EvaluateOperator: 'range x from 1 to 3 step 1 | evaluate narrow()',
  ExtendOperator: 'T | extend y = 1',
  FacetOperator: 'T | facet by Computer',
  FilterOperator: 'T | where BytesSent > 0',
  FindOperator: "find where Computer == 'web01'",
  GetSchemaOperator: 'T | getschema',
  GraphMatchOperator: `${GRAPH} | graph-match (a)-->(b) project a.N, b.N`,
  GraphShortestPathsOperator: `${GRAPH} | graph-shortest-paths (a)-[e*1..3]->(b) project a.N, b.N`,
  GraphToTableOperator: `${GRAPH} | graph-to-table nodes`,
  GraphMarkComponentsOperator: `${GRAPH} | graph-mark-components | graph-to-table nodes`,
  MakeGraphOperator: `${GRAPH} | graph-to-table edges`,
  InvokeOperator: 'let f = (t:(*)) { t | count }; T | invoke f()',
  JoinOperator: 'T | join kind=inner Machines on Computer',
  LookupOperator: 'T | lookup Machines on Computer',
  SearchOperator: "T | search 'web01'",
  ForkOperator: 'T | fork (count) (take 1)',
  MakeSeriesOperator: 'T | make-series count() on TimeGenerated step 1h',
  MvApplyOperator: 'T | mv-apply t = Tags to typeof(string) on (take 1)',
  MvExpandOperator: 'T | mv-expand Tags',
  PartitionOperator: 'T | partition by Computer (take 1)',
  ParseOperator: "T | parse Computer with 'web' n:int",
  ParseWhereOperator: "T | parse-where Computer with 'web' n:int",
  ParseKvOperator: "print s = 'a=1' | parse-kv s as (a:long) with (pair_delimiter=',', kv_delimiter='=')",
  PrintOperator: 'print 1',
  ProjectOperator: 'T | project Computer',
  ProjectAwayOperator: 'T | project-away Tags',
  ProjectByNamesOperator: "T | project-by-names 'Computer'",
  ProjectKeepOperator: 'T | project-keep Computer',
  ProjectRenameOperator: 'T | project-rename C = Computer',
  ProjectReorderOperator: 'T | project-reorder Tags',
  RangeOperator: 'range x from 1 to 3 step 1',
  ReduceByOperator: 'T | reduce by Computer',
  RenderOperator: 'T | render table',
  SampleOperator: 'T | sample 2',
  SampleDistinctOperator: 'T | sample-distinct 2 of Computer',
  ScanOperator: 'range x from 1 to 3 step 1 | scan with (step s1 output=last: true;)',
  SerializeOperator: 'T | serialize',
  SortOperator: 'T | sort by BytesSent',
  SummarizeOperator: 'T | summarize count() by Computer',
  TakeOperator: 'T | take 2',
  TopHittersOperator: 'T | top-hitters 2 of Computer',
  TopOperator: 'T | top 2 by BytesSent',
  TopNestedOperator: 'T | top-nested 2 of Computer by count()',
  UnionOperator: 'T | union Machines',
};

/** A query holding each refused operator, and what stops it. */
const REFUSED_OPERATORS: Readonly<Record<string, readonly [string, RegExp]>> = {
  MacroExpandOperator: ['T | macro-expand entity_group [T, Machines] as X (X | count)', /cluster or database/],
  AssertSchemaOperator: ['T | assert-schema (Computer:string)', /no Kusto reference page documents it/],
  GraphWhereNodesOperator: [`${GRAPH} | graph-where-nodes true | graph-to-table nodes`, /no Kusto reference page/],
  GraphWhereEdgesOperator: [`${GRAPH} | graph-where-edges true | graph-to-table edges`, /no Kusto reference page/],
  ExternalDataExpression: ['externaldata (a:string) [@"https://example.com/a.csv"]', /never reaches the network/],
  ExecuteAndCacheOperator: ['T | execute-and-cache', /Query operator expected/],
  PartitionByOperator: ['T | partition-by Computer (take 1)', /Query operator expected/],
};

/** The syntax kinds of the query operators Kusto.Language defines (BadQueryOperator is a syntax error). */
function operatorKinds(): string[] {
  const kinds = kusto().Syntax.SyntaxKind as unknown as Record<string, unknown>;
  return Object.keys(kinds).filter((k) => k.endsWith('Operator') && k !== 'BadQueryOperator');
}

/** The syntax kinds in a parsed query. */
function kindsIn(query: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: Kusto.Language.Syntax.SyntaxElement | null) => {
    if (!node) return;
    out.add(kindOf(node));
    for (let i = 0; i < node.ChildCount; i++) walk(node.GetChild(i));
  };
  walk(kusto().KustoCode.Parse(query)!.Syntax);
  return out;
}

test('every query operator kind runs or is refused with its reason', () => {
  const unaccounted = operatorKinds().filter((k) => !Object.hasOwn(OPERATORS, k) && !operatorRefusal(k));
  assert.deepEqual(unaccounted, []);
  assert.deepEqual(refusedOperatorKinds(), Object.keys(REFUSED_OPERATORS).sort());
});

for (const [kind, query] of Object.entries(OPERATORS)) {
  test(`operator ${kind} runs: ${query.slice(0, 60)}`, () => {
    assert.ok(kindsIn(query).has(kind), `the query has no ${kind}`);
    assert.equal(fails(query), undefined);
  });
}

for (const [kind, [query, says]] of Object.entries(REFUSED_OPERATORS)) {
  test(`operator ${kind} is refused and its error says why`, () => {
    assert.match(fails(query)?.message ?? 'it ran', says);
  });
}
