/**
 * The pattern matcher of graph-match: a depth-first search that binds the patterns' variables one
 * edge at a time, each sequence walked outwards from a node already bound (the first sequence from
 * every node, in node order). A variable-length edge is searched by iterative deepening, so its
 * matches come shortest first, as the reference's examples list them. Cycles follow `cycles=`:
 * unique_edges (no edge twice in a match), none (no node twice in a sequence, inner nodes
 * included), all (no restriction; the hop bounds end the walk). Every step looks at the query's
 * deadline now and then, and every match is charged to the memory budget by whoever keeps it.
 */
import { EvaluationError } from '../functions';
import type { GraphPattern, GraphPatternEdge } from '../plan/types';
import { CHECK_INTERVAL, type ExecContext } from './context';
import type { Graph } from './graph';

export interface MatchState {
  /** Per node variable (in `variables.nodes` order), its node. */
  readonly nodes: Int32Array;
  /** Per edge variable (in `variables.edges` order), its edges along the pattern, left to right. */
  readonly edges: readonly number[][];
  /** Per edge variable, the nodes between its edges (a variable-length edge's inner nodes). */
  readonly inner: readonly number[][];
}

export interface MatchVariables {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/** Per variable, the nodes or edges it may take (undefined: any). */
export type ElementMasks = ReadonlyMap<string, Uint8Array>;

type Step =
  | { readonly k: 'scan'; readonly node: number; readonly chain: number }
  | { readonly k: 'anchor'; readonly node: number; readonly chain: number }
  | {
      readonly k: 'edge';
      readonly from: number;
      readonly to: number;
      readonly edge: number;
      readonly spec: GraphPatternEdge;
      /** Walked right to left: the pattern's direction is flipped, and the path reversed when kept. */
      readonly reversed: boolean;
      readonly chain: number;
    };

export function matchPatterns(
  graph: Graph,
  patterns: readonly GraphPattern[],
  cycles: 'unique_edges' | 'all' | 'none',
  masks: ElementMasks,
  ctx: ExecContext,
  emit: (state: MatchState) => void,
): void {
  const variables = patternVariables(patterns);
  const nodeSlot = new Map(variables.nodes.map((v, i) => [v, i]));
  const edgeSlot = new Map(variables.edges.map((v, i) => [v, i]));
  const steps = planSteps(patterns, nodeSlot, edgeSlot);
  const nodeMasks = variables.nodes.map((v) => masks.get(v));
  const edgeMasks = variables.edges.map((v) => masks.get(v));
  const nodeCount = graph.nodes.rowCount;
  const state: MatchState = {
    nodes: new Int32Array(variables.nodes.length).fill(-1),
    edges: variables.edges.map(() => []),
    inner: variables.edges.map(() => []),
  };
  const usedEdges = cycles === 'unique_edges' ? new Uint8Array(graph.source.length) : undefined;
  // cycles=none: how often each node is on the current walk of each sequence.
  const onChain = cycles === 'none' ? patterns.map(() => new Uint16Array(nodeCount)) : undefined;
  let work = 0;
  const tick = (): void => {
    if ((++work & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
  };

  /** Binds node slot `slot` to `n` (or checks it), runs `then`, and undoes the binding. */
  const withNode = (slot: number, n: number, then: () => void): void => {
    const bound = state.nodes[slot]!;
    if (bound !== -1) {
      if (bound === n) {
        then();
      }
      return;
    }
    const mask = nodeMasks[slot];
    if (mask && !mask[n]) {
      return;
    }
    state.nodes[slot] = n;
    then();
    state.nodes[slot] = -1;
  };
  const enterChain = (chain: number, n: number): boolean => {
    if (!onChain) {
      return true;
    }
    const counts = onChain[chain]!;
    if (counts[n]! > 0) {
      return false;
    }
    counts[n]!++;
    return true;
  };
  const leaveChain = (chain: number, n: number): void => {
    if (onChain) {
      onChain[chain]![n]!--;
    }
  };

  const run = (i: number): void => {
    tick();
    if (i === steps.length) {
      emit(state);
      return;
    }
    const step = steps[i]!;
    if (step.k === 'scan') {
      for (let n = 0; n < nodeCount; n++) {
        if (enterChain(step.chain, n)) {
          withNode(step.node, n, () => run(i + 1));
          leaveChain(step.chain, n);
        }
      }
      return;
    }
    if (step.k === 'anchor') {
      const n = state.nodes[step.node]!;
      if (enterChain(step.chain, n)) {
        run(i + 1);
        leaveChain(step.chain, n);
      }
      return;
    }
    const from = state.nodes[step.from]!;
    const path = state.edges[step.edge]!;
    const inner = state.inner[step.edge]!;
    const mask = edgeMasks[step.edge];
    const direction = step.reversed ? flip(step.spec.direction) : step.spec.direction;
    const walk = (at: number, hopsLeft: number): void => {
      tick();
      if (hopsLeft === 0) {
        const keep = (): void => {
          if (step.reversed) {
            path.reverse();
            inner.reverse();
          }
          run(i + 1);
          if (step.reversed) {
            path.reverse();
            inner.reverse();
          }
        };
        // The walk's last node is the pattern's next node, not an inner node.
        if (path.length > 0) {
          inner.pop();
        }
        withNode(step.to, at, keep);
        if (path.length > 0) {
          inner.push(at);
        }
        return;
      }
      forEachEdge(graph, at, direction, (e, next) => {
        if ((mask && !mask[e]) || usedEdges?.[e]) {
          return;
        }
        // cycles=none: a node already on this sequence's walk would close a cycle.
        if (!enterChain(step.chain, next)) {
          return;
        }
        if (usedEdges) {
          usedEdges[e] = 1;
        }
        path.push(e);
        inner.push(next);
        walk(next, hopsLeft - 1);
        inner.pop();
        path.pop();
        if (usedEdges) {
          usedEdges[e] = 0;
        }
        leaveChain(step.chain, next);
      });
    };
    for (let hops = step.spec.min; hops <= step.spec.max; hops++) {
      walk(from, hops);
    }
  };
  run(0);
}

function flip(d: GraphPatternEdge['direction']): GraphPatternEdge['direction'] {
  return d === 'out' ? 'in' : d === 'in' ? 'out' : 'both';
}

/** Calls `f(edge, otherEnd)` for each edge at node `n` that a pattern edge of `direction` may take. */
function forEachEdge(
  graph: Graph,
  n: number,
  direction: GraphPatternEdge['direction'],
  f: (edge: number, next: number) => void,
): void {
  const both = direction === 'both' || graph.undirected;
  if (both || direction === 'out') {
    for (let i = graph.out.start[n]!; i < graph.out.start[n + 1]!; i++) {
      const e = graph.out.list[i]!;
      f(e, graph.target[e]!);
    }
  }
  if (both || direction === 'in') {
    for (let i = graph.in.start[n]!; i < graph.in.start[n + 1]!; i++) {
      const e = graph.in.list[i]!;
      // A self-loop met going out is the same binding going in.
      if (!(both && graph.source[e] === n)) {
        f(e, graph.source[e]!);
      }
    }
  }
}

/** The patterns' node variables (each once) and edge variables, in the order MatchState holds them. */
export function patternVariables(patterns: readonly GraphPattern[]): MatchVariables {
  const nodes = new Set<string>();
  const edges: string[] = [];
  for (const p of patterns) {
    p.nodes.forEach((n) => nodes.add(n));
    p.edges.forEach((e) => edges.push(e.name));
  }
  return { nodes: [...nodes], edges };
}

/** The order variables are bound in: each sequence from a node bound before it, outwards both ways. */
function planSteps(
  patterns: readonly GraphPattern[],
  nodeSlot: ReadonlyMap<string, number>,
  edgeSlot: ReadonlyMap<string, number>,
): Step[] {
  const steps: Step[] = [];
  const bound = new Set<string>();
  const left = patterns.map((p, chain) => ({ p, chain }));
  while (left.length > 0) {
    const pick = bound.size === 0 ? 0 : left.findIndex(({ p }) => p.nodes.some((n) => bound.has(n)));
    if (pick < 0) {
      throw new EvaluationError(
        'The sequences of a graph pattern must share node variables (only one connected pattern is supported).',
      );
    }
    const { p, chain } = left.splice(pick, 1)[0]!;
    const anchor = bound.size === 0 ? 0 : p.nodes.findIndex((n) => bound.has(n));
    steps.push({ k: bound.size === 0 ? 'scan' : 'anchor', node: nodeSlot.get(p.nodes[anchor]!)!, chain });
    bound.add(p.nodes[anchor]!);
    const edge = (i: number, reversed: boolean): Step => ({
      k: 'edge',
      from: nodeSlot.get(p.nodes[reversed ? i + 1 : i]!)!,
      to: nodeSlot.get(p.nodes[reversed ? i : i + 1]!)!,
      edge: edgeSlot.get(p.edges[i]!.name)!,
      spec: p.edges[i]!,
      reversed,
      chain,
    });
    for (let i = anchor; i < p.edges.length; i++) {
      steps.push(edge(i, false));
      bound.add(p.nodes[i + 1]!);
    }
    for (let i = anchor - 1; i >= 0; i--) {
      steps.push(edge(i, true));
      bound.add(p.nodes[i]!);
    }
  }
  return steps;
}
