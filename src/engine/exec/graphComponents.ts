/**
 * graph-mark-components: each node's connected component as a long, numbered from 0 in the order of
 * each component's first node. Weak: edges joined regardless of direction (union-find). Strong: nodes
 * that reach each other along edge directions (Tarjan's algorithm, iterative so deep graphs cannot
 * overflow the stack); an undirected graph's strong components are its weak ones.
 */
import type { Value } from '../values';
import { CHECK_INTERVAL, type ExecContext } from './context';
import { type Graph, withNodeColumn } from './graph';
import { BYTES, chargeMemory } from './memoryBudget';

export function markComponents(graph: Graph, strong: boolean, column: string, ctx: ExecContext): Graph {
  const n = graph.nodes.rowCount;
  chargeMemory(n * 4 * BYTES.slot, 'graph-mark-components');
  const raw = strong && !graph.undirected ? strongComponents(graph, ctx) : weakComponents(graph, ctx);
  // Renumber by first node, so ids do not depend on the algorithm's visiting order.
  const renumber = new Map<number, number>();
  const values: Value[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let id = renumber.get(raw[i]!);
    if (id === undefined) {
      id = renumber.size;
      renumber.set(raw[i]!, id);
    }
    values[i] = id;
  }
  return withNodeColumn(graph, column, values, 'long');
}

function weakComponents(graph: Graph, ctx: ExecContext): Int32Array {
  const parent = new Int32Array(graph.nodes.rowCount);
  for (let i = 0; i < parent.length; i++) {
    parent[i] = i;
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let e = 0; e < graph.source.length; e++) {
    if ((e & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const a = find(graph.source[e]!);
    const b = find(graph.target[e]!);
    if (a !== b) {
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const out = new Int32Array(parent.length);
  for (let i = 0; i < parent.length; i++) {
    out[i] = find(i);
  }
  return out;
}

function strongComponents(graph: Graph, ctx: ExecContext): Int32Array {
  const n = graph.nodes.rowCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n);
  const stack: number[] = [];
  const { start, list } = graph.out;
  let counter = 0;
  let steps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) {
      continue;
    }
    // Each frame: a node and the position of the next out-edge to look at.
    const frames: [number, number][] = [[root, start[root]!]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      if ((++steps & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      const frame = frames[frames.length - 1]!;
      const v = frame[0];
      if (frame[1] < start[v + 1]!) {
        const w = graph.target[list[frame[1]++]!]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, start[w]!]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = v;
        } while (w !== v);
      }
    }
  }
  return component;
}
