/** graph-to-table: a graph's nodes or edges as a table, with node ids (their numbers) where asked. */
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { Graph } from './graph';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function graphToTable(plan: P<'graphToTable'>, graph: Graph): Table {
  const source = plan.entity === 'nodes' ? graph.nodes : graph.edges;
  const ids = new Map<string, TableColumn>();
  for (const id of plan.idColumns) {
    const of = id.of === 'node' ? undefined : id.of === 'source' ? graph.source : graph.target;
    const b = columnBuilder('long', source.rowCount);
    for (let r = 0; r < source.rowCount; r++) {
      b.push(of ? of[r]! : r);
    }
    ids.set(id.name, { name: id.name, column: b.finish() });
  }
  const columns = plan.schema.map((c) => ids.get(c.name) ?? { name: c.name, column: source.column(c.name)! });
  return new Table(columns, source.rowCount);
}
