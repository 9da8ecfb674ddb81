/**
 * The engine's own plan: what the bound Kusto syntax tree is lowered into, and what the executor runs.
 * Every node keeps the source span it came from, so a run-time failure can point at its operator.
 */
import type { KqlType, Value } from '../values';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: KqlType;
}

/** The arguments of the pattern-mining plugins, defaults filled in (plan/patternPlugins.ts). */
export interface PatternOptions {
  /** The weight column, or undefined for a weight of 1 per row. */
  readonly weight: string | undefined;
  /** basket, diffpatterns: the least share of rows (basket) or difference of shares (diffpatterns), 0.015..1. */
  readonly threshold: number;
  /** basket, diffpatterns: how many dimensions a pattern may pick in turn (Infinity: no limit). */
  readonly maxDimensions: number;
  /** autocluster: the weight of coverage against shared values in the score, 0..1. */
  readonly sizeWeight: number;
  /** autocluster: how many seeds are expanded. */
  readonly numSeeds: number;
  /** diffpatterns: the split column and the text of the values that pick set A and set B. */
  readonly split?: { readonly column: string; readonly a: string; readonly b: string };
  /** The wildcard per column type, where a CustomWildcard argument of that type was given. */
  readonly wildcards: Readonly<Partial<Record<KqlType, Value>>>;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | { readonly k: 'column'; readonly name: string; readonly type: KqlType; readonly span: Span }
  | { readonly k: 'literal'; readonly value: Value; readonly type: KqlType; readonly span: Span }
  | {
      readonly k: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly type: KqlType;
      readonly span: Span;
    }
  | {
      readonly k: 'binary';
      readonly op: string;
      readonly left: Expr;
      readonly right: Expr;
      readonly type: KqlType;
      readonly span: Span;
    }
  | { readonly k: 'unary'; readonly op: string; readonly operand: Expr; readonly type: KqlType; readonly span: Span }
  | {
      readonly k: 'list';
      readonly op: string;
      readonly left: Expr;
      readonly items: readonly Expr[];
      readonly type: KqlType;
      readonly span: Span;
    }
  | {
      readonly k: 'between';
      readonly negated: boolean;
      readonly value: Expr;
      readonly low: Expr;
      readonly high: Expr;
      readonly type: KqlType;
      readonly span: Span;
    }
  /** d.a, d["a"], d[0] on a dynamic value. */
  | { readonly k: 'index'; readonly target: Expr; readonly key: Expr; readonly type: KqlType; readonly span: Span }
  /** row_number(start), prev(e, n, default), next(e, n, default) over a serialized input. */
  | { readonly k: 'rowNumber'; readonly start: Expr | undefined; readonly type: KqlType; readonly span: Span }
  | {
      readonly k: 'shift';
      readonly offset: number;
      readonly expr: Expr;
      readonly fallback: Expr | undefined;
      readonly type: KqlType;
      readonly span: Span;
    }
  /** toscalar(tabular): the first column of the first row, computed once. */
  | { readonly k: 'scalarQuery'; readonly plan: Plan; readonly type: KqlType; readonly span: Span }
  /** A tabular expression inside `in (…)`: the values of its first column. */
  | { readonly k: 'tableColumn'; readonly plan: Plan; readonly type: KqlType; readonly span: Span }
  /**
   * A bare search term ("sql", "*sql*", Column:"x") of the search operator, matched against string columns;
   * or, with `op`, `* has "sql"`: that operator (HasExpression…) over every column, the term as written.
   */
  | {
      readonly k: 'searchTerm';
      readonly term: string;
      readonly column: string | undefined;
      readonly op?: string;
      readonly type: KqlType;
      readonly span: Span;
    }
  /** pack_all(): a property bag of every input column. */
  | {
      readonly k: 'packAll';
      /** pack_all(true): null and empty values are left out. */
      readonly ignoreNullEmpty: boolean;
      /** The columns of the row, as the binder saw it at the call (undefined: every column of the table). */
      readonly columns?: readonly string[];
      readonly type: KqlType;
      readonly span: Span;
    };

export interface AggregateCall {
  readonly name: string;
  readonly args: readonly Expr[];
  /** Output columns in Kusto's naming and order (several for arg_max(*), percentiles…). */
  readonly outputs: readonly ColumnDef[];
  readonly span: Span;
}

export interface NamedExpr {
  readonly name: string;
  readonly expr: Expr;
  /**
   * Set when `expr` is tuple-valued (series_stats(x), series_fit_line(y)): it yields one value per tuple
   * element, each going to the column at the same position here. Computed once per row for all of them.
   * `name` is then the first output's.
   */
  readonly outputs?: readonly ColumnDef[];
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

// ---------------------------------------------------------------- tabular operators

interface PlanBase {
  readonly span: Span;
  /** The output schema, as the binder computed it. */
  readonly schema: readonly ColumnDef[];
}

export type JoinKind =
  | 'innerunique'
  | 'inner'
  | 'leftouter'
  | 'rightouter'
  | 'fullouter'
  | 'leftanti'
  | 'rightanti'
  | 'leftsemi'
  | 'rightsemi';

export interface RenderSpec {
  readonly visualization: string;
  readonly properties: Readonly<Record<string, Value | readonly string[]>>;
}

export type Plan =
  | (PlanBase & {
      readonly k: 'table';
      readonly name: string;
      /**
       * Set by the optimizer when the operators above read only these columns of the stored table
       * (the schema is then narrowed to them): a table loaded from files loads only these.
       */
      readonly columns?: readonly string[];
    })
  /** A tabular `let` or materialize(): evaluated once per query and shared. */
  | (PlanBase & { readonly k: 'shared'; readonly id: number; readonly plan: Plan })
  | (PlanBase & { readonly k: 'filter'; readonly input: Plan; readonly predicate: Expr })
  /** extend: new columns appended, same-named columns replaced in place. */
  | (PlanBase & { readonly k: 'extend'; readonly input: Plan; readonly columns: readonly NamedExpr[] })
  | (PlanBase & { readonly k: 'project'; readonly input: Plan; readonly columns: readonly NamedExpr[] })
  | (PlanBase & {
      readonly k: 'summarize';
      readonly input: Plan;
      readonly keys: readonly NamedExpr[];
      readonly aggregates: readonly AggregateCall[];
    })
  | (PlanBase & { readonly k: 'sort'; readonly input: Plan; readonly keys: readonly SortKey[] })
  | (PlanBase & { readonly k: 'take'; readonly input: Plan; readonly count: Expr })
  /** sample N: up to N rows picked at random (Kusto's sample is non-deterministic too), in input order. */
  | (PlanBase & { readonly k: 'sample'; readonly input: Plan; readonly count: Expr })
  /** sample-distinct N of e: up to N distinct values of e, picked at random. */
  | (PlanBase & { readonly k: 'sampleDistinct'; readonly input: Plan; readonly count: Expr; readonly value: Expr })
  | (PlanBase & { readonly k: 'top'; readonly input: Plan; readonly count: Expr; readonly keys: readonly SortKey[] })
  | (PlanBase & { readonly k: 'count'; readonly input: Plan })
  | (PlanBase & {
      readonly k: 'join';
      readonly kind: JoinKind;
      readonly left: Plan;
      readonly right: Plan;
      readonly leftKeys: readonly string[];
      readonly rightKeys: readonly string[];
    })
  | (PlanBase & {
      readonly k: 'lookup';
      readonly kind: 'leftouter' | 'inner';
      readonly left: Plan;
      readonly right: Plan;
      readonly leftKeys: readonly string[];
      readonly rightKeys: readonly string[];
    })
  | (PlanBase & {
      readonly k: 'union';
      readonly inputs: readonly { readonly plan: Plan; readonly source: string }[];
      readonly withSource: string | undefined;
    })
  | (PlanBase & {
      readonly k: 'mvExpand';
      readonly input: Plan;
      readonly columns: readonly NamedExpr[];
      readonly limit: number | undefined;
      readonly itemIndex: string | undefined;
      /** kind=array: a bag's entries expand to [key, value] arrays, not one-entry bags. */
      readonly bagsAsArrays?: boolean;
    })
  | (PlanBase & {
      readonly k: 'search';
      readonly inputs: readonly { readonly plan: Plan; readonly source: string }[];
      readonly predicates: readonly Expr[];
    })
  | (PlanBase & {
      readonly k: 'parse';
      readonly input: Plan;
      readonly source: Expr;
      readonly pattern: readonly ParsePart[];
      readonly mode: 'simple' | 'relaxed' | 'regex';
      /** kind=regex's `flags=` (U, i, m, s), as written. */
      readonly flags: string;
      /** parse-where: rows the pattern does not match (or whose captures do not convert) are dropped. */
      readonly where: boolean;
    })
  | (PlanBase & { readonly k: 'serialize'; readonly input: Plan; readonly columns: readonly NamedExpr[] })
  | (PlanBase & {
      readonly k: 'makeSeries';
      readonly input: Plan;
      /** `element`: the type of one step's aggregate (avg: real), which a series keeps (1.0 stays real). */
      readonly aggregates: readonly {
        readonly call: AggregateCall;
        readonly fallback: Value;
        readonly element: KqlType;
      }[];
      readonly axis: Expr;
      readonly from: Expr | undefined;
      readonly to: Expr | undefined;
      readonly step: Expr;
      readonly keys: readonly NamedExpr[];
      /** The older `in range(start, stop, step)` form: bins aligned to zero as bin() does, stop inclusive. */
      readonly inRange?: true;
      /** kind=nonempty: one row of default series when the input has no rows. */
      readonly nonEmpty?: true;
    })
  /**
   * mv-apply: each input row's arrays expanded as `expand` does, the subquery run over that row's
   * subtable (read through the shared plan `rowsId`), and the results unioned.
   */
  | (PlanBase & {
      readonly k: 'mvApply';
      readonly input: Plan;
      readonly expand: Extract<Plan, { k: 'mvExpand' }>;
      readonly subquery: Plan;
      readonly rowsId: number;
    })
  /** partition by key (subquery): the subquery over each key's rows, read through the shared plan `rowsId`. */
  | (PlanBase & {
      readonly k: 'partition';
      readonly input: Plan;
      readonly key: Expr;
      readonly subquery: Plan;
      readonly rowsId: number;
      readonly legacy: boolean;
    })
  /** find: rows meeting `predicate` in each input, with the source, the schema's columns and a bag of the rest. */
  | (PlanBase & {
      readonly k: 'find';
      readonly inputs: readonly { readonly plan: Plan; readonly source: string }[];
      readonly predicate: Expr;
      readonly sourceColumn: string;
      readonly bagColumn: string | undefined;
      readonly bagHoldsAll: boolean;
    })
  /** scan: steps matched row by row against a state of earlier matches (exec/scan.ts). */
  | (PlanBase & {
      readonly k: 'scan';
      readonly input: Plan;
      readonly declared: readonly { readonly name: string; readonly type: KqlType; readonly fallback: Value }[];
      readonly steps: readonly ScanStep[];
      readonly matchId: string;
      /** The `step.Column` references of conditions and assignments, by the synthetic column each reads. */
      readonly stateRefs: readonly { readonly name: string; readonly step: number; readonly column: string }[];
    })
  /** evaluate pivot(…) : (schema): one row per `keys` value, one column per pivot value the schema names. */
  | (PlanBase & {
      readonly k: 'pivot';
      readonly input: Plan;
      readonly pivot: Expr;
      readonly aggregate: AggregateCall;
      readonly keys: readonly string[];
      /** No output schema: a column per pivot value in the data, in order of first appearance. */
      readonly open: boolean;
    })
  /**
   * evaluate basket / autocluster / diffpatterns (exec/basket.ts, autocluster.ts, diffpatterns.ts):
   * patterns of values shared by rows, one output row per pattern, its other columns the wildcard.
   */
  | (PlanBase & {
      readonly k: 'patterns';
      readonly input: Plan;
      readonly plugin: 'basket' | 'autocluster' | 'diffpatterns';
      readonly options: PatternOptions;
    })
  /** evaluate rows_near(): the rows within `before` rows before or `after` rows after one where `condition` is true. */
  | (PlanBase & {
      readonly k: 'rowsNear';
      readonly input: Plan;
      readonly condition: Expr;
      readonly before: number;
      readonly after: number;
    })
  /**
   * evaluate sliding_window_counts(): per bin of the timeline from `start` to `end` (and per
   * combination of `dims`), the rows and distinct ids of the `lookback` ending with that bin.
   */
  | (PlanBase & {
      readonly k: 'slidingWindowCounts';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly lookback: Expr;
      readonly bin: Expr;
      readonly dims: readonly Expr[];
    })
  /** evaluate dcount_intersect(): per row, the distinct counts of S1, S1 ∩ S2, …, S1 ∩ … ∩ Sn of hll() values. */
  | (PlanBase & { readonly k: 'dcountIntersect'; readonly input: Plan; readonly sketches: readonly Expr[] })
  /**
   * evaluate rolling_percentile(): per combination of `dims` and bin of `index` holding rows, the
   * `percentile` of `value` over the `binsPerWindow` bins ending with that bin.
   */
  | (PlanBase & {
      readonly k: 'rollingPercentile';
      readonly input: Plan;
      readonly value: Expr;
      readonly percentile: Expr;
      readonly index: Expr;
      readonly binSize: Expr;
      readonly binsPerWindow: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate sequence_detect(): per combination of `dims`, every chain of rows, one per step in order,
   * where step i+1 is later than step i by at most `stepWindow` and the last within `span` of the first.
   */
  | (PlanBase & {
      readonly k: 'sequenceDetect';
      readonly input: Plan;
      readonly timeline: Expr;
      readonly stepWindow: Expr;
      readonly maxSpan: Expr;
      readonly steps: readonly Expr[];
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate active_users_count(): per bin from `start` to `end` (and per combination of `dims`), the
   * ids with an appearance in the bin that is active: seen in `activePeriods` distinct periods of the
   * `lookback` ending with it.
   */
  | (PlanBase & {
      readonly k: 'activeUsersCount';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly lookback: Expr;
      readonly period: Expr;
      readonly activePeriods: Expr;
      readonly bin: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate activity_counts_metrics(): per bin of `window` from `start` to `end` (and per combination
   * of `dims`), the rows, distinct ids, ids not seen in an earlier bin, and distinct ids so far.
   */
  | (PlanBase & {
      readonly k: 'activityCountsMetrics';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly window: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate activity_engagement(): per bin of `inner` (from `start`, or from 0 over the data's times
   * without one) and per combination of `dims`, the distinct ids of the bin, of the `outer` window
   * ending with it, and their ratio.
   */
  | (PlanBase & {
      readonly k: 'activityEngagement';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly period: { readonly start: Expr; readonly end: Expr } | undefined;
      readonly inner: Expr;
      readonly outer: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate activity_metrics(): per bin of `window` (from `start`, or from 0 over the data's times
   * without one) and per combination of `dims`, the distinct ids, those not in the bin before, and
   * the retention and churn rates against the bin before.
   */
  | (PlanBase & {
      readonly k: 'activityMetrics';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly period: { readonly start: Expr; readonly end: Expr } | undefined;
      readonly window: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate new_activity_metrics(): per pair of bins of `window` from `start` (the cohort's, `from`,
   * and a later or the same one, `to`) and per combination of `dims`, how the ids first seen in
   * `from` came back in `to`, and the ids of `to` not seen up to `from`. `cohort` keeps one `from`;
   * the ids of `lookback` (its column named as the id column) are never new.
   */
  | (PlanBase & {
      readonly k: 'newActivityMetrics';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly window: Expr;
      readonly cohort: Expr | undefined;
      readonly dims: readonly Expr[];
      readonly lookback: { readonly plan: Plan; readonly column: string } | undefined;
    })
  /**
   * evaluate session_count(): per bin of `bin` (counted from 0, from Start's to End's) and per
   * combination of `dims`, the sessions that start in it: appearances of an id with none of that id
   * in the `lookback` before them.
   */
  | (PlanBase & {
      readonly k: 'sessionCount';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly bin: Expr;
      readonly lookback: Expr;
      readonly dims: readonly Expr[];
    })
  /**
   * evaluate funnel_sequence(): per bin of `bin` from `start` to `end`, the ids whose states (in time order,
   * repeats of a state taken once) pass through `sequence` with steps at most `stepWindow` apart, counted
   * per state before and after it. Three tables (prev-next, prev, next): the last two leave the query
   * with the first only when `allTables` (the plugin ends the query's result).
   */
  | (PlanBase & {
      readonly k: 'funnelSequence';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly stepWindow: Expr;
      readonly bin: Expr;
      readonly state: Expr;
      readonly sequence: Expr;
      readonly allTables: boolean;
    })
  /**
   * evaluate funnel_sequence_completion(): per bin of `bin` from `start` to `end`, each of `periods` and
   * each step of `sequence`, the ids that reach that step within the period from the first step.
   */
  | (PlanBase & {
      readonly k: 'funnelSequenceCompletion';
      readonly input: Plan;
      readonly id: Expr;
      readonly timeline: Expr;
      readonly start: Expr;
      readonly end: Expr;
      readonly bin: Expr;
      readonly state: Expr;
      readonly sequence: Expr;
      readonly periods: Expr;
    })
  /** evaluate narrow(): one row per input cell (Row, Column, Value as text). */
  | (PlanBase & { readonly k: 'narrow'; readonly input: Plan })
  /** evaluate bag_unpack(…) : (schema): each column from the bag's slot `key`, or from the input when `key` is undefined. */
  | (PlanBase & {
      readonly k: 'bagUnpack';
      readonly input: Plan;
      readonly source: Expr;
      readonly ignored: readonly string[];
      readonly columns: readonly { readonly name: string; readonly type: KqlType; readonly key: string | undefined }[];
      /** No output schema: `columns` is resolved from the data when it runs (exec/runtimeColumns.ts). */
      readonly open?: { readonly prefix: string; readonly conflict: 'error' | 'replace_source' | 'keep_source' };
    })
  /**
   * evaluate geo_polygon_lookup / geo_line_lookup: each input row joined with the lookup rows whose
   * shape (column `key`) holds its point, or lies within `radius` meters of it.
   */
  | (PlanBase & {
      readonly k: 'geoLookup';
      readonly input: Plan;
      readonly lookup: Plan;
      readonly shape: 'polygon' | 'line';
      readonly key: string;
      readonly longitude: Expr;
      readonly latitude: Expr;
      readonly radius: number | undefined;
      readonly returnUnmatched: boolean;
      readonly lookupAreaRadius: number | undefined;
      readonly returnKey: boolean;
    })
  /**
   * evaluate ipv4_lookup / ipv6_lookup: each input row joined with the lookup rows whose network
   * (column `lookupKey`, CIDR text) holds its address (`source`), and whose `extraKeys` equal its own.
   */
  | (PlanBase & {
      readonly k: 'ipLookup';
      readonly input: Plan;
      readonly lookup: Plan;
      readonly family: 'ipv4' | 'ipv6';
      readonly source: Expr;
      readonly lookupKey: string;
      readonly extraKeys: readonly string[];
      readonly returnUnmatched: boolean;
    })
  /** parse-kv: the listed keys' values in `source`, appended as typed columns. */
  | (PlanBase & {
      readonly k: 'parseKv';
      readonly input: Plan;
      readonly source: Expr;
      readonly keys: readonly ColumnDef[];
      readonly mode: import('../exec/keyValueText').KeyValueMode;
    })
  /** top-nested: one level per clause, each partitioning the rows its parent kept. */
  | (PlanBase & { readonly k: 'topNested'; readonly input: Plan; readonly levels: readonly TopNestedLevel[] })
  | (PlanBase & { readonly k: 'getschema'; readonly input: Plan })
  /** consume: the input is run to its end, and no row (nor column) comes out. */
  | (PlanBase & { readonly k: 'consume'; readonly input: Plan })
  /** reduce by: similar strings grouped into patterns (exec/reducePatterns.ts); kind=source tags each row instead. */
  | (PlanBase & {
      readonly k: 'reduce';
      readonly input: Plan;
      readonly by: Expr;
      readonly source: boolean;
      readonly threshold: number;
      readonly characters: string | undefined;
    })
  /**
   * make-graph: a graph value, not a table (exec/graph.ts). Only the graph operators read it; its
   * schema is empty, and `nodeSchema`/`edgeSchema` are the binder's node and edge shapes.
   */
  | (PlanBase & {
      readonly k: 'makeGraph';
      readonly input: Plan;
      readonly source: string;
      readonly target: string;
      /** `--`: an edge is traversed either way by every pattern edge. */
      readonly undirected: boolean;
      /** `with T1 on key1, T2 on key2`: the node tables, merged by id. */
      readonly nodes: readonly { readonly plan: Plan; readonly key: string }[];
      /** `with_node_id=name`: the one node property, holding the node's id. */
      readonly nodeIdProperty: string | undefined;
      readonly nodeSchema: readonly ColumnDef[];
      readonly edgeSchema: readonly ColumnDef[];
    })
  /** graph-match: every binding of the patterns' variables in the graph `input` (exec/graphMatch.ts). */
  | (PlanBase & { readonly k: 'graphMatch'; readonly input: Plan; readonly match: GraphMatchSpec })
  /** graph-to-table nodes|edges: the graph's node or edge properties as a table. */
  | (PlanBase & {
      readonly k: 'graphToTable';
      readonly input: Plan;
      readonly entity: 'nodes' | 'edges';
      /** with_node_id= (nodes) or with_source_id=/with_target_id= (edges): the id columns appended. */
      readonly idColumns: readonly { readonly name: string; readonly of: 'node' | 'source' | 'target' }[];
    })
  /** graph-mark-components: the graph with each node's component id as a new node property. */
  | (PlanBase & {
      readonly k: 'graphMarkComponents';
      readonly input: Plan;
      readonly strong: boolean;
      readonly column: string;
      readonly nodeSchema: readonly ColumnDef[];
    })
  | (PlanBase & { readonly k: 'print'; readonly columns: readonly NamedExpr[] })
  | (PlanBase & { readonly k: 'range'; readonly from: Expr; readonly to: Expr; readonly step: Expr })
  | (PlanBase & { readonly k: 'datatable'; readonly rows: readonly (readonly Value[])[] })
  /** Columns picked, renamed and reordered by name (project-away/-rename/-reorder/-keep, lookups). */
  | (PlanBase & { readonly k: 'select'; readonly input: Plan; readonly sources: readonly string[] })
  | (PlanBase & { readonly k: 'render'; readonly input: Plan; readonly render: RenderSpec })
  | (PlanBase & { readonly k: 'as'; readonly input: Plan; readonly name: string });

export interface ScanStep {
  readonly name: string;
  /** all: every match; last: only the last of a series of repeated matches; none: no output. */
  readonly output: 'all' | 'last' | 'none';
  readonly condition: Expr;
  readonly assignments: readonly NamedExpr[];
}

/** One `top-nested [N] of Key [with others = V] by Aggregation [asc|desc]` clause. */
export interface TopNestedLevel {
  readonly key: Expr;
  /** How many values to keep per parent; all when absent. */
  readonly count: Expr | undefined;
  /** The key value of the row that aggregates the values left out, when `with others` is given. */
  readonly others: Expr | undefined;
  readonly descending: boolean;
  /** The aggregate calls of the aggregation, into hidden columns that `value` reads. */
  readonly aggregates: readonly AggregateCall[];
  readonly value: Expr;
}

/** The hidden column of a graph's node table that holds each node's id as text (node_id()). */
export const GRAPH_NODE_ID = '\u0000nodeId';
/**
 * Hidden columns of the node table that the graph operators' conditions and inner-node expressions
 * read for node_degree_in() and node_degree_out(): each node's edges in the whole graph, not only the
 * matched ones (exec/graph.ts: nodesWithDegrees).
 */
export const GRAPH_DEGREE_IN = '\u0000degreeIn';
export const GRAPH_DEGREE_OUT = '\u0000degreeOut';

/** One edge of a graph pattern, between the pattern's nodes at its index and the next. */
export interface GraphPatternEdge {
  readonly name: string;
  /** out: `-->` (left to right), in: `<--`, both: `--`. */
  readonly direction: 'out' | 'in' | 'both';
  /** Hops: 1..1 for a plain edge; `*min..max` makes it a variable-length edge. */
  readonly min: number;
  readonly max: number;
  readonly variableLength: boolean;
}

/** One comma-separated sequence of a graph pattern: nodes.length === edges.length + 1. */
export interface GraphPattern {
  readonly nodes: readonly string[];
  readonly edges: readonly GraphPatternEdge[];
}

/**
 * What a graph-match binding table holds for the `where` and `project` expressions, each in a hidden
 * column: a property of a node or edge (an array of them for a variable-length edge), the element as
 * a bag, a node's id, or all()/any()/map() of `expr` (over the element's own columns) along a
 * variable-length edge's edges or inner nodes.
 */
export type GraphColumn =
  | { readonly k: 'property'; readonly column: string; readonly variable: string; readonly property: string }
  | { readonly k: 'element'; readonly column: string; readonly variable: string }
  | { readonly k: 'nodeId'; readonly column: string; readonly variable: string }
  | { readonly k: 'degree'; readonly column: string; readonly variable: string; readonly direction: 'in' | 'out' }
  | {
      readonly k: 'quantified';
      readonly column: string;
      readonly quantifier: 'all' | 'any' | 'map';
      readonly variable: string;
      readonly innerNodes: boolean;
      readonly expr: Expr;
    };

export interface GraphMatchSpec {
  readonly patterns: readonly GraphPattern[];
  readonly cycles: 'unique_edges' | 'all' | 'none';
  /** Conjuncts of `where` that read one variable only, over the node or edge table's own columns. */
  readonly elementFilters: readonly { readonly variable: string; readonly predicate: Expr }[];
  /** The rest of `where`, over the binding table. */
  readonly where: Expr | undefined;
  readonly bindings: readonly GraphColumn[];
  readonly columns: readonly NamedExpr[];
  /**
   * graph-shortest-paths: per set of end nodes, the first binding of the fewest hops (output=any) or
   * every binding of the fewest hops (output=all).
   */
  readonly shortest?: 'any' | 'all';
}

/** One piece of a parse pattern: literal text to find, or a column to capture into. */
export type ParsePart =
  | { readonly k: 'text'; readonly text: string }
  | { readonly k: 'capture'; readonly name: string; readonly type: KqlType }
  | { readonly k: 'skip' };

/** A query's statements lowered: the outputs in order (the last expression statement is the primary result). */
export interface QueryPlan {
  readonly outputs: readonly Plan[];
  /** Per output, the name the query gives its table (a fork leg's), where it gives one. */
  readonly names?: readonly (string | undefined)[];
}
