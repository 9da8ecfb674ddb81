import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { computersOf, withComputers } from '../../src/notebook';
import { NOW, ws } from '../seed-queries/workspace';

const cell = 'let TimeRange = 24h;\nlet Computers = dynamic(["*"]);';

test('picking machines rewrites only the Computers list, and "*" or nothing means all machines', () => {
  assert.deepEqual(computersOf(cell), ['*']);
  const picked = withComputers(cell, ['web-01', 'sql-02']);
  assert.equal(picked, 'let TimeRange = 24h;\nlet Computers = dynamic(["web-01", "sql-02"]);');
  assert.deepEqual(computersOf(picked), ['web-01', 'sql-02']);
  assert.equal(withComputers(picked, []), cell);
  assert.equal(withComputers('let TimeRange = 1h;', ['a']), 'let TimeRange = 1h;\nlet Computers = dynamic(["a"]);');
});

test('hostile machine names stay one string each, in the text and in the engine', () => {
  const hostile = ['a"b', 'back\\slash', 'pipe | take 1', 'new\nline', '"]); print 1; //'];
  const text = withComputers(cell, hostile);
  assert.deepEqual(computersOf(text), hostile);
  const r = runLocalQuery(ws.database, `${text}\nprint n = array_length(Computers), v = Computers`, {
    nowMs: NOW.getTime(),
  });
  assert.deepEqual(r.tables[0]!.rows[0], [hostile.length, hostile]);
});
