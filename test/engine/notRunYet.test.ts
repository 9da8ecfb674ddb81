/**
 * The README's list of what the embedded engine does not run, one query per item: each must stop with
 * an error that names what is missing (so the list stays exact: an item that starts to run fails here
 * and comes off the README).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

const NOT_RUN: readonly (readonly [string, RegExp])[] = [
  ['range x from 1 to 3 step 1 | evaluate autocluster()', /autocluster/],
  ["print d = dynamic({'a':1}) | evaluate bag_unpack(d)", /bag_unpack without an output schema/],
  ["datatable(k:string, v:long)['a',1] | evaluate pivot(k)", /pivot without an output schema/],
  [
    'range x from 1 to 5 step 1 | scan with_match_id=m declare (s:long) with (step s1 output=last: x > 0 => s = s1.s + x;)',
    /output=last/,
  ],
  ['T | partition by Computer { T | take 1 }', /partition with a \{ subquery with its own source \}/],
  ["T | invoke cluster('c').database('d').StoredFunction()", /invoke of/],
  [
    "print geo_polygon_to_s2cells(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}), 8)",
    /geo_polygon_to_s2cells/,
  ],
];

for (const [query, what] of NOT_RUN) {
  test(`not run yet, and says so: ${query.slice(0, 70)}`, () => {
    assert.throws(
      () => run(query),
      (e: Error) => what.test(e.message) && /not supported/.test(e.message),
    );
  });
}

test('what the README says does run: narrow(), bag_unpack and pivot with a schema, project-by-names of a let name', () => {
  assert.equal(run('range x from 1 to 3 step 1 | evaluate narrow()').rows.length, 3);
  assert.deepEqual(run("print d = dynamic({'a':1}) | evaluate bag_unpack(d) : (a:long)").rows, [[1]]);
  assert.deepEqual(run("let c = 'Computer'; T | project-by-names c | take 1").rows, [['web01']]);
  assert.equal(run('T | partition by Computer ( take 1 )').rows.length, 3);
});
