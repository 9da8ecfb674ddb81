/**
 * Exports as users have them rather than as the portal writes them on a good day: UTF-16 from Excel,
 * ragged rows, cut-off and hostile gzip files. Each loads what it can and says what it left out where.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { loadDataFile, scanDataFolder } from '../../src/data/loaders';
import { csvParts } from '../../src/data/loaders/csvSplit';
import { MAX_INFLATE_RATIO, MIN_INFLATED_BYTES } from '../../src/data/loaders/plainBytes';

function file(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hostile-'));
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
  return f;
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

const csv = 'TimeGenerated,Computer,Val\r\n2026-12-01T00:00:00Z,café-01,1\r\n2026-12-01T01:00:00Z,"b, ""x""",2\r\n';
const expected = [
  [new Date('2026-12-01T00:00:00Z').getTime(), 'café-01', 1],
  [new Date('2026-12-01T01:00:00Z').getTime(), 'b, "x"', 2],
];
const rowsOf = (table: { rows(): unknown[][] }) =>
  table.rows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

test('a UTF-16 LE CSV with its byte order mark (Excel, the portal) loads as its UTF-8 twin does, types inferred', () => {
  const { table, notes } = loadDataFile(file('T.csv', utf16le(csv)));
  assert.deepEqual(notes, []);
  assert.deepEqual(
    table.schema.map((c) => [c.name, c.type]),
    [
      ['TimeGenerated', 'datetime'],
      ['Computer', 'string'],
      ['Val', 'long'],
    ],
  );
  assert.deepEqual(
    rowsOf(table).map((r) => r.slice(1)),
    expected.map((r) => r.slice(1)),
  );
});

test('UTF-16 BE and gzip-compressed UTF-16 load too; JSON Lines in UTF-16 as well', () => {
  assert.deepEqual(rowsOf(loadDataFile(file('T.csv', utf16be(csv))).table).length, 2);
  assert.deepEqual(rowsOf(loadDataFile(file('T.csv.gz', zlib.gzipSync(utf16le(csv)))).table).length, 2);
  const jsonl = loadDataFile(file('T.jsonl', utf16le('{"a":"ü","n":1}\n{"a":"z","n":2}\n')));
  assert.deepEqual(jsonl.notes, []);
  assert.deepEqual(rowsOf(jsonl.table), [
    ['ü', 1],
    ['z', 2],
  ]);
});

test('a large UTF-16 CSV is never split across threads: its parts would be cut at byte offsets of the UTF-16 text', () => {
  const f = file('T.csv', utf16le(csv));
  const previous = process.env.KQL_LOAD_THREADS;
  process.env.KQL_LOAD_THREADS = '4';
  try {
    assert.equal(csvParts(f, 1 << 30), 1);
  } finally {
    if (previous === undefined) {
      delete process.env.KQL_LOAD_THREADS;
    } else {
      process.env.KQL_LOAD_THREADS = previous;
    }
  }
});

test('a UTF-16 file with an odd number of bytes is an error at the file, not a garbled table', () => {
  const f = file('T.csv', Buffer.concat([utf16le(csv), Buffer.from([0x41])]));
  const { table, notes } = loadDataFile(f);
  assert.equal(table.rowCount, 0);
  assert.match(
    notes.join('\n'),
    /T\.csv:1:1: the UTF-16 LE file \(it starts with a byte order mark\) has an odd number of bytes: it is not whole UTF-16 text/,
  );
});

test("a ragged record is left out of the type inference too, so it cannot turn a numeric column's type into string", () => {
  const { table, notes } = loadDataFile(
    file(
      'T.csv',
      'TimeGenerated,Computer,Val\n2026-12-01T00:00:00Z,a,1\n2026-12-01T00:00:00Z,x,y,z\n2026-12-01T00:00:00Z,b,2\n',
    ),
  );
  assert.equal(table.schema.find((c) => c.name === 'Val')?.type, 'long');
  assert.deepEqual(notes, [
    `${notes[0]!.split(':')[0]}:3:1: the record has 4 fields; the header has 3 columns (record skipped)`,
  ]);
  assert.equal(table.rowCount, 2);
});

test('a cut-off .gz CSV loads the records before the cut and says at which line it ends', () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `2026-12-01T00:00:00Z,m${i},${i}\n`).join('');
  const whole = zlib.gzipSync(`TimeGenerated,Computer,Val\n${rows}`);
  const f = file('T.csv.gz', whole.subarray(0, whole.length >> 1));
  const { table, notes } = loadDataFile(f);
  assert.ok(table.rowCount > 1000 && table.rowCount < 20000, `${table.rowCount} rows`);
  // Every record kept is whole: the last one's value is its own row number, not a cut-off prefix of it.
  const last = table.rows()[table.rowCount - 1]!;
  assert.equal(last[1], `m${Number(last[2])}`);
  assert.equal(Number(last[2]), table.rowCount - 1);
  assert.equal(notes.length, 1);
  assert.equal(
    notes[0],
    `${f}:${table.rowCount + 2}:1: the compressed file ends early, cut off after ${(whole.length >> 1).toLocaleString('en-US')} bytes: the records before this line are loaded, this line and the rest are missing`,
  );
});

test('a cut-off .gz JSON Lines blob keeps its whole records; a cut-off .gz JSON document says where the JSON ends', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"s":"row ${i}"}\n`).join('');
  const whole = zlib.gzipSync(lines);
  const { table, notes } = loadDataFile(file('T.jsonl.gz', whole.subarray(0, whole.length - 40)));
  assert.ok(table.rowCount > 100 && table.rowCount < 5000);
  assert.match(notes[0]!, /T\.jsonl\.gz:\d+:1: the compressed file ends early/);
  const doc = zlib.gzipSync(JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ n: i }))));
  assert.throws(
    () => loadDataFile(file('U.json.gz', doc.subarray(0, doc.length - 40))),
    /U\.json\.gz:1:\d+: invalid JSON: the text ends where a value is expected/,
  );
});

test('a .gz that is not gzip is one clear problem naming the file', () => {
  const dir = path.dirname(file('T.csv.gz', 'TimeGenerated,x\n2026-12-01T00:00:00Z,1\n'));
  const scanned = scanDataFolder(dir);
  assert.equal(scanned.tables.length, 0);
  assert.match(scanned.warnings[0]!, /T\.csv\.gz:1:1: cannot decompress the file: incorrect header check/);
});

/** `header` then `unit` repeated to `bytes`, compressed: deflate packs a repetition about 1,000-fold. */
function bomb(header: string, unit: string, bytes: number): Buffer {
  const body = Buffer.alloc(bytes, unit);
  return zlib.gzipSync(Buffer.concat([Buffer.from(header), body]));
}

test('a gzip bomb of one long line is refused when its head is read, at a bounded size, with why', () => {
  const compressed = bomb('TimeGenerated,Computer\n', '\0', 2 * MIN_INFLATED_BYTES);
  assert.ok(compressed.length * MAX_INFLATE_RATIO < MIN_INFLATED_BYTES, 'the bomb is small');
  const dir = path.dirname(file('T.csv.gz', compressed));
  const scanned = scanDataFolder(dir);
  assert.equal(scanned.tables.length, 0);
  assert.equal(scanned.warnings.length, 1);
  assert.match(
    scanned.warnings[0]!,
    /T\.csv\.gz:1:1: the compressed file inflates to more than 64 MB from 0\.\d MB \(over 200 times its size, more than any export compresses\): not loaded, as it may be a decompression bomb/,
  );
});

test('a gzip bomb of well-formed rows is refused as well, not loaded into gigabytes of columns', () => {
  const compressed = bomb('TimeGenerated,Computer\n', '2026-12-01T00:00:00Z,a\n', 2 * MIN_INFLATED_BYTES);
  assert.ok(compressed.length * MAX_INFLATE_RATIO < 2 * MIN_INFLATED_BYTES, 'the bomb inflates over 200-fold');
  const { table, notes } = loadDataFile(file('T.csv.gz', compressed));
  assert.equal(table.rowCount, 0);
  assert.match(notes[0]!, /may be a decompression bomb/);
});

test('a .gz that inflates as much as real exports do (50-fold) loads', () => {
  const rows = Array.from({ length: 60000 }, (_, i) => `2026-12-01T00:00:00Z,vm-${i % 3},${i % 2}\n`).join('');
  const content = `TimeGenerated,Computer,Val\n${rows}`;
  const compressed = zlib.gzipSync(content);
  assert.ok(content.length / compressed.length > 20);
  const { table, notes } = loadDataFile(file('T.csv.gz', compressed));
  assert.deepEqual(notes, []);
  assert.equal(table.rowCount, 60000);
});

test('a header that names a column twice loads, the second read as Computer1 (as Kusto names a repeated column), with a warning at line 1', () => {
  const f = file('T.csv', 'TimeGenerated,Computer,Computer,Computer1,Val\n2026-12-01T00:00:00Z,a,b,c,1\n');
  const { table, notes } = loadDataFile(f);
  assert.deepEqual(
    table.schema.map((c) => c.name),
    ['TimeGenerated', 'Computer', 'Computer2', 'Computer1', 'Val'],
  );
  assert.deepEqual(rowsOf(table)[0]!.slice(1), ['a', 'b', 'c', 1]);
  assert.deepEqual(notes, [`${f}:1:1: column 3 of the header repeats the name Computer: it is read as Computer2`]);
});
