import assert from 'node:assert/strict';
import { test } from 'node:test';
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

test('Pick Machines on 2,000 machines with quotes, unicode and control characters: a valid dynamic([...]) that reads back as picked', () => {
  const odd = ["o'brien", "'single'", 'Ωmega-ü-服务器', 'emoji-🖥️', 'nul\0x', 'sep\u2028x', 'ctl\u0001x', 'cr\rx'];
  const fleet = Array.from({ length: 2_000 }, (_, i) => odd[i % odd.length]! + `-${i}`);
  const text = withComputers(cell, fleet);
  // Read back as the names picked (before: a name with a NUL read back escaped, so reopening the pick
  // did not tick it).
  assert.deepEqual(computersOf(text), fleet);
  // One literal per name, on one line: the engine reads the same 2,000 strings.
  assert.equal(text.split('\n').length, 2);
  const r = runLocalQuery(ws.database, `${text}\nprint n = array_length(Computers), v = Computers`, {
    nowMs: NOW.getTime(),
  });
  assert.deepEqual(r.tables[0]!.rows[0], [fleet.length, fleet]);
});
