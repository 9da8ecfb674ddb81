/** Loader inputs that used to change data silently or crash: each is now Kusto's answer or a warning with file:line:col. */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadDataFile } from '../../src/data/loaders';
import { Database, executeQuery } from '../../src/engine';

function file(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hardening-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

test('invalid UTF-8 in a CSV field is kept as U+FFFD with a warning at its line and column, not replaced silently', () => {
  const f = file(
    'T.csv',
    Buffer.concat([Buffer.from('name,n\nok,1\nab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd,2\n')]),
  );
  const { table, notes } = loadDataFile(f);
  assert.equal(table.rowCount, 2);
  assert.deepEqual(notes, [`${f}:3:3: name: invalid UTF-8 (kept as U+FFFD): the file is not UTF-8 encoded here`]);
});

test('invalid UTF-8 in a JSON Lines record is a warning with line and column', () => {
  const f = file(
    'T.jsonl',
    Buffer.concat([Buffer.from('{"a":"x"}\n{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
  );
  const { table, notes } = loadDataFile(f);
  assert.equal(table.rowCount, 1);
  assert.deepEqual(notes, [`${f}:2:7: the line is not valid UTF-8 (record skipped)`]);
});

test('2147483648 in an int column and 1e400 in a real column are flagged, not stored wrapped or infinite', () => {
  const f = file('VMBoundPort.csv', 'Computer,Port\na,2147483647\nb,2147483648\nc,-2147483649\n');
  const { table, notes } = loadDataFile(f);
  assert.deepEqual(table.rows(), [['a', 2147483647]]);
  assert.equal(notes.length, 2);
  assert.match(notes[0]!, /VMBoundPort\.csv:3:3: Port: 2147483648 is out of the range of an int/);
  const g = file(
    'T.json',
    JSON.stringify({ tables: [{ name: 'T', columns: [{ name: 'x', type: 'real' }], rows: [[1.5], ['1e400']] }] }),
  );
  const r = loadDataFile(g);
  assert.deepEqual(r.table.rows(), [[1.5]]);
  assert.match(r.notes[0]!, /x: 1e400 is out of the range of a real/);
  const h = file('T2.csv', 'x\n1.5\n1e400\n');
  const inferred = loadDataFile(h);
  assert.deepEqual(inferred.table.rows(), [[1.5]]);
  assert.match(inferred.notes[0]!, /T2\.csv:3:1: x: 1e400 is out of the range of a real/);
});

test('a long beyond 2^53 given as its digits is kept exactly, with no warning', () => {
  const f = file(
    'T.json',
    JSON.stringify({ tables: [{ name: 'T', columns: [{ name: 'x', type: 'long' }], rows: [['9007199254740993']] }] }),
  );
  const { table, notes } = loadDataFile(f);
  assert.equal(table.rowCount, 1);
  assert.equal(String(table.rows()[0]![0]), '9007199254740993');
  assert.deepEqual(notes, []);
});

test("missing JSON keys named constructor or toString are null, not Object's functions", () => {
  const f = file('T.json', JSON.stringify([{ constructor: 'c', toString: 't', n: 1 }, { n: 2 }]));
  const { table } = loadDataFile(f);
  assert.deepEqual(table.rows(), [
    ['c', 't', 1],
    ['', '', 2],
  ]);
  const g = file('T.jsonl', '{"n":1,"constructor":"c"}\n{"n":2}\n');
  assert.deepEqual(loadDataFile(g).table.rows(), [
    [1, 'c'],
    [2, ''],
  ]);
});

test('dynamic cells are bags without a prototype: __proto__ is a plain key', () => {
  const f = file('T.jsonl', '{"d":{"__proto__":{"x":1},"constructor":2}}\n');
  const { table } = loadDataFile(f);
  const r = executeQuery(
    'T | project p = d["__proto__"], x = d.x, c = d.constructor, t = d.toString',
    new Database([table]),
  );
  assert.deepEqual(JSON.parse(JSON.stringify(r.tables[0]!.table.rows())), [[{ x: 1 }, null, 2, null]]);
});

test('a JSON syntax error is reported at its line and column, also deep in a large file', () => {
  const records = Array.from({ length: 500 }, (_, i) => `{"a": ${i}}`);
  records[300] = '{"a": 300 "b": 1}';
  const f = file('T.json', `[\n${records.join(',\n')}\n]`);
  assert.throws(
    () => loadDataFile(f),
    (e: Error) => e.message.startsWith(`${f}:302:11: invalid JSON`),
  );
});

test('a 200,000-deep JSON cell is a warning, not a stack overflow, and the other records load', () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  const csv = file('T.csv', `d,n\n"${deep}",1\n"[1]",2\n`);
  const a = loadDataFile(csv);
  assert.equal(a.table.rowCount, 1);
  assert.match(a.notes[0]!, /T\.csv:2:1002: d: the value is nested more than 1000 levels deep \(record skipped\)/);
  const json = file('T.json', `[{"d": ${deep}, "n": 1}, {"d": [1], "n": 2}]`);
  const b = loadDataFile(json);
  assert.deepEqual(b.table.rows(), [[[1], 2]]);
  assert.match(b.notes[0]!, /T\.json:1:2: d: a value nested more than 1000 levels deep/);
  const jsonl = file('T.jsonl', `{"d": ${deep}}\n{"d": 5}\n`);
  const c = loadDataFile(jsonl);
  assert.deepEqual(c.table.rows(), [['5']]);
  assert.match(c.notes[0]!, /T\.jsonl:1: d: a value nested more than 1000 levels deep \(record skipped\)/);
});
