/**
 * The graph value of make-graph: nodes and edges with their properties, and both adjacency lists.
 * Nodes are numbered by first appearance: the node tables' rows in order (a node id seen again
 * merges into the first: its null properties take the later row's values), then the edges' ends
 * that no node table named, source before target, edge by edge. Edges keep the input's row order.
 */
import { columnBuilder } from '../column';
import { type ColumnDef, GRAPH_DEGREE_IN, GRAPH_DEGREE_OUT, GRAPH_NODE_ID, type Plan } from '../plan/types';
import { Table } from '../table';
import { hashKey } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { valueToString } from '../valueText';
import { CHECK_INTERVAL, type ExecContext } from './context';
import { BYTES, chargeMemory } from './memoryBudget';

export interface Graph {
  /** One row per node: the node shape's columns and GRAPH_NODE_ID (the id as text). */
  readonly nodes: Table;
  /** One row per edge: the edge rows as make-graph read them. */
  readonly edges: Table;
  readonly source: Int32Array;
  readonly target: Int32Array;
  /** Edges leaving (out) and entering (in) each node: node n's are list[start[n]] … list[start[n+1]-1]. */
  readonly out: Adjacency;
  readonly in: Adjacency;
  /** make-graph with `--`: every edge is traversed either way. */
  readonly undirected: boolean;
}

export interface Adjacency {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function buildGraph(plan: P<'makeGraph'>, edges: Table, nodeTables: readonly Table[], ctx: ExecContext): Graph {
  const ids = new Map<string | number, number>();
  const idValues: { value: Value; type: KqlType }[] = [];
  const rows: Value[][] = [];
  const width = plan.nodeSchema.length;
  const column = new Map(plan.nodeSchema.map((c, i) => [c.name, i]));
  const nodeOf = (value: Value, type: KqlType): number => {
    const key = `${type}\u0001${hashKey(value, type)}`;
    let n = ids.get(key);
    if (n === undefined) {
      n = idValues.length;
      ids.set(key, n);
      idValues.push({ value, type });
      rows.push(new Array<Value>(width).fill(null));
      if (plan.nodeIdProperty !== undefined) {
        rows[n]![0] = value;
      }
    }
    return n;
  };
  nodeTables.forEach((t, i) => {
    const key = plan.nodes[i]!.key;
    const keyColumn = t.column(key);
    if (!keyColumn) {
      return;
    }
    chargeMemory(t.rowCount * (BYTES.group + width * BYTES.boxed), 'make-graph');
    const columns = t.columns.map((c) => ({ slot: column.get(c.name), column: c.column }));
    for (let r = 0; r < t.rowCount; r++) {
      if ((r & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      const id = keyColumn.get(r);
      if (id === null || id === undefined) {
        continue;
      }
      const row = rows[nodeOf(id, keyColumn.type)]!;
      for (const c of columns) {
        if (c.slot !== undefined && (row[c.slot] === null || row[c.slot] === undefined)) {
          row[c.slot] = c.column.get(r);
        }
      }
    }
  });
  const sourceColumn = edges.column(plan.source)!;
  const targetColumn = edges.column(plan.target)!;
  chargeMemory(edges.rowCount * 4 * BYTES.slot, 'make-graph');
  const source = new Int32Array(edges.rowCount);
  const target = new Int32Array(edges.rowCount);
  const kept: number[] = [];
  for (let r = 0; r < edges.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const s = sourceColumn.get(r);
    const t = targetColumn.get(r);
    // An edge needs both ends: a null id names no node.
    if (s === null || s === undefined || t === null || t === undefined) {
      continue;
    }
    source[kept.length] = nodeOf(s, sourceColumn.type);
    target[kept.length] = nodeOf(t, targetColumn.type);
    kept.push(r);
  }
  const edgeTable = kept.length === edges.rowCount ? edges : edges.takeRows(kept);
  const nodeCount = idValues.length;
  return {
    nodes: nodeTable(plan.nodeSchema, rows, idValues),
    edges: edgeTable,
    source: source.subarray(0, kept.length),
    target: target.subarray(0, kept.length),
    out: adjacency(source.subarray(0, kept.length), nodeCount),
    in: adjacency(target.subarray(0, kept.length), nodeCount),
    undirected: plan.undirected,
  };
}

function nodeTable(
  schema: readonly ColumnDef[],
  rows: Value[][],
  ids: readonly { value: Value; type: KqlType }[],
): Table {
  const columns = schema.map((c, i) => {
    const b = columnBuilder(c.type, rows.length);
    for (const row of rows) {
      b.push(row[i] ?? null);
    }
    return { name: c.name, column: b.finish() };
  });
  const idText = columnBuilder('string', ids.length);
  for (const id of ids) {
    idText.push(valueToString(id.value, id.type));
  }
  columns.push({ name: GRAPH_NODE_ID, column: idText.finish() });
  return new Table(columns, rows.length);
}

/** Edges grouped by their node at `end` (counting sort: each node's edges stay in row order). */
function adjacency(end: Int32Array, nodeCount: number): Adjacency {
  const start = new Int32Array(nodeCount + 1);
  for (const n of end) {
    start[n + 1]!++;
  }
  for (let n = 0; n < nodeCount; n++) {
    start[n + 1]! += start[n]!;
  }
  const next = start.slice(0, nodeCount);
  const list = new Int32Array(end.length);
  for (let e = 0; e < end.length; e++) {
    list[next[end[e]!]!++] = e;
  }
  return { start, list };
}

/**
 * Node n's in-degree (node_degree_in) or out-degree: the edges of the whole graph entering or leaving
 * it, whichever a pattern matched. A self-loop enters and leaves its node once each; parallel edges
 * count one by one. In a graph made with `--` every edge is traversed either way, so it both enters
 * and leaves each of its ends: both degrees are the node's edge ends (a self-loop's two).
 */
export function nodeDegree(graph: Graph, n: number, direction: 'in' | 'out'): number {
  const edgesAt = (a: Adjacency): number => a.start[n + 1]! - a.start[n]!;
  if (graph.undirected) {
    return edgesAt(graph.in) + edgesAt(graph.out);
  }
  return edgesAt(direction === 'in' ? graph.in : graph.out);
}

const withDegrees = new WeakMap<Graph, Table>();

/** The node table with the hidden degree columns that conditions and inner-node expressions read. */
export function nodesWithDegrees(graph: Graph): Table {
  let table = withDegrees.get(graph);
  if (!table) {
    const count = graph.nodes.rowCount;
    const degrees = (direction: 'in' | 'out') => {
      const b = columnBuilder('long', count);
      for (let n = 0; n < count; n++) {
        b.push(nodeDegree(graph, n, direction));
      }
      return b.finish();
    };
    table = new Table(
      [
        ...graph.nodes.columns,
        { name: GRAPH_DEGREE_IN, column: degrees('in') },
        { name: GRAPH_DEGREE_OUT, column: degrees('out') },
      ],
      count,
    );
    withDegrees.set(graph, table);
  }
  return table;
}

/** The graph with one more node property (graph-mark-components). */
export function withNodeColumn(graph: Graph, name: string, values: readonly Value[], type: KqlType): Graph {
  const b = columnBuilder(type, values.length);
  for (const v of values) {
    b.push(v);
  }
  const cols = graph.nodes.columns.filter((c) => c.name !== GRAPH_NODE_ID && c.name !== name);
  const id = graph.nodes.columns.find((c) => c.name === GRAPH_NODE_ID)!;
  return { ...graph, nodes: new Table([...cols, { name, column: b.finish() }, id], graph.nodes.rowCount) };
}
