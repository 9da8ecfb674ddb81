/**
 * UTF-16 files stream as UTF-8 ones do (utf16Stream.ts): transcoded a piece at a time, under the record
 * limit, with the same positions in their problems as their UTF-8 twins; and the hostile ones (an odd
 * byte, a lone surrogate, no byte order mark, big-endian, a mark in the middle) each say what they are.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { loadDataFile } from '../../src/data/loaders';
import { readContent, readWindows } from '../../src/data/loaders/fileBytes';
import { setRecordLimit } from '../../src/data/loaders/recordLimit';
import { Utf16ToUtf8, utf16Start } from '../../src/data/loaders/utf16Stream';

function file(name: string, content: string | Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-utf16-')), name);
  fs.writeFileSync(f, content);
  return f;
}

const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);
const le = (s: string) => Buffer.from(s, 'utf16le');
const be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf16le = (s: string) => Buffer.concat([BOM_LE, le(s)]);
const utf16be = (s: string) => Buffer.concat([BOM_BE, be(s)]);

const rowsOf = (table: { rows(): unknown[][] }) =>
  table.rows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

/** The table and notes of `content` in a file `name`, the file's path in the notes made `F`. */
function load(name: string, content: string | Buffer) {
  const f = file(name, content);
  const { table, notes } = loadDataFile(f);
  fs.rmSync(path.dirname(f), { recursive: true, force: true });
  return {
    rows: rowsOf(table),
    columns: table.schema.map((c) => `${c.name}:${c.type}`),
    notes: notes.map((n) => n.split(f).join('F')),
  };
}

function withLimit<T>(bytes: number, body: () => T): T {
  const before = setRecordLimit(bytes);
  try {
    return body();
  } finally {
    setRecordLimit(before);
  }
}

/** All of `pieces` through one transcoder, as one buffer; an odd byte left at the end is 'odd'. */
function transcode(order: 'le' | 'be', skip: number, pieces: Buffer[]): Buffer | 'odd' {
  const t = new Utf16ToUtf8(order, skip);
  const out = pieces.map((p) => t.push(Buffer.from(p)));
  const { tail, oddByte } = t.finish();
  return oddByte ? 'odd' : Buffer.concat([...out, tail]);
}

const tricky = 'a,ü\n😀 "x" 𝄞,\uFEFF€\r\nend';

test('a code unit or surrogate pair cut at any byte between pieces decodes as if whole, in both byte orders', () => {
  for (const [order, bytes] of [
    ['le', utf16le(tricky)],
    ['be', utf16be(tricky)],
  ] as const) {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const got = transcode(order, 2, [bytes.subarray(0, cut), bytes.subarray(cut)]);
      assert.deepEqual(got, Buffer.from(tricky), `${order}, cut at ${cut}`);
    }
    // A byte at a time: every unit and pair split.
    const single = [...bytes].map((b) => Buffer.from([b]));
    assert.deepEqual(transcode(order, 2, single), Buffer.from(tricky));
  }
});

test('a lone surrogate becomes one byte that is not UTF-8 (0xFF), never a silent U+FFFD; an odd last byte is told', () => {
  const units = (...u: number[]) => Buffer.from(Uint16Array.from(u).buffer);
  // A lone high, a lone low, a high at the very end; a good pair kept.
  assert.deepEqual(
    transcode('le', 0, [units(0x41, 0xd800, 0x42, 0xdc00, 0xd83d, 0xde00, 0xdbff)]),
    Buffer.from([0x41, 0xff, 0x42, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0xff]),
  );
  assert.equal(transcode('le', 0, [le('abc'), Buffer.from([0x41])]), 'odd');
  const t = new Utf16ToUtf8('le', 0);
  t.push(le('ab\ncd\nef'));
  assert.deepEqual([t.line, t.column], [3, 3]);
});

test('UTF-16 is told by its byte order mark, or without one by NULs in a quarter of its high bytes and few in its low ones; UTF-8 is not', () => {
  assert.deepEqual(utf16Start(BOM_LE), { order: 'le', skip: 2 });
  assert.deepEqual(utf16Start(BOM_BE), { order: 'be', skip: 2 });
  assert.deepEqual(utf16Start(le('Ti')), { order: 'le', skip: 0 });
  assert.deepEqual(utf16Start(be('Ti')), { order: 'be', skip: 0 });
  // A header of CJK names: its commas and line end have a NUL high byte, its letters not.
  assert.deepEqual(utf16Start(le('名前,値,時刻,計算機\n')), { order: 'le', skip: 0 });
  assert.deepEqual(utf16Start(be('名前,値,時刻,計算機\n')), { order: 'be', skip: 0 });
  // Units with a NUL low byte (U+4E00, U+0100, half of 😀) among ASCII.
  assert.deepEqual(utf16Start(le('Name,Wert\n一,Ā😀\n')), { order: 'le', skip: 0 });
  for (const s of ['Ti', 'T', '[{', '\uFEFFTi', 'ü,', '名前,値\n']) {
    assert.equal(utf16Start(Buffer.from(s)), undefined, s);
  }
  // UTF-32 LE (NULs in both halves of its units) is not taken for UTF-16, nor CJK alone (no NUL to tell it by).
  assert.equal(utf16Start(Buffer.from([0x54, 0, 0, 0, 0x69, 0, 0, 0])), undefined);
  assert.equal(utf16Start(le('名前値時刻')), undefined);
});

const csv = 'TimeGenerated,Computer,Val\r\n2026-12-01T00:00:00Z,café-01,1\r\n2026-12-01T01:00:00Z,"b, ""x"" 😀",2\r\n';

test('a UTF-16 file without a byte order mark (LE and BE) loads as its UTF-8 twin does', () => {
  const twin = load('T.csv', csv);
  assert.equal(twin.rows.length, 2);
  assert.deepEqual(load('T.csv', le(csv)), twin);
  assert.deepEqual(load('T.csv', be(csv)), twin);
  const cjk = '名前,値\r\n東京,1\r\n';
  assert.deepEqual(load('T.csv', le(cjk)), load('T.csv', cjk));
  const jsonl = '{"a":"ü","n":1}\n{"a":"z","n":2}\n';
  assert.deepEqual(load('T.jsonl', be(jsonl)), load('T.jsonl', jsonl));
  assert.deepEqual(load('T.json', le(`[${jsonl.trim().split('\n').join(',')}]`)).rows, [
    ['ü', 1],
    ['z', 2],
  ]);
});

/** A CSV of `rows` records (some with pairs and non-ASCII letters), a broken record near its end. */
function bigCsv(rows: number): string {
  const lines = ['TimeGenerated,Computer,Note,N'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2026-12-01T00:00:${String(i % 60).padStart(2, '0')}Z,vm-${i % 97},"über 😀 ${i}, ""q""",${i}`);
  }
  lines.splice(rows - 3, 0, '2026-12-01T00:00:00Z,vm-x,"broken"x,1');
  return `${lines.join('\n')}\n`;
}

test('a UTF-16 file of many windows (LE, BE, gzipped) loads as its UTF-8 twin, its problem at the same line and column', () => {
  // About 9 MB of UTF-16: more than one window and many raw pieces, pairs cut between them.
  const text = bigCsv(80_000);
  const twin = load('T.csv', text);
  assert.equal(twin.rows.length, 80_000);
  assert.match(twin.notes.join('\n'), /F:79998:35: text after the closing quote/);
  assert.deepEqual(load('T.csv', utf16le(text)), twin);
  assert.deepEqual(load('T.csv', utf16be(text)), twin);
  const gz = load('T.csv.gz', zlib.gzipSync(utf16le(text)));
  assert.deepEqual(gz, load('T.csv.gz', zlib.gzipSync(text)));
});

test('a UTF-16 file is read a window at a time, never whole (the windows stay near 8 MB for a 40 MB file)', () => {
  const line = `${'x'.repeat(60)},😀 ü\n`;
  const f = file('T.csv', utf16le(line.repeat(Math.ceil((20 << 20) / line.length))));
  let largest = 0;
  let total = 0;
  let read = 0;
  readWindows(
    f,
    (_buf, from, to) => {
      largest = Math.max(largest, to - from);
      total += to - from;
      return to;
    },
    (n) => {
      read += n;
    },
  );
  const size = fs.statSync(f).size;
  // 40 MB: not left in the temporary folder.
  fs.rmSync(path.dirname(f), { recursive: true, force: true });
  assert.ok(largest <= 8 << 20, `largest window ${largest}`);
  assert.equal(total, Buffer.byteLength(line) * Math.ceil((20 << 20) / line.length));
  // Progress counts the file's own bytes (its mark included).
  assert.equal(read, size);
});

test('an odd byte count: a plain file is refused at the file before loading; a gzipped one at its end, where the half character is', () => {
  const plain = load('T.csv', Buffer.concat([utf16le(csv), Buffer.from([0x41])]));
  assert.equal(plain.rows.length, 0);
  assert.match(
    plain.notes.join('\n'),
    /F:1:1: the UTF-16 LE file \(it starts with a byte order mark\) has an odd number of bytes/,
  );
  const gz = load('T.csv.gz', zlib.gzipSync(Buffer.concat([utf16le(`${csv}tail`), Buffer.from([0x41])])));
  assert.equal(gz.rows.length, 0);
  assert.match(
    gz.notes.join('\n'),
    /F:4:5: the UTF-16 LE file \(it starts with a byte order mark\) ends in half a character/,
  );
  const noMark = load('T.jsonl', Buffer.concat([le('{"a":1}\n'), Buffer.from([0x41])]));
  assert.match(
    noMark.notes.join('\n'),
    /F:1:1: the UTF-16 LE file \(it has no byte order mark; recognised by its NUL bytes\) has an odd number of bytes/,
  );
});

test('a lone surrogate is a problem at its line and column, as invalid UTF-8 is in a UTF-8 file (CSV: kept as U+FFFD; JSON Lines: the line skipped)', () => {
  const lone = '\uD800';
  const bad = `Computer,Note\na,ok\nb,xy${lone}z\n`;
  const utf16 = load('T.csv', utf16le(bad));
  const twin = load('T.csv', Buffer.from(`Computer,Note\na,ok\nb,xy\xffz\n`, 'latin1'));
  assert.deepEqual(utf16, twin);
  assert.deepEqual(utf16.rows[1], ['b', 'xy\uFFFDz']);
  assert.match(utf16.notes.join('\n'), /F:3:5: Note: invalid UTF-8 \(kept as U\+FFFD\)/);
  const jsonl = load('T.jsonl', utf16be(`{"a":"ok"}\n{"a":"x${lone}"}\n{"a":"z"}\n`));
  assert.deepEqual(jsonl.rows, [['ok'], ['z']]);
  assert.deepEqual(jsonl.notes, ['F:2:8: the line is not valid UTF-8 (record skipped)']);
});

test('a byte order mark in the middle (two exports concatenated) is read as in a UTF-8 file with one there', () => {
  const second = '2026-12-02T00:00:00Z,late,3\r\n';
  const utf16 = load('T.csv', Buffer.concat([utf16le(csv), utf16le(second)]));
  const twin = load('T.csv', `\uFEFF${csv}\uFEFF${second}`);
  assert.deepEqual(utf16, twin);
  const lines = ['{"a":1}\n', '{"a":2}\n'];
  const jsonl = load('T.jsonl', Buffer.concat(lines.map(utf16le)));
  assert.deepEqual(jsonl, load('T.jsonl', lines.map((l) => `\uFEFF${l}`).join('')));
  assert.deepEqual(jsonl.rows, [[1], [2]]);
});

test('the record limit holds for UTF-16 as for UTF-8: the same records skipped, at the same lines (CSV, JSON Lines, gzipped)', () => {
  const csvText = [
    'Computer,Note,N',
    'a,plain,1',
    `b,"${'x,""y""\n'.repeat(400)}",2`,
    'c,after,3',
    'd,"broken"x,4',
    '',
  ].join('\n');
  const jsonlText = [
    JSON.stringify({ C: 'a' }),
    JSON.stringify({ C: '😀'.repeat(2000) }),
    JSON.stringify({ C: 'c' }),
    '{"C": "bad"',
    '',
  ].join('\n');
  for (const [name, text] of [
    ['T.csv', csvText],
    ['T.jsonl', jsonlText],
  ] as const) {
    const twin = withLimit(1000, () => load(name, text));
    assert.match(twin.notes[0]!, /F:[23]:1: the (record|line) is longer than 1,000 bytes/);
    assert.deepEqual(
      withLimit(1000, () => load(name, utf16le(text))),
      twin,
    );
    assert.deepEqual(
      withLimit(1000, () => load(`${name}.gz`, zlib.gzipSync(utf16be(text)))),
      withLimit(1000, () => load(`${name}.gz`, zlib.gzipSync(text))),
    );
  }
});

/** The problem that loading `content` as `name` throws, the file's path made `F`. */
function refusal(name: string, content: string | Buffer): string {
  const f = file(name, content);
  try {
    loadDataFile(f);
  } catch (e) {
    return (e as Error).message.split(f).join('F');
  } finally {
    fs.rmSync(path.dirname(f), { recursive: true, force: true });
  }
  return 'loaded';
}

test('a JSON document in UTF-16 past the record limit is refused at the record, as in UTF-8; read whole, it is transcoded in pieces', () => {
  const doc = `[\n{"C": "a"},\n{"C": "${'ü'.repeat(3000)}"},\n{"C": "c"}\n]`;
  const twin = withLimit(1000, () => refusal('T.json', doc));
  assert.match(twin, /^F:3:7: a string is longer than 1,000 bytes/);
  assert.equal(
    withLimit(1000, () => refusal('T.json', utf16le(doc))),
    twin,
  );
  assert.equal(
    withLimit(1000, () => refusal('T.json.gz', zlib.gzipSync(utf16be(doc)))),
    twin,
  );
  assert.deepEqual(readContent(file('T.json', utf16be(doc))).plain, Buffer.from(doc));
  assert.deepEqual(readContent(file('T.json.gz', zlib.gzipSync(le(doc)))).plain, Buffer.from(doc));
});

test('a UTF-16 file of only its byte order mark is an empty file, as an empty UTF-8 one is', () => {
  const empty = refusal('T.csv', '');
  assert.match(empty, /^F:1:1: the file is empty/);
  assert.equal(refusal('T.csv', BOM_LE), empty);
  assert.equal(refusal('T.csv', BOM_BE), empty);
  assert.equal(refusal('T.jsonl', BOM_LE), refusal('T.jsonl', ''));
});
