/**
 * docs/engine-coverage.md's list of what the embedded engine does not run, one query per item: each must stop with
 * an error that names what is missing (so the list stays exact: an item that starts to run fails here
 * and comes off that list).
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './helpers';

const NOT_RUN: readonly (readonly [string, RegExp])[] = [
  ["print d = dynamic({'a':1}) | evaluate bag_unpack(d) | take 1", /bag_unpack without an output schema/],
  ["datatable(k:string, v:long)['a',1] | evaluate pivot(k) | take 1", /pivot without an output schema/],
  ["T | invoke cluster('c').database('d').StoredFunction()", /invoke of/],
  ['T | macro-expand entity_group [T, Machines] as X (X | count)', /macro-expand.*cluster or database/],
  ["print geo_info_from_ip_address('20.53.203.50')", /geo_info_from_ip_address.*GeoLite2-City database.*cannot ship/],
  ['print current_principal()', /current_principal.*caller's Microsoft Entra identity/],
  ["print current_principal_is_member_of('aadgroup=g@contoso.com')", /current_principal_is_member_of.*identity/],
  ['print current_principal_details()', /current_principal_details.*identity/],
  ['print current_cluster_endpoint()', /current_cluster_endpoint.*cluster or database/],
  ["T | where cursor_after('')", /cursor_after.*database cursors/],
  ["T | where cursor_before_or_at('')", /cursor_before_or_at.*database cursors/],
  ['print cursor_current()', /cursor_current.*database cursors/],
];

for (const [query, what] of NOT_RUN) {
  test(`not run yet, and says so: ${query.slice(0, 70)}`, () => {
    assert.throws(
      () => run(query),
      (e: Error) => what.test(e.message) && /not supported/.test(e.message),
    );
  });
}

test('what docs/engine-coverage.md says does run: narrow(), bag_unpack and pivot (without a schema at the end), project-by-names of a let name, basket, autocluster, diffpatterns', () => {
  assert.equal(run('range x from 1 to 3 step 1 | evaluate narrow()').rows.length, 3);
  assert.deepEqual(run("print d = dynamic({'a':1}) | evaluate bag_unpack(d) : (a:long)").rows, [[1]]);
  assert.deepEqual(run("let c = 'Computer'; T | project-by-names c | take 1").rows, [['web01']]);
  assert.equal(run('T | partition by Computer ( take 1 )').rows.length, 3);
  assert.deepEqual(run("print d = dynamic({'a':1}) | evaluate bag_unpack(d)").rows, [[1]]);
  assert.equal(run('T | partition by Computer { T | take 1 }').rows.length, 3);
  assert.equal(run('range x from 1 to 3 step 1 | scan with (step s1 output=last: true;)').rows.length, 1);
  assert.equal(run('range x from 1 to 3 step 1 | extend s = tostring(x % 2) | evaluate basket(0.5)').rows.length, 1);
  assert.equal(run('range x from 1 to 3 step 1 | extend s = tostring(x % 2) | evaluate autocluster()').rows.length, 2);
  const diff =
    "range x from 1 to 4 step 1 | extend s = tostring(x % 2), side = iff(x < 3, 'A', 'B') | evaluate diffpatterns(side, 'A', 'B')";
  assert.equal(run(diff).columns[5], 'PercentDiffAB');
});
