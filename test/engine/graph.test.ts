// Graph semantics: make-graph, graph-match, graph-shortest-paths, graph-to-table and
// graph-mark-components, from the Kusto reference's examples (their small datatables) and edge cases.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainQuery } from '../../src/engine';
import { KqlError } from '../../src/kql';
import { QueryTimeoutError } from '../../src/results/errors';
import { EMPLOYEES } from './graphData';
import { run, smallDatabase } from './helpers';

const ENTITIES = `let Entities = datatable(name:string, type:string, age:long)
[ "Alice", "Person", 23, "Bob", "Person", 31, "Eve", "Person", 17, "Mallory", "Person", 29, "Apollo", "System", 99 ];
let Actions = datatable(source:string, destination:string, action_type:string)
[ "Alice", "Bob", "communicatesWith", "Alice", "Apollo", "trusts", "Bob", "Apollo", "hasPermission",
  "Eve", "Alice", "attacks", "Mallory", "Alice", "attacks", "Mallory", "Bob", "attacks" ];
Actions
| make-graph source --> destination with Entities on name`;

test("graph-match reference: all employees in a manager's org (variable-length edge, properties as arrays)", () => {
  const r = run(`${EMPLOYEES}
| graph-match (alice)<-[reports*1..5]-(employee)
  where alice.name == "Alice" and employee.age < 30
  project employee = employee.name, age = employee.age, reportingPath = reports.manager`);
  assert.deepEqual(r.columns, ['employee', 'age', 'reportingPath']);
  assert.deepEqual(r.types, ['string', 'long', 'dynamic']);
  assert.deepEqual(r.rows, [
    ['Joe', 29, ['Alice']],
    ['Eve', 27, ['Alice', 'Bob']],
    ['Ben', 23, ['Alice', 'Chris']],
  ]);
});

test('graph-match reference: attack path (named edges and their properties)', () => {
  const r = run(`${ENTITIES}
| graph-match (mallory)-[attacks]->(compromised)-[hasPermission]->(apollo)
  where mallory.name == "Mallory" and apollo.name == "Apollo" and attacks.action_type == "attacks" and hasPermission.action_type == "hasPermission"
  project Attacker = mallory.name, Compromised = compromised.name, System = apollo.name`);
  assert.deepEqual(r.rows, [['Mallory', 'Bob', 'Apollo']]);
});

test('graph-match reference: star pattern (two sequences sharing a node, an any-direction edge)', () => {
  const r = run(`${ENTITIES}
| graph-match (mallory)-[attacks]->(compromised)-[hasPermission]->(apollo), (compromised)-[communicates]-(alice)
  where mallory.name == "Mallory" and apollo.name == "Apollo" and attacks.action_type == "attacks"
    and hasPermission.action_type == "hasPermission" and alice.name == "Alice"
  project Attacker = mallory.name, Compromised = compromised.name, System = apollo.name`);
  assert.deepEqual(r.rows, [['Mallory', 'Bob', 'Apollo']]);
});

test('inner_nodes reference: all() and map() over the inner nodes of a variable-length edge', () => {
  const r = run(`${EMPLOYEES}
| graph-match (manager)<-[reports*1..5]-(employee)
  where manager.name == "Alice" and all(inner_nodes(reports), age < 40)
  project employee = employee.name, manager = manager.name, reportingPath = map(inner_nodes(reports), name)`);
  // Ben reports to Alice through Chris, who is 45: left out.
  assert.deepEqual(r.rows, [
    ['Bob', 'Alice', []],
    ['Chris', 'Alice', []],
    ['Joe', 'Alice', []],
    ['Eve', 'Alice', ['Bob']],
    ['Richard', 'Alice', ['Bob']],
  ]);
});

test('any() and map() over the edges of a variable-length edge, node_id() of nodes and inner nodes', () => {
  const r = run(`${EMPLOYEES}
| graph-match (boss)<-[reports*2..2]-(employee)
  where any(reports, manager == "Chris")
  project who = node_id(employee), boss = node_id(boss), via = map(inner_nodes(reports), node_id()), managers = map(reports, manager)`);
  // Edges and inner nodes come along the pattern, left to right: from the boss down.
  assert.deepEqual(r.rows, [['Ben', 'Alice', ['Chris'], ['Alice', 'Chris']]]);
});

test('directions: -->, <-- and -- (an edge either way), anonymous nodes and edges', () => {
  const g = `datatable(s:string, t:string)["a", "b", "b", "c"] | make-graph s --> t with_node_id=id`;
  assert.deepEqual(run(`${g} | graph-match (x)-->(y) project x.id, y.id`).rows, [
    ['a', 'b'],
    ['b', 'c'],
  ]);
  assert.deepEqual(run(`${g} | graph-match (x)<--(y) project x.id, y.id`).rows, [
    ['b', 'a'],
    ['c', 'b'],
  ]);
  assert.deepEqual(run(`${g} | graph-match (x)--(y) project x.id, y.id`).rows, [
    ['a', 'b'],
    ['b', 'c'],
    ['b', 'a'],
    ['c', 'b'],
  ]);
  assert.deepEqual(run(`${g} | graph-match (x)-->()-->(z) project x.id, z.id`).rows, [['a', 'c']]);
});

test('make-graph with -- makes every edge traversable both ways', () => {
  const r = run(`datatable(s:string, t:string)["a", "b"] | make-graph s -- t with_node_id=id
    | graph-match (x)-->(y) project x.id, y.id`);
  assert.deepEqual(r.rows, [
    ['a', 'b'],
    ['b', 'a'],
  ]);
});

test('make-graph: several node tables merge by id; nodes only the edges name have empty properties', () => {
  const r = run(`let N1 = datatable(name:string, age:long)["a", 1];
    let N2 = datatable(id:string, cat:string)["a", "x", "b", "y"];
    datatable(s:string, t:string)["a", "b", "b", "c"]
    | make-graph s --> t with N1 on name, N2 on id
    | graph-to-table nodes`);
  assert.deepEqual(r.columns, ['name', 'age', 'id', 'cat']);
  assert.deepEqual(r.rows, [
    ['a', 1, 'a', 'x'],
    ['', null, 'b', 'y'],
    ['', null, '', ''],
  ]);
});

test('project of a whole node or edge gives a bag of its properties (an array of bags for a variable-length edge)', () => {
  const r = run(`datatable(s:string, t:string, w:long)["a", "b", 1, "b", "c", 2]
    | make-graph s --> t with_node_id=id
    | graph-match (x)-[e*2..2]->(y) project x, e`);
  assert.deepEqual(r.rows, [
    [
      { id: 'a' },
      [
        { s: 'a', t: 'b', w: 1 },
        { s: 'b', t: 'c', w: 2 },
      ],
    ],
  ]);
});

test('a condition on a variable-length edge holds for every edge of the sequence', () => {
  const g = `datatable(s:string, t:string, w:long)["a", "b", 1, "b", "c", 5, "c", "d", 1]
    | make-graph s --> t with_node_id=id`;
  assert.deepEqual(run(`${g} | graph-match (x)-[e*1..3]->(y) where e.w < 3 project x.id, y.id`).rows, [
    ['a', 'b'],
    ['c', 'd'],
  ]);
});

test('cycles=unique_edges (default), all and none over a two-node cycle', () => {
  const g = `datatable(s:string, t:string)["a", "b", "b", "a"] | make-graph s --> t with_node_id=id`;
  const paths = (cycles: string) =>
    run(`${g} | graph-match ${cycles} (x)-[e*1..3]->(y) project x.id, y.id, n = array_length(map(e, s))`).rows;
  const unique = [
    ['a', 'b', 1],
    ['a', 'a', 2],
    ['b', 'a', 1],
    ['b', 'b', 2],
  ];
  assert.deepEqual(paths(''), unique);
  assert.deepEqual(paths('cycles=unique_edges'), unique);
  assert.deepEqual(paths('cycles=all'), [
    ['a', 'b', 1],
    ['a', 'a', 2],
    ['a', 'b', 3],
    ['b', 'a', 1],
    ['b', 'b', 2],
    ['b', 'a', 3],
  ]);
  assert.deepEqual(paths('cycles=none'), [
    ['a', 'b', 1],
    ['b', 'a', 1],
  ]);
});

test('a node variable named twice closes a cycle', () => {
  const r = run(`datatable(s:string, t:string)["a", "b", "b", "c", "c", "a", "c", "d"]
    | make-graph s --> t with_node_id=id
    | graph-match (x)-->(y)-->(z)-->(x) where x.id == "a" project x.id, y.id, z.id`);
  assert.deepEqual(r.rows, [['a', 'b', 'c']]);
});

test('graph-to-table edges with source and target ids; nodes with their id', () => {
  const g = `datatable(s:string, t:string)["a", "b", "c", "a"] | make-graph s --> t with_node_id=name`;
  const edges = run(`${g} | graph-to-table edges with_source_id=src with_target_id=tgt`);
  assert.deepEqual(edges.columns, ['src', 'tgt', 's', 't']);
  assert.deepEqual(edges.types, ['long', 'long', 'string', 'string']);
  assert.deepEqual(edges.rows, [
    [0, 1, 'a', 'b'],
    [2, 0, 'c', 'a'],
  ]);
  assert.deepEqual(run(`${g} | graph-to-table nodes with_node_id=nid`).rows, [
    [0, 'a'],
    [1, 'b'],
    [2, 'c'],
  ]);
});

test('graph-mark-components reference: families of child-parent pairs', () => {
  const r = run(`let ChildOf = datatable(child:string, parent:string)
[ "Alice", "Bob", "Carol", "Alice", "Carol", "Dave", "Greg", "Alice", "Greg", "Dave",
  "Howard", "Alice", "Howard", "Dave", "Eve", "Frank", "Frank", "Mallory", "Eve", "Kirk" ];
ChildOf
| make-graph child --> parent with_node_id=name
| graph-mark-components with_component_id = family
| graph-to-table nodes`);
  assert.deepEqual(r.columns, ['name', 'family']);
  assert.deepEqual(r.rows, [
    ['Alice', 0],
    ['Bob', 0],
    ['Carol', 0],
    ['Dave', 0],
    ['Greg', 0],
    ['Howard', 0],
    ['Eve', 1],
    ['Frank', 1],
    ['Mallory', 1],
    ['Kirk', 1],
  ]);
});

test('graph-mark-components: weak and strong components, numbered by their first node', () => {
  const g = `datatable(s:string, t:string)["a", "b", "b", "a", "b", "c", "x", "y"] | make-graph s --> t with_node_id=n`;
  assert.deepEqual(run(`${g} | graph-mark-components | graph-to-table nodes`).rows, [
    ['a', 0],
    ['b', 0],
    ['c', 0],
    ['x', 1],
    ['y', 1],
  ]);
  assert.deepEqual(run(`${g} | graph-mark-components kind=strong with_component_id=scc | graph-to-table nodes`).rows, [
    ['a', 0],
    ['b', 0],
    ['c', 1],
    ['x', 2],
    ['y', 3],
  ]);
  // The marked graph is still a graph: graph-match reads the new property.
  assert.deepEqual(
    run(`${g} | graph-mark-components | graph-match (p)-->(q) where p.ComponentId == 1 project p.n, q.n`).rows,
    [['x', 'y']],
  );
});

test('graph-shortest-paths: one shortest path per pair of end nodes', () => {
  const r = run(`datatable(s:string, t:string)["a", "b", "b", "c", "a", "c", "c", "d"]
    | make-graph s --> t with_node_id=id
    | graph-shortest-paths (x)-[e*1..3]->(y) where x.id == "a" project y.id, hops = array_length(map(e, t))`);
  assert.deepEqual(r.rows, [
    ['b', 1],
    ['c', 1],
    ['d', 2],
  ]);
});

const STATIONS = `let connections = datatable(from_station:string, to_station:string, line:string)
[ "Central", "North", "red", "North", "Central", "red", "Central", "South", "red", "South", "Central", "red",
  "South", "South-West", "red", "South-West", "South", "red", "South-West", "West", "red", "West", "South-West", "red",
  "Central", "East", "blue", "East", "Central", "blue", "Central", "West", "blue", "West", "Central", "blue" ];
connections
| make-graph from_station --> to_station with_node_id=station`;

test('graph-shortest-paths reference: any shortest path, and all of them with output=all', () => {
  const project = `(start)-[connections*1..5]->(destination)
  where start.station == "South-West" and destination.station == "North"
  project from = start.station, path = map(connections, to_station), line = map(connections, line), to = destination.station`;
  assert.deepEqual(run(`${STATIONS} | graph-shortest-paths ${project}`).rows, [
    ['South-West', ['South', 'Central', 'North'], ['red', 'red', 'red'], 'North'],
  ]);
  assert.deepEqual(run(`${STATIONS} | graph-shortest-paths output=all ${project}`).rows, [
    ['South-West', ['South', 'Central', 'North'], ['red', 'red', 'red'], 'North'],
    ['South-West', ['West', 'Central', 'North'], ['red', 'blue', 'red'], 'North'],
  ]);
});

test('a let of a graph is built once and read by several graph operators', () => {
  const r = run(`let G = datatable(s:string, t:string)["a", "b"] | make-graph s --> t with_node_id=id;
    G | graph-match (x)-->(y) project x.id
    | union (G | graph-to-table nodes)`);
  assert.deepEqual(r.columns, ['x_id', 'id']);
  assert.deepEqual(r.rows, [
    ['a', ''],
    ['', 'a'],
    ['', 'b'],
  ]);
});

test('a graph is not a result, and graph-match without project is refused at the operator', () => {
  assert.throws(
    () => run('datatable(s:string, t:string)["a", "b"] | make-graph s --> t'),
    (e) => e instanceof KqlError && /graph operator/.test(e.message),
  );
  assert.throws(
    () => run('datatable(s:string, t:string)["a", "b"] | make-graph s --> t | graph-match (x)-->(y)'),
    (e) => e instanceof KqlError && /without project/.test(e.message),
  );
  // A table operator after make-graph is Kusto.Language's error: the graph has no columns.
  assert.throws(
    () => run('datatable(s:string, t:string)["a", "b"] | make-graph s --> t | where s == "a"'),
    (e) => e instanceof KqlError && /'s'/.test(e.message),
  );
});

test('what the engine does not run stops with an error that says what and where', () => {
  const g = 'datatable(s:string, t:string, w:long)["a", "b", 1] | make-graph s --> t with_node_id=id';
  const refused = (query: string, message: RegExp) =>
    assert.throws(
      () => run(`${g} | ${query}`),
      (e) => e instanceof KqlError && message.test(e.message),
    );
  refused('graph-match (x)-[e*1..2]->(y) where e.w > strlen(x.id) project y.id', /variable-length edge 'e'/);
  refused('graph-match (x)-->(y), (p)-->(q) project x.id', /share node variables/);
  refused('graph-match (x)-->(y) project labels(x)', /labels\(\)/);
  refused('graph-match cycles=sometimes (x)-->(y) project x.id', /all, none or unique_edges/);
  refused('graph-match (x)-[e*3..1]->(y) project x.id', /3\.\.1 is empty/);
  refused('graph-to-table nodes as N, edges as E', /nodes and edges together/);
  refused('graph-shortest-paths (x)-->(y) project y.id', /variable-length edge/);
});

test('a clique with *1..10 stops with the memory or time error, not a hang', () => {
  const clique = `range i from 1 to 12 step 1 | extend j = range(1, 12) | mv-expand j to typeof(long)
    | where i != j | make-graph i --> j with_node_id=id`;
  const started = Date.now();
  // On a loaded machine the deadline may come first: either error is a clean stop.
  assert.throws(
    () =>
      run(`${clique} | graph-match (a)-[e*1..10]->(b) project a, b, e`, smallDatabase(), {
        memoryLimitBytes: 16 * 1024 * 1024,
        deadline: Date.now() + 10_000,
      }),
    (e) =>
      e instanceof QueryTimeoutError ||
      (e instanceof KqlError && e.code === 'KQL-MEMORY' && /graph-match/.test(e.message)),
  );
  // A pattern whose bindings are all rejected keeps nothing: the deadline stops it.
  assert.throws(
    () =>
      run(`${clique} | graph-match (a)-[e*1..10]->(b) where a.id == b.id project a`, smallDatabase(), {
        deadline: Date.now() + 500,
      }),
    (e) => e instanceof QueryTimeoutError || (e instanceof KqlError && e.code === 'KQL-MEMORY'),
  );
  assert.ok(Date.now() - started < 20_000, `stopped after ${Date.now() - started} ms`);
});

test('explain prints the graph operators', () => {
  const text = explainQuery(
    `datatable(s:string, t:string)["a", "b"] | make-graph s --> t with_node_id=id
     | graph-match (x)-[e*1..2]->(y) where x.id == "a" project y.id`,
    smallDatabase(),
  );
  assert.match(text, /graph-match cycles=unique_edges \(x\)-\[e\*1\.\.2\]->\(y\) \[x: \(id == "a"\)\] project/);
  assert.match(text, /make-graph s --> t with_node_id=id/);
});
