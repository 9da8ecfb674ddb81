// node_degree_in() and node_degree_out(): the reference's examples cell by cell, then what they leave
// open (self-loops, parallel edges, a node with no edges, `with` node tables, `--` graphs, errors).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KqlError } from '../../src/kql';
import { EMPLOYEES } from './graphData';
import { run } from './helpers';

const ROUTES = `let Locations = datatable(LocationName: string, LocationType: string) [
  "New York", "City", "San Francisco", "City", "Chicago", "City", "Los Angeles", "City", "Seattle", "Warehouse" ];
let Routes = datatable(OriginLocationID: string, DestinationLocationID: string, TransportMode: string) [
  "New York", "San Francisco", "Truck", "New York", "Chicago", "Train", "San Francisco", "Los Angeles", "Truck",
  "Chicago", "Seattle", "Train", "Los Angeles", "New York", "Truck", "Seattle", "San Francisco", "Train" ];
Routes
| make-graph OriginLocationID --> DestinationLocationID with Locations on LocationName`;

/** Rows in a fixed order, for examples whose printed order the reference does not promise. */
function sorted(rows: readonly unknown[][]): unknown[][] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

test('node_degree_in reference: managers with three direct reports, inner nodes with more than one', () => {
  const r = run(`${EMPLOYEES}
| graph-match (manager)<-[reports*1..3]-(employee)
    where node_degree_in(manager) == 3 and any(inner_nodes(reports), node_degree_in() > 1)
    project manager.name, employee.name,
            reports_and_inner_nodes_degree_in = map(inner_nodes(reports), strcat(name, " has ", node_degree_in(), " reports")),
            degree_in_m=node_degree_in(manager),
            degree_out_e=node_degree_out(employee)`);
  assert.deepEqual(r.columns, [
    'manager_name',
    'employee_name',
    'reports_and_inner_nodes_degree_in',
    'degree_in_m',
    'degree_out_e',
  ]);
  assert.deepEqual(r.types, ['string', 'string', 'dynamic', 'long', 'long']);
  // The reference prints a third row, Alice ← Ellen through Bob and Eve, but no Ellen is in its
  // datatables (Eve has no reports): these are the rows its data gives.
  assert.deepEqual(sorted(r.rows), [
    ['Alice', 'Eve', ['Bob has 2 reports'], 3, 1],
    ['Alice', 'Richard', ['Bob has 2 reports'], 3, 1],
  ]);
});

test('node_degree_in reference (one-hop version): the degree counts every edge, not the matched one', () => {
  const r = run(`${EMPLOYEES}
| graph-match (manager)<-[reports]-(employee)
  where node_degree_in(manager) == 3
  project manager.name, employee.name, degree_in_m=node_degree_in(manager), degree_out_e=node_degree_out(employee)`);
  assert.deepEqual(r.rows, [
    ['Alice', 'Bob', 3, 1],
    ['Alice', 'Chris', 3, 1],
    ['Alice', 'Joe', 3, 1],
  ]);
});

test('node_degree_out reference: routes, the source and the inner nodes of a variable-length edge', () => {
  const r = run(`${ROUTES}
| graph-match (src)-[route*1..2]->(dest)
  project src.LocationName, dest.LocationName, node_degree_out(src),
          route_TransportModes = map(route, TransportMode),
          route_nodes_degree_out = map(inner_nodes(route), node_degree_out())`);
  // The unnamed node_degree_out(src) is named as the reference prints it (src/kql/signatureFixes.ts).
  assert.deepEqual(r.columns, [
    'src_LocationName',
    'dest_LocationName',
    'node_degree_out',
    'route_TransportModes',
    'route_nodes_degree_out',
  ]);
  assert.deepEqual(
    sorted(r.rows),
    sorted([
      ['Chicago', 'Seattle', 1, ['Train'], []],
      ['New York', 'Chicago', 2, ['Train'], []],
      ['Los Angeles', 'New York', 1, ['Truck'], []],
      ['San Francisco', 'Los Angeles', 1, ['Truck'], []],
      ['Seattle', 'San Francisco', 1, ['Train'], []],
      ['New York', 'San Francisco', 2, ['Truck'], []],
      ['Chicago', 'San Francisco', 1, ['Train', 'Train'], [1]],
      ['New York', 'Seattle', 2, ['Train', 'Train'], [1]],
      ['New York', 'Los Angeles', 2, ['Truck', 'Truck'], [1]],
      ['San Francisco', 'New York', 1, ['Truck', 'Truck'], [1]],
      ['Seattle', 'Los Angeles', 1, ['Train', 'Truck'], [1]],
      ['Los Angeles', 'San Francisco', 1, ['Truck', 'Truck'], [2]],
      ['Los Angeles', 'Chicago', 1, ['Truck', 'Train'], [2]],
    ]),
  );
});

test('node_degree_out reference: the employee whose manager reports to no one', () => {
  const r = run(`let employees = datatable(name:string, age:long)
[ "Alice", 32, "Bob", 31, "Eve", 27, "Joe", 29, "Chris", 45, "Alex", 35, "Ben", 23, "Richard", 39, "Jim", 42 ];
let reports = datatable(employee:string, manager:string)
[ "Bob", "Alice", "Chris", "Alice", "Eve", "Bob", "Ben", "Chris", "Joe", "Alice", "Richard", "Bob", "Alice", "Jim" ];
reports
| make-graph employee --> manager with employees on name
| graph-match (manager)<-[reports]-(employee)
where node_degree_out(manager) == 0
project manager.name, employee.name, di_m=node_degree_in(manager), do_m=node_degree_out(manager), di_e=node_degree_in(employee), do_e=node_degree_out(employee)`);
  // The reference's table shows the first two degrees under other names; the query's names are these.
  assert.deepEqual(r.columns, ['manager_name', 'employee_name', 'di_m', 'do_m', 'di_e', 'do_e']);
  assert.deepEqual(r.rows, [['Jim', 'Alice', 1, 0, 3, 1]]);
});

const MIXED = `let N1 = datatable(id:string, role:string) ["a", "web", "b", "db"];
let N2 = datatable(key:string, zone:string) ["c", "east", "lonely", "west"];
datatable(s:string, t:string, w:long) ["a", "b", 1, "a", "b", 2, "b", "b", 3, "b", "c", 4]
| make-graph s --> t with N1 on id, N2 on key`;

test('node degrees: parallel edges count one by one, a self-loop once each way, a node without edges 0', () => {
  const r = run(`${MIXED}
| graph-match (n)
  project id = node_id(n), i = node_degree_in(n), o = node_degree_out(n)`);
  assert.deepEqual(r.rows, [
    ['a', 0, 2],
    ['b', 3, 2],
    ['c', 1, 0],
    ['lonely', 0, 0],
  ]);
});

test('node degrees in where (a condition on one node) and in graph-shortest-paths, inner nodes included', () => {
  const r = run(`${MIXED}
| graph-shortest-paths (x)-[p*1..3]->(y)
  where x.id == "a" and node_degree_in(y) == 1 and node_degree_out(y) == 0
  project from = node_id(x), to = node_id(y), ws = map(p, w), inner = map(inner_nodes(p), node_degree_out())`);
  assert.deepEqual(r.rows, [['a', 'c', [1, 4], [2]]]);
  const both = run(`${MIXED}
| graph-match (x)-[e]->(y)
  where node_degree_out(x) + node_degree_in(y) == 5
  project from = node_id(x), to = node_id(y), e.w`);
  assert.deepEqual(both.rows, [
    ['a', 'b', 1],
    ['a', 'b', 2],
    ['b', 'b', 3],
  ]);
});

test('node degrees of a graph made with --: every edge enters and leaves each end (a self-loop twice)', () => {
  const r = run(`datatable(s:string, t:string) ["a", "b", "b", "b", "b", "c"]
| make-graph s -- t
| graph-match (n)
  project id = node_id(n), i = node_degree_in(n), o = node_degree_out(n)`);
  assert.deepEqual(r.rows, [
    ['a', 1, 1],
    ['b', 4, 4],
    ['c', 1, 1],
  ]);
});

test('node degrees: a call without a node, or on an edge, says where it belongs', () => {
  const g = 'datatable(s:string, t:string) ["a", "b", "b", "c"] | make-graph s --> t';
  for (const [query, message] of [
    [
      'graph-match (x)-[p*1..2]->(y) where node_degree_in() > 0 project id = node_id(x)',
      /node_degree_in\(\) takes a node variable/,
    ],
    ['graph-match (x)-[p*1..2]->(y) project m = node_degree_out(p)', /node_degree_out\(\) takes a node variable/],
    ['graph-match (x)-[p*1..2]->(y) project m = map(p, node_degree_in())', /map\(inner_nodes\(p\), …\)/],
  ] as const) {
    assert.throws(
      () => run(`${g} | ${query}`),
      (e) => e instanceof KqlError && message.test(e.message),
      query,
    );
  }
});
