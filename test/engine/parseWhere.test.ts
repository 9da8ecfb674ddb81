// parse-where: parse's pattern, keeping only the rows it parses (every typed capture converted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainQuery } from '../../src/engine';
import { run, smallDatabase } from './helpers';

const LOG = `datatable(Log: string)[
  "event=start id=1 took=2.5",
  "event=stop id=x took=1",
  "noise",
  "event=stop id=3 took=4"
]`;

test('rows the pattern does not match, or whose typed capture does not convert, are left out', () => {
  const r = run(
    `${LOG} | parse-where Log with "event=" event " id=" id:long " took=" took:real | project event, id, took`,
  );
  assert.deepEqual(r.rows, [
    ['start', 1, 2.5],
    ['stop', 3, 4],
  ]);
  // parse keeps all four, with empty captures where it fails
  assert.equal(run(`${LOG} | parse Log with "event=" event " id=" id:long " took=" took:real`).rows.length, 4);
});

test('kind=regex: the literal parts are regular expressions', () => {
  const r = run(
    `${LOG} | parse-where kind=regex Log with "event=" event:string " id=" id:long ".*" | project event, id`,
  );
  assert.deepEqual(r.rows, [
    ['start', 1],
    ['stop', 3],
  ]);
});

test('kind=relaxed is refused: the reference gives parse-where simple and regex', () => {
  assert.throws(
    () => run(`${LOG} | parse-where kind=relaxed Log with "id=" id:long`),
    /parse-where takes kind=simple or kind=regex/,
  );
});

test('kql --explain tells parse-where from parse', () => {
  const plan = explainQuery("T | parse-where Computer with 'web' n:int", smallDatabase());
  assert.match(plan, /parse-where/);
  assert.doesNotMatch(explainQuery("T | parse Computer with 'web' n:int", smallDatabase()), /parse-where/);
});
