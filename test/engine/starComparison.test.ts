/**
 * `where * has "x"`: a string operator over every column of the row, true when any column's value
 * matches (the union page's `union K* | where * has "Kusto"`, the where page's `where * has "cow"`).
 * The search page equates `search "err"` with `where * has "err"`, `"err*"` with `* hasprefix`, `"*err"`
 * with `* hassuffix` and `"*err*"` with `* contains`; the engine answers both alike.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

const K_VIEWS = `let K1 = view () { datatable(Name:string, Note:string)["Kusto", "a", "b", "Kusto rocks", "c", "d"] };
let K2 = view () { datatable(Id:long, Text:string)[1, "about kusto", 2, "Kustonaut"] };
let Other = view () { datatable(Name:string)["Kusto"] };
`;

describe('where * <string operator>: any column of the row', () => {
  test('the union page: union K* | where * has "Kusto" reads the K views, any column, case-insensitively', () => {
    const r = run(`${K_VIEWS}union withsource=S K* | where * has "Kusto" | project S`);
    assert.deepEqual(r.rows, [['K1'], ['K1'], ['K2']]);
  });

  test('the where page: where * has "cow" finds the word in any column, a non-string one too', () => {
    assert.deepEqual(run('T | where * has "web01" | count').rows, [[2]]);
    assert.deepEqual(run('T | where * has "300" | project Computer').rows, [['db01']]);
    assert.deepEqual(run('T | where * has "nothing-here" | count').rows, [[0]]);
  });

  test('as the search page equates them: has, hasprefix, hassuffix and contains give what search gives', () => {
    for (const [term, op, needle] of [
      ['bound', 'has', 'bound'],
      ['out*', 'hasprefix', 'out'],
      ['*01', 'hassuffix', '01'],
      ['*eb*', 'contains', 'eb'],
    ] as const) {
      assert.deepEqual(
        run(`T | where * ${op} "${needle}" | project Computer, BytesSent`).rows,
        run(`T | search "${term}" | project Computer, BytesSent`).rows,
        op,
      );
    }
  });

  test('case-sensitive operators, ==, =~ and matches regex', () => {
    assert.deepEqual(run('T | where * has_cs "WEB01" | count').rows, [[0]]);
    assert.deepEqual(run('T | where * has_cs "web01" | count').rows, [[2]]);
    assert.deepEqual(run('T | where * == "db01" | count').rows, [[2]]);
    assert.deepEqual(run('T | where * =~ "DB01" | count').rows, [[2]]);
    assert.deepEqual(run('T | where * startswith "in" | count').rows, [[2]]);
    assert.deepEqual(run('T | where * matches regex "^web0[12]$" | count').rows, [[3]]);
  });

  test('a term in a let, and * has beside other predicates', () => {
    assert.deepEqual(run('let w = "web01"; T | where * has w | count').rows, [[2]]);
    assert.deepEqual(run('T | where * has "outbound" and BytesSent > 150 | project Computer').rows, [['db01']]);
    assert.deepEqual(run('T | where * has "web02" or * has "db01" | count').rows, [[3]]);
  });

  test('hostile: a term with wildcards is matched as written; an empty table; the negated and non-constant forms are refused', () => {
    // `*` inside the term is a character here, not search's wildcard.
    assert.deepEqual(run('T | where * has "web*" | count').rows, [[0]]);
    assert.deepEqual(run('T | take 0 | where * has "x" | count').rows, [[0]]);
    // Only the row's columns: what a project dropped is not searched, even after the optimizer's rewrites.
    assert.deepEqual(run('T | project Computer | where * has "300" | count').rows, [[0]]);
    assert.deepEqual(run('T | project Computer, BytesSent | where * has "300" | project Computer').rows, [['db01']]);
    assert.throws(() => run('T | where * !has "web01"'), /\* !has/);
    assert.throws(() => run('T | where * has Computer'), /constant string/);
    assert.throws(() => run('T | where * == 5'), /constant string/);
  });
});
