// Kusto.Language's binder throws on graph-match/graph-shortest-paths over an input it cannot type as a
// graph; analyze() gives the query's own errors and one at the operator instead (src/kql/graphInputCrash.ts).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, firstError } from '../../src/kql';
import { run, smallDatabase } from '../engine/helpers';

test("an unknown function before graph-match: the binder's error at the name, and one at the operator", () => {
  // The reference's graph_time_travel(…) example, run without its stored function.
  const text = `graph_time_travel(datetime(2022-06-01))
| graph-match (employee)-[hasManager*2..5]-(manager)
  where employee.name == "Bob"
  project employee = employee.name, reportingPath = hasManager.manager`;
  const a = analyze(text);
  assert.deepEqual(
    a.diagnostics.map((d) => [d.code, text.slice(d.start, d.end).split('\n')[0]]),
    [
      ['KS211', 'graph_time_travel'],
      ['KQL-GRAPH', '| graph-match (employee)-[hasManager*2..5]-(manager)'],
    ],
  );
  assert.equal(firstError(a)?.message, "The name 'graph_time_travel' does not refer to any known function.");
  assert.throws(
    () => run(text),
    (e) => e instanceof Error && /graph_time_travel/.test(e.message) && !/embedded engine failed/.test(e.message),
  );
});

test('a table before graph-shortest-paths: the error says the operator needs a graph', () => {
  assert.throws(
    () => run('T | graph-shortest-paths (a)-[e*1..2]->(b) project id = node_id(a)'),
    (e) => e instanceof Error && /^graph-shortest-paths needs a graph as its input/.test(e.message),
  );
});

test('a graph input binds as before', () => {
  const a = analyze(
    'datatable(s:string, t:string)["a", "b"] | make-graph s --> t | graph-match (x)-->(y) project id = node_id(x)',
  );
  assert.deepEqual(a.diagnostics, []);
});

test("after a blanked operator the binder's errors are left out (it typed the query without it), syntax errors kept", () => {
  const text = 'VMConnection | graph-match (a)-->(b) project a | where a == 1 | take';
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]),
    [
      ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
      // `take` without its count; `a` is the graph-match's column, not an unknown name.
      ['KS006', ''],
    ],
  );
});

// A valid graph operator: a graph from make-graph, and a real error in it (its nodes have no property foo).
const VALID = 'T | make-graph Computer --> Direction | graph-match (a)-->(b) where a.foo == 1 project n = node_id(a)';
const INVALID = 'T | graph-match (a)-->(b) project a';

function errors(text: string): [string, string][] {
  return analyze(text, { tables: smallDatabase().schemas }).diagnostics.map((d) => [
    d.code,
    text.slice(d.start, d.end),
  ]);
}

test('a valid graph operator after an invalid one keeps its own errors and is not flagged', () => {
  const expected = [
    ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
    // The valid operator's own error, at its place in the query.
    ['KS142', 'foo'],
  ];
  for (const text of [
    `let bad = ${INVALID};\nlet good = ${VALID};\ngood`,
    `union (${INVALID}), (${VALID})`,
    `${INVALID};\n${VALID}`,
  ]) {
    assert.deepEqual(errors(text), expected, text);
  }
  // Before it too, as it was.
  assert.deepEqual(errors(`union (${VALID}), (${INVALID})`), [
    ['KS142', 'foo'],
    ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
  ]);
});

test('two invalid graph operators are both flagged, the valid one between them is not', () => {
  const text = `union (${INVALID}), (${VALID}), (T | graph-shortest-paths (a)-[e*1..2]->(b) project a)`;
  assert.deepEqual(errors(text), [
    ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
    ['KS142', 'foo'],
    ['KQL-GRAPH', '| graph-shortest-paths (a)-[e*1..2]->(b) project a'],
  ]);
});

test("what reads a blanked operator's output, through a let or an as, is not checked; its neighbours are", () => {
  const text = `let bad = ${INVALID};
let after = bad | where a == 1;
${INVALID} | as named;
named | where b == 1;
T | where Nope == 1`;
  assert.deepEqual(errors(text), [
    ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
    ['KQL-GRAPH', '| graph-match (a)-->(b) project a'],
    // Not `a` or `b`: they are graph-match's columns, which the binder never saw.
    ['KS142', 'Nope'],
  ]);
});

test('the engine refuses a query with a blanked operator even when the part it would return is valid', () => {
  const db = smallDatabase();
  const valid = 'T | make-graph Computer --> Direction | graph-match (a)-->(b) project n = node_id(a)';
  assert.ok(run(valid, db).rows.length > 0);
  assert.throws(
    () => run(`let unused = ${INVALID};\n${valid}`, db),
    (e) => e instanceof Error && /^graph-match needs a graph as its input/.test(e.message),
  );
});

test('past the search budget the undecided graph operators are left unchecked: no false error, no run', () => {
  // Twelve invalid operators between valid ones: deciding each costs binds beyond REBIND_BUDGET.
  const legs = Array.from({ length: 24 }, (_, i) => `(${i % 2 === 0 ? INVALID : VALID})`);
  const text = `union ${legs.join(', ')}`;
  const diagnostics = analyze(text, { tables: smallDatabase().schemas }).diagnostics;
  const at = (code: string) => diagnostics.filter((d) => d.code === code);
  const unchecked = at('KQL-GRAPH-UNCHECKED');
  assert.ok(unchecked.length > 0, 'the budget ran out');
  assert.ok(
    unchecked.every((d) => d.severity === 'information' && /^graph-match not checked/.test(d.message)),
    'an unchecked operator is not said to be wrong',
  );
  const cutoff = unchecked[0]!.start;
  // Before the cutoff every operator was decided: each invalid one flagged, each valid one with its own error.
  const before = (code: string) => at(code).filter((d) => d.start < cutoff).length;
  // Each leg has one graph operator, in the legs' order.
  const operatorStarts = [...text.matchAll(/\| graph-match/g)].map((m) => m.index);
  const decided = operatorStarts.filter((start) => start < cutoff).length;
  assert.ok(before('KQL-GRAPH') > 0);
  assert.equal(before('KQL-GRAPH') + before('KS142'), decided);
  assert.ok(
    at('KQL-GRAPH').every((d) => text.slice(d.start, d.end) === '| graph-match (a)-->(b) project a'),
    'no valid operator is flagged',
  );
  // From the cutoff on, the binder's errors are left out (it typed the query without those operators).
  assert.deepEqual(
    diagnostics.filter((d) => d.start >= cutoff && d.code !== 'KQL-GRAPH-UNCHECKED'),
    [],
  );
  assert.equal(unchecked.length, legs.length - decided);
  assert.throws(
    () => run(text, smallDatabase()),
    (e) => e instanceof Error && /^graph-match needs a graph as its input/.test(e.message),
  );
});
