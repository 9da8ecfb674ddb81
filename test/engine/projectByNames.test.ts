/** project-by-names: the columns Kusto.Language binds from constant names, wildcards and arrays of names. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

test('project-by-names keeps the named columns in the order named', () => {
  const r = run('T | project-by-names "Direction", "Computer" | take 1');
  assert.deepEqual(r.columns, ['Direction', 'Computer']);
  assert.deepEqual(r.rows, [['outbound', 'web01']]);
});

test('project-by-names takes wildcards and dynamic arrays of names', () => {
  assert.deepEqual(run('T | project-by-names "Comp*" | take 1').columns, ['Computer']);
  assert.deepEqual(run('T | project-by-names dynamic(["BytesSent", "Computer"]) | take 1').rows, [[100, 'web01']]);
});

test('project-by-names of names the binder cannot resolve is refused with a clear error', () => {
  assert.throws(() => run('T | project-by-names "Nope"'), /project-by-names/);
});

const PEOPLE = "datatable(Name:string, Age:int, City:string, Country:string) ['Peter', 39, 'New York', 'USA']";

test("project-by-names: the reference's examples of names, arrays and patterns", () => {
  assert.deepEqual(run(`${PEOPLE} | project-by-names "Name", "City"`).rows, [['Peter', 'New York']]);
  assert.deepEqual(run(`${PEOPLE} | project-by-names dynamic(["Name", "Country"])`).rows, [['Peter', 'USA']]);
  const pattern = run(`${PEOPLE} | project-by-names "C*"`);
  assert.deepEqual(pattern.columns, ['City', 'Country']);
  assert.deepEqual(pattern.rows, [['New York', 'USA']]);
});

test("project-by-names: the reference's lookup examples, names passed into a function, unknown ones ignored", () => {
  for (const names of ["dynamic(['Country'])", "dynamic(['Country', 'NonExistent'])"]) {
    const r = run(`let LookupTable = ${PEOPLE};
let LookupColumns = (Source:(Name:string), lookup_columns: dynamic) {
    Source
    | lookup LookupTable on Name
    | project-by-names column_names_of(Source), lookup_columns
};
datatable(Name:string, Data:string) ['Peter', 'Source-data']
| invoke LookupColumns(${names})`);
    assert.deepEqual(r.columns, ['Name', 'Data', 'Country']);
    assert.deepEqual(r.rows, [['Peter', 'Source-data', 'USA']]);
  }
});

test('project-by-names of names computed while the query runs is refused as Kusto refuses it, at the name', () => {
  for (const q of [
    "let cols = toscalar(print dynamic(['Computer'])); T | project-by-names cols",
    'T | project-by-names toscalar(print "Computer")',
    'T | project-by-names strcat("Comp", "uter")',
  ]) {
    assert.throws(
      () => run(q),
      (e: Error & { code?: string; start?: number }) =>
        e.code === 'KQL-SEMANTIC' &&
        /Kusto does not accept toscalar\(\)/.test(e.message) &&
        e.start === q.indexOf('project-by-names ') + 'project-by-names '.length,
      q,
    );
  }
});
