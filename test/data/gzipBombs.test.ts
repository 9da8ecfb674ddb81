/**
 * Gunzipping a step at a time: the content is the same as one-call gunzip's (several gzip members, a
 * member ending at a step's edge), and a bomb is refused within a few stretches of 64 MB of where its
 * expansion begins, even behind a head of real rows that passes the head's check.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { loadDataFile } from '../../src/data/loaders';
import { gunzipSteps } from '../../src/data/loaders/gunzipSteps';
import { MAX_INFLATE_RATIO } from '../../src/data/loaders/plainBytes';

function file(name: string, content: Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-gzsteps-')), name);
  fs.writeFileSync(f, content);
  return f;
}

/** `count` CSV rows that compress about as real exports do (a few times to a few tens of times). */
function rows(count: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + count; i++) {
    s += `${new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString()},vm-${(i * 7919) % 113},${(i * 104729) % 100003}\n`;
  }
  return s;
}

test('the content gunzipped in steps is gunzipSync’s, over several members and members ending at a step’s edge', () => {
  const a = zlib.gzipSync(`TimeGenerated,Computer,Val\n${rows(40000)}`);
  const b = zlib.gzipSync(rows(30000, 40000));
  // A first member of exactly one step (64 KB) of compressed bytes: the second starts the next step.
  const stored = zlib.gzipSync(Buffer.alloc(65536 - 18 - 5 - 1, 0x41), { level: 0 });
  for (const compressed of [a, Buffer.concat([a, b]), Buffer.concat([stored.subarray(0, 65536), a, b])]) {
    const expected = zlib.gunzipSync(compressed);
    let steps = 0;
    const got = gunzipSteps(compressed, Number.POSITIVE_INFINITY, () => steps++);
    assert.equal(got.cut, false);
    assert.ok(got.plain.equals(expected), 'same content');
    assert.ok(steps >= Math.floor(compressed.length / 65536), 'inflated in steps');
  }
});

test('a gzip bomb behind a head of real rows is refused within about 200 MB of where it begins, not at the whole file’s ratio', () => {
  const head = zlib.gzipSync(`TimeGenerated,Computer,Val\n${rows(200000)}`);
  // 64 MB of one repeated row per member, about 1,000-fold; 32 of them would inflate to 2 GB.
  const row = '2026-12-01T00:00:00Z,vm-1,1\n';
  const member = zlib.gzipSync(row.repeat(Math.floor((64 << 20) / row.length)), { level: 9 });
  const compressed = Buffer.concat([head, ...Array.from({ length: 32 }, () => member)]);
  assert.ok(compressed.length * MAX_INFLATE_RATIO > 2 * (64 << 20) * 8, 'the file as a whole may inflate to gigabytes');
  const f = file('T.csv.gz', compressed);
  const { table, notes } = loadDataFile(f);
  assert.equal(table.rowCount, 0);
  assert.match(
    notes[0]!,
    /T\.csv\.gz:1:1: the compressed file inflates to more than 64 MB from 0\.\d MB, after its first \d+ MB of content \(over 200 times its size, more than any export compresses\): not loaded, as it may be a decompression bomb/,
  );
  // The stretch refused starts at most one stretch (64 MB, which the head's ratio dilutes) and one
  // step's output (at most ~66 MB) past the head: it ends at most 64 MB and a step later.
  const after = Number(/after its first (\d+) MB/.exec(notes[0]!)![1]);
  const headMb = zlib.gunzipSync(head).length / (1 << 20);
  assert.ok(after <= headMb + 64 + 67, `refused after ${after} MB (head ${headMb.toFixed(1)} MB)`);
});

test('a .gz cut inside a member gives what it holds up to the cut, as cut', () => {
  const compressed = zlib.gzipSync(`TimeGenerated,Computer,Val\n${rows(50000)}`);
  const got = gunzipSteps(compressed.subarray(0, compressed.length >> 1), Number.POSITIVE_INFINITY, () => {});
  assert.equal(got.cut, true);
  const whole = zlib.gunzipSync(compressed);
  assert.ok(got.plain.length > 0 && whole.subarray(0, got.plain.length).equals(got.plain));
});
