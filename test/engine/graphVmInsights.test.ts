// The graph operators as a user asks the VM insights sample "which processes talk to which, two hops
// out from a machine": every graph answer is checked against the same question asked with joins and
// summarize, which the engine runs without the graph code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDatabase } from '../../src/data/sample';
import { run } from './helpers';

const db = sampleDatabase({ now: new Date('2024-01-01T03:00:00Z') });

/** Client process → server process: outbound connections to a port a process bound on its own address. */
const TALKS = `let Servers = VMBoundPort
| where Ip != "0.0.0.0" and Ip != "127.0.0.1"
| summarize by ServerComputer = Computer, ServerProcess = ProcessName, Ip, Port;
let Talks = VMConnection
| where Direction == "outbound"
| summarize Connections = sum(LinksEstablished) by Computer, ProcessName, DestinationIp, DestinationPort
| join kind=inner Servers on $left.DestinationIp == $right.Ip, $left.DestinationPort == $right.Port
| project Client = strcat(Computer, "/", ProcessName), Server = strcat(ServerComputer, "/", ServerProcess), Port, Connections;
let Processes = union (Talks | project Proc = Client), (Talks | project Proc = Server)
| distinct Proc
| extend Computer = tostring(split(Proc, "/")[0]);
`;
const GRAPH = `${TALKS}Talks
| make-graph Client --> Server with Processes on Proc`;

function keys(rows: readonly unknown[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

test('VM insights: the processes two hops out from acme-demo, as graph-match and as joins', () => {
  const graph = run(
    `${GRAPH}
| graph-match (a)-[e*1..2]->(b)
  where a.Computer == "acme-demo"
  project From = a.Proc, To = b.Proc, Via = map(inner_nodes(e), Proc)`,
    db,
  );
  const joined = run(
    `${TALKS}let Start = Talks | where Client startswith "acme-demo/";
union
  (Start | project From = Client, To = Server, Via = dynamic([])),
  (Start | join kind=inner (Talks | project Mid = Client, To2 = Server) on $left.Server == $right.Mid
         | project From = Client, To = To2, Via = pack_array(Mid))`,
    db,
  );
  assert.ok(
    graph.rows.some((r) => (r[2] as unknown[]).length === 1),
    'the sample has two-hop paths',
  );
  assert.deepEqual(keys(graph.rows), keys(joined.rows));
  // graph-shortest-paths keeps, per pair, a path of the fewest hops.
  const shortest = run(
    `${GRAPH}
| graph-shortest-paths (a)-[e*1..2]->(b)
  where a.Computer == "acme-demo"
  project From = a.Proc, To = b.Proc, Hops = array_length(map(inner_nodes(e), Proc)) + 1`,
    db,
  );
  const fewest = new Map<string, number>();
  for (const [from, to, via] of graph.rows) {
    const key = JSON.stringify([from, to]);
    fewest.set(key, Math.min(fewest.get(key) ?? 9, (via as unknown[]).length + 1));
  }
  assert.deepEqual(keys(shortest.rows), keys([...fewest].map(([k, hops]) => [...JSON.parse(k), hops])));
});

test("VM insights: every process's node_degree_in/out is its count of edges as Server/Client", () => {
  const graph = run(
    `${GRAPH}
| graph-match (n)
  project Proc = n.Proc, In = node_degree_in(n), Out = node_degree_out(n)`,
    db,
  );
  const counted = run(
    `${TALKS}Processes
| join kind=leftouter (Talks | summarize In = count() by Server) on $left.Proc == $right.Server
| join kind=leftouter (Talks | summarize Out = count() by Client) on $left.Proc == $right.Client
| project Proc, In = coalesce(In, 0), Out = coalesce(Out, 0)`,
    db,
  );
  assert.ok(graph.rows.length > 20);
  assert.deepEqual(keys(graph.rows), keys(counted.rows));
});
