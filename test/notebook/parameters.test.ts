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
  // Lines of at most 100 characters (before: one line of ~30 KB in the cell), each literal whole on
  // its line: the engine reads the same 2,000 strings.
  const lines = text.split('\n');
  assert.ok(lines.length > 100, `${lines.length} lines`);
  assert.ok(
    lines.every((l) => l.length <= 100 || !l.includes('", "')),
    'a line holds several names only while it fits in 100 characters',
  );
  assert.equal(lines[1], 'let Computers = dynamic([');
  assert.equal(lines.at(-1), ']);');
  const r = runLocalQuery(ws.database, `${text}\nprint n = array_length(Computers), v = Computers`, {
    nowMs: NOW.getTime(),
  });
  assert.deepEqual(r.tables[0]!.rows[0], [fleet.length, fleet]);
});

test('a short pick stays on one line; a long one wraps at 100 characters and is rewritten in place by the next pick', () => {
  const fleet = Array.from({ length: 300 }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
  const long = withComputers(cell, fleet);
  assert.deepEqual(
    long.split('\n').map((l) => l.length <= 100),
    long.split('\n').map(() => true),
  );
  assert.match(long, /^let TimeRange = 24h;\nlet Computers = dynamic\(\[\n {4}"vm-0000", "vm-0001",/);
  assert.deepEqual(computersOf(long), fleet);
  // The next pick replaces the whole multi-line list, and the text after it stays.
  const after = `${long}\nlet Directions = dynamic(["*"]);`;
  assert.equal(withComputers(after, ['a']), `${cell.replace('"*"', '"a"')}\nlet Directions = dynamic(["*"]);`);
  const r = runLocalQuery(ws.database, `${long}\nprint n = array_length(Computers)`, { nowMs: NOW.getTime() });
  assert.deepEqual(r.tables[0]!.rows[0], [300]);
});
