import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

// The reference's union page, "union isfuzzy" examples: three views, two matched by View*.
const VIEWS =
  'let View_1 = view () { print x=1 };\nlet View_2 = view () { print x=1 };\nlet OtherView_1 = view () { print x=1 };\n';

describe('union: a wildcard matches the tables and the let views in scope', () => {
  test('isfuzzy=true View*, SomeView*, OtherView* unions the three views (reference: count 3)', () => {
    assert.deepEqual(run(`${VIEWS}union isfuzzy=true View*, SomeView*, OtherView*\n| summarize count()`).rows, [[3]]);
  });

  test('withsource names each leg by the view it read, in declaration order', () => {
    const r = run(`${VIEWS}union isfuzzy=true withsource=TableName View*, SomeView*, OtherView*`);
    assert.deepEqual(r.columns, ['TableName', 'x']);
    assert.deepEqual(r.types, ['string', 'long']);
    assert.deepEqual(r.rows, [
      ['View_1', 1],
      ['View_2', 1],
      ['OtherView_1', 1],
    ]);
  });

  test('without isfuzzy a wildcard matching nothing is still an error', () => {
    assert.throws(() => run(`${VIEWS}union withsource=TableName View*, SomeView*, OtherView*`), /SomeView\*/);
    assert.deepEqual(run(`${VIEWS}union View*, OtherView* | count`).rows, [[3]]);
  });

  test('views of one name and different types give x_long and x_int, as the reference unions View_1, View_2', () => {
    const two = 'let View_1 = view () { print x=1 };\nlet View_2 = view () { print x=toint(2) };\n';
    const explicit = run(`${two}union withsource=TableName View_1, View_2`);
    const wild = run(`${two}union withsource=TableName View*`);
    assert.deepEqual(wild.columns, ['TableName', 'x_long', 'x_int']);
    assert.deepEqual(wild.columns, explicit.columns);
    assert.deepEqual(wild.rows, explicit.rows);
    assert.deepEqual(wild.rows, [
      ['View_1', 1, null],
      ['View_2', null, 2],
    ]);
  });

  test('a wildcard matching a table and a view reads both; one matching several tables reads each', () => {
    const r = run('let Tx = view () { print Computer="zz" };\nunion withsource=S T* | summarize n = count() by S');
    assert.deepEqual(r.rows, [
      ['T', 5],
      ['Tx', 1],
    ]);
    assert.deepEqual(run('union withsource=S * | summarize count() by S').rows, [
      ['T', 5],
      ['Machines', 3],
    ]);
    const inner = run('let Tx = view () { print Computer="zz" };\nunion kind=inner T* | distinct Computer | count');
    assert.deepEqual(inner.rows, [[4]]);
  });

  test('only views match: a parameterised function, a () function and a tabular let do not', () => {
    assert.deepEqual(
      run('let f1 = (a:long) { print x=a };\nlet f2 = view () { print x=1 };\nunion withsource=S f*').rows,
      [['f2', 1]],
    );
    assert.throws(() => run('let g1 = () { print x=1 };\nunion g*'), /g\*/);
    assert.throws(() => run('let h1 = datatable(a:int)[1];\nunion h*'), /h\*/);
  });

  test('what a restrict statement hides is not matched; matching only that is as matching nothing', () => {
    const hidden = 'let A1 = view () { print x=1 };\nlet A2 = view () { print x=2 };\n';
    assert.deepEqual(run(`${hidden}restrict access to (A1);\nunion A*`).rows, [[1]]);
    assert.throws(() => run(`${hidden}restrict access to (Machines);\nunion A*, Machines`), /A\*/);
    assert.deepEqual(run(`${hidden}restrict access to (Machines);\nunion isfuzzy=true A*, Machines | count`).rows, [
      [3],
    ]);
  });
});
