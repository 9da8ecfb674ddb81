/**
 * graph-match and graph-shortest-paths: the element conditions become masks over the node and edge
 * tables, the matcher (graphMatcher.ts) lists the bindings, each into a row of hidden columns (the
 * properties, ids and all()/any()/map() values the expressions read), and `where` and `project` run
 * over that table as they do over any other.
 */

import { newRecord } from '../../results/jsonData';
import { type Column, columnBuilder } from '../column';
import { toDynamic } from '../functions/convert';
import { GRAPH_NODE_ID, type GraphColumn, type Plan } from '../plan/types';
import { Table } from '../table';
import type { DynamicValue, KqlType, Value } from '../values';
import type { ExecContext } from './context';
import { evaluateColumn } from './expr';
import { selectWhere } from './filterSelect';
import { type Graph, nodeDegree, nodesWithDegrees } from './graph';
import { type MatchState, type MatchVariables, matchPatterns, patternVariables } from './graphMatcher';
import { selectRows } from './lazy';
import { BYTES, chargeMemory } from './memoryBudget';
import { evaluateOutputs } from './outputColumns';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function runGraphMatch(plan: P<'graphMatch'>, graph: Graph, ctx: ExecContext): Table {
  const spec = plan.match;
  const nodeVariables = new Set(spec.patterns.flatMap((p) => p.nodes));
  const variableLength = new Set(
    spec.patterns.flatMap((p) => p.edges.filter((e) => e.variableLength).map((e) => e.name)),
  );
  const masks = new Map<string, Uint8Array>();
  for (const f of spec.elementFilters) {
    const table = nodeVariables.has(f.variable) ? nodesWithDegrees(graph) : graph.edges;
    const mask = new Uint8Array(table.rowCount);
    for (const r of selectWhere(f.predicate, table, ctx)) {
      mask[r] = 1;
    }
    const before = masks.get(f.variable);
    masks.set(f.variable, before ? mask.map((m, i) => m & before[i]!) : mask);
  }
  const readers = spec.bindings.map((b) => bindingReader(b, graph, nodeVariables, variableLength, ctx));
  const builders = readers.map((r) => columnBuilder(r.type, 64));
  const keys: string[] = [];
  const hops: number[] = [];
  let matches = 0;
  const slots = slotsOf(patternVariables(spec.patterns));
  matchPatterns(graph, spec.patterns, spec.cycles, masks, ctx, (state) => {
    // A value per hidden column, and per edge of a path its number and a value per column.
    let size = readers.length * BYTES.boxed;
    for (const path of state.edges) {
      size += path.length * (BYTES.slot + readers.length * BYTES.boxed);
    }
    chargeMemory(size, plan.match.shortest ? 'graph-shortest-paths' : 'graph-match');
    matches++;
    for (let i = 0; i < readers.length; i++) {
      builders[i]!.push(readers[i]!.read(state, slots));
    }
    if (spec.shortest) {
      keys.push(state.nodes.join(','));
      hops.push(state.edges.reduce((n, path) => n + path.length, 0));
    }
  });
  const bindings = new Table(
    spec.bindings.map((b, i) => ({ name: b.column, column: builders[i]!.finish() })),
    matches,
  );
  let rows: Table = bindings;
  if (spec.where) {
    const keep = selectWhere(spec.where, bindings, ctx);
    rows = selectRows(bindings, keep);
    if (spec.shortest) {
      const kept = Array.from(keep, (r) => [keys[r]!, hops[r]!] as const);
      keys.splice(0, keys.length, ...kept.map((k) => k[0]));
      hops.splice(0, hops.length, ...kept.map((k) => k[1]));
    }
  }
  if (spec.shortest) {
    rows = selectRows(rows, shortestPerKey(keys, hops, spec.shortest === 'all'));
  }
  const columns = new Map<string, Column>();
  for (const c of spec.columns) {
    for (const out of evaluateOutputs(c, rows, ctx)) {
      columns.set(out.name, out.column);
    }
  }
  return new Table(
    plan.schema.map((c) => ({ name: c.name, column: columns.get(c.name)! })),
    rows.rowCount,
  );
}

function slotsOf(v: MatchVariables): { nodes: Map<string, number>; edges: Map<string, number> } {
  return { nodes: new Map(v.nodes.map((n, i) => [n, i])), edges: new Map(v.edges.map((e, i) => [e, i])) };
}

/** graph-shortest-paths: per set of end nodes, the rows of the fewest hops (all of them, or the first). */
function shortestPerKey(keys: readonly string[], hops: readonly number[], all: boolean): number[] {
  const fewest = new Map<string, number>();
  keys.forEach((k, i) => fewest.set(k, Math.min(fewest.get(k) ?? Number.POSITIVE_INFINITY, hops[i]!)));
  const taken = new Set<string>();
  const keep: number[] = [];
  keys.forEach((k, i) => {
    if (hops[i] === fewest.get(k) && (all || !taken.has(k))) {
      taken.add(k);
      keep.push(i);
    }
  });
  return keep;
}

interface Reader {
  readonly type: KqlType;
  read(state: MatchState, slots: { nodes: Map<string, number>; edges: Map<string, number> }): Value;
}

function bindingReader(
  b: GraphColumn,
  graph: Graph,
  nodeVariables: ReadonlySet<string>,
  variableLength: ReadonlySet<string>,
  ctx: ExecContext,
): Reader {
  const isNode = nodeVariables.has(b.variable);
  const table = isNode ? graph.nodes : graph.edges;
  const many = variableLength.has(b.variable);
  /** The node or edges a variable is bound to in this match. */
  const elements = (state: MatchState, slots: { nodes: Map<string, number>; edges: Map<string, number> }): number[] =>
    isNode ? [state.nodes[slots.nodes.get(b.variable)!]!] : state.edges[slots.edges.get(b.variable)!]!;
  switch (b.k) {
    case 'nodeId': {
      const ids = graph.nodes.column(GRAPH_NODE_ID)!;
      return { type: 'string', read: (s, slots) => ids.get(elements(s, slots)[0]!) };
    }
    case 'degree':
      return { type: 'long', read: (s, slots) => nodeDegree(graph, elements(s, slots)[0]!, b.direction) };
    case 'property': {
      const column = table.column(b.property);
      const type = column?.type ?? 'dynamic';
      if (many) {
        return {
          type: 'dynamic',
          read: (s, slots) => elements(s, slots).map((e) => (column ? toDynamic(column.get(e), type) : null)),
        };
      }
      return { type, read: (s, slots) => (column ? column.get(elements(s, slots)[0]!) : null) };
    }
    case 'element': {
      const bag = (row: number): DynamicValue => {
        const out = newRecord<DynamicValue>();
        for (const c of table.columns) {
          if (c.name !== GRAPH_NODE_ID) {
            out[c.name] = toDynamic(c.column.get(row), c.column.type);
          }
        }
        return out;
      };
      return {
        type: 'dynamic',
        read: (s, slots) => (many ? elements(s, slots).map(bag) : bag(elements(s, slots)[0]!)),
      };
    }
    case 'quantified': {
      const over = b.innerNodes ? nodesWithDegrees(graph) : graph.edges;
      const values = evaluateColumn(b.expr, over, ctx);
      const along = (s: MatchState, slots: { nodes: Map<string, number>; edges: Map<string, number> }): number[] => {
        const slot = slots.edges.get(b.variable)!;
        return b.innerNodes ? s.inner[slot]! : s.edges[slot]!;
      };
      if (b.quantifier === 'map') {
        return {
          type: 'dynamic',
          read: (s, slots) => along(s, slots).map((r) => toDynamic(values.get(r), values.type)),
        };
      }
      const all = b.quantifier === 'all';
      // all() of no element is true and any() false, as for an empty set.
      return {
        type: 'bool',
        read: (s, slots) =>
          all
            ? along(s, slots).every((r) => values.get(r) === true)
            : along(s, slots).some((r) => values.get(r) === true),
      };
    }
  }
}
