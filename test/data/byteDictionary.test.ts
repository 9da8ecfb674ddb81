import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteDictionary } from '../../src/data/loaders/byteDictionary';
import { StringAppender } from '../../src/data/loaders/stringAppender';

const bytes = (s: string) => Buffer.from(s, 'utf8');

test('bytes seen before give their code; other bytes, other lengths and a prefix give none', () => {
  const d = new ByteDictionary();
  const row = bytes('web-01,db-01,web-01x');
  assert.equal(d.find(row, 0, 6), -1);
  d.add(row, 0, 6, 7);
  assert.equal(d.find(row, 0, 6), 7);
  assert.equal(d.find(row, 7, 12), -1);
  assert.equal(d.find(row, 13, 19), 7, 'the same bytes elsewhere in the buffer');
  assert.equal(d.find(row, 13, 20), -1, 'longer');
  assert.equal(d.find(row, 0, 5), -1, 'a prefix');
});

test('thousands of entries survive the table growing and colliding slots', () => {
  const d = new ByteDictionary();
  for (let i = 0; i < 3000; i++) {
    const b = bytes(`10.0.${i >> 8}.${i & 255}`);
    assert.equal(d.find(b, 0, b.length), -1);
    d.add(b, 0, b.length, i);
  }
  for (let i = 0; i < 3000; i++) {
    const b = bytes(`10.0.${i >> 8}.${i & 255}`);
    assert.equal(d.find(b, 0, b.length), i);
  }
});

test('a column of distinct values stops taking entries; what it holds is still found', () => {
  const d = new ByteDictionary();
  const first = bytes('kept');
  d.add(first, 0, first.length, 0);
  for (let i = 1; i < 10_000; i++) {
    const b = bytes(`id-${i}`);
    d.find(b, 0, b.length);
    d.add(b, 0, b.length, i);
  }
  const late = bytes('id-9999');
  assert.equal(d.find(late, 0, late.length), -1, 'distinct values kept growing the table');
  assert.equal(d.find(first, 0, first.length), 0);
});

test("a string column's codes and dictionary are those of decoding every cell, bad UTF-8 warned on every row", () => {
  const cells = ['web-01', 'db-01', 'web-01', '', 'Ünïcode', 'db-01', 'Ünïcode', 'web-01'];
  const a = new StringAppender('string');
  const buf = Buffer.concat(cells.map((c) => bytes(`${c},`)));
  let at = 0;
  for (const c of cells) {
    const len = Buffer.byteLength(c);
    assert.equal(a.appendBytes(buf, at, at + len, 0), 0);
    at += len + 1;
  }
  const col = a.takeChunk();
  assert.deepEqual(
    Array.from(col.kind === 'string' ? col.codes : []).map((k) => (col.kind === 'string' ? col.dict[k] : '')),
    cells,
  );
  // Invalid UTF-8 (a lone continuation byte), twice: each row is kept with its warning, not only the first.
  const bad = Buffer.from([0x61, 0x80, 0x62]);
  const b = new StringAppender('string');
  assert.notEqual(b.appendBytes(bad, 0, 3, 0), 0);
  assert.notEqual(b.appendBytes(bad, 0, 3, 0), 0, 'the second bad row passed unwarned');
  assert.match(b.reason, /invalid UTF-8/);
});

test('add says whether it kept the bytes: a dynamic column keeps a parsed copy only of those', () => {
  const d = new ByteDictionary();
  const first = bytes('[]');
  assert.equal(d.add(first, 0, first.length, 0), true);
  let kept = 0;
  for (let i = 1; i < 10_000; i++) {
    const b = bytes(`{"id":${i}}`);
    d.find(b, 0, b.length);
    kept += d.add(b, 0, b.length, i) ? 1 : 0;
  }
  assert.ok(kept < 5000, `a column of distinct values kept ${kept} of 9,999`);
  const long = bytes('x'.repeat(300));
  assert.equal(new ByteDictionary().add(long, 0, long.length, 0), false, 'a cell past 256 bytes');
});
