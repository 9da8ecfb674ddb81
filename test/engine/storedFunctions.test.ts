/**
 * The workspace's stored functions (the Database's functions): called plainly and through `invoke`,
 * expanded as `let` functions are; and user functions bound against the call's own arguments, as
 * Kusto binds them (a tabular parameter keeps the argument's other columns).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FunctionSchema } from '../../src/schema/workspaceSchema';
import { mappingExpansions } from '../../src/engine/plan/syntax';
import { run, smallDatabase } from './helpers';

const fn = (name: string, parameters: string, body: string): FunctionSchema => ({
  name,
  parameters,
  body,
  description: '',
  group: 'Functions',
});

function dbWith(...functions: FunctionSchema[]) {
  const db = smallDatabase();
  db.setFunctions(functions);
  return db;
}

test('a stored function of tables is called plainly, with parameters, defaults and named arguments', () => {
  const db = dbWith(
    fn('Outbound', '', 'T | where Direction == "outbound"'),
    fn('BigSends', 'min:long = 150', '{ T | where BytesSent >= min | project Computer, BytesSent }'),
  );
  assert.deepEqual(run('Outbound | count', db).rows, [[3]]);
  assert.deepEqual(run('Outbound() | count', db).rows, [[3]]);
  assert.deepEqual(run('BigSends() | order by BytesSent asc', db).rows, [
    ['db01', 200],
    ['db01', 300],
  ]);
  assert.deepEqual(run('BigSends(min=250)', db).rows, [['db01', 300]]);
  assert.deepEqual(run('BigSends(50) | count', db).rows, [[4]]);
});

test('invoke of a stored function: the piped table is its first argument', () => {
  const db = dbWith(
    fn(
      'TopSenders',
      'T:(Computer:string, BytesSent:long), n:long',
      'T | summarize s = sum(BytesSent) by Computer | top n by s',
    ),
  );
  const r = run('T | where Direction == "outbound" | invoke TopSenders(1)', db);
  assert.deepEqual(r.columns, ['Computer', 's']);
  assert.deepEqual(r.rows, [['db01', 300]]);
});

test('a scalar stored function, and one stored function calling another', () => {
  const db = dbWith(
    fn('KiB', 'b:long', 'b / 1024.0'),
    fn('SentKiB', '', 'T | where isnotnull(BytesSent) | extend k = KiB(BytesSent) | summarize sum(k)'),
  );
  assert.deepEqual(run('print x = KiB(2048)', db).rows, [[2]]);
  assert.deepEqual(run('SentKiB', db).rows, [[650 / 1024]]);
});

test("a stored function does not see the query's lets; an error inside it points at the call", () => {
  const db = dbWith(
    fn('Boom', '', 'T | evaluate bag_unpack(Tags)'),
    fn('Outbound', '', 'T | where Direction == "outbound"'),
  );
  // The body's T is the workspace's table, not the query's `let T`.
  assert.deepEqual(run('let T = print Direction = "outbound"; Outbound | count', db).rows, [[3]]);
  const q = 'T | take 1;\nBoom() | count';
  assert.throws(
    () => run(q, db),
    (e: Error & { start?: number }) => /bag_unpack/.test(e.message) && e.start === q.indexOf('Boom()'),
  );
});

test('stored functions set anew replace the old ones, and cached plans bound to the old ones are not reused', () => {
  const db = dbWith(fn('N', '', 'print n = 1'));
  assert.deepEqual(run('N', db).rows, [[1]]);
  db.setFunctions([fn('N', '', 'print n = 2')]);
  assert.deepEqual(run('N', db).rows, [[2]]);
});

test("a function whose body is unknown here (another database's) keeps its clear error", () => {
  assert.throws(
    () => run("T | invoke cluster('c').database('d').StoredFunction()", dbWith()),
    /invoke of .*not supported/,
  );
});

test("a tabular parameter declared with fewer columns keeps the argument's others (Kusto passes the table)", () => {
  const r = run(
    'let f = (T:(Name:string)) { T | extend x = 1 }; datatable(Name:string, Data:string)["a","b"] | invoke f()',
  );
  assert.deepEqual(r.columns, ['Name', 'Data', 'x']);
  assert.deepEqual(r.rows, [['a', 'b', 1]]);
});

test("an error inside a let function points at its place in the function's body", () => {
  const q = 'let f = () { T | evaluate bag_unpack(Tags) };\nf() | count';
  assert.throws(
    () => run(q),
    (e: Error & { start?: number }) => /bag_unpack/.test(e.message) && e.start === q.indexOf('evaluate'),
  );
});

test('spans are mapped out of expansions only while the query that has them is lowered', () => {
  const db = dbWith(fn('Boom', '', 'T | evaluate bag_unpack(Tags)'));
  assert.deepEqual(run('let f = (n:long) { n * 2 }; print x = f(21)', db).rows, [[42]]);
  // The function's query is done: a later query's spans are read straight from its own tree.
  assert.equal(mappingExpansions(), false);
  assert.deepEqual(run('print y = 1', db).rows, [[1]]);
  // And a query with an expansion after one without still maps its errors into the text.
  const q = 'print z = 2;\nBoom() | count';
  for (let i = 0; i < 2; i++) {
    assert.throws(
      () => run(q, db),
      (e: Error & { start?: number }) => /bag_unpack/.test(e.message) && e.start === q.indexOf('Boom()'),
    );
    assert.equal(mappingExpansions(), false);
  }
});
