/**
 * The record limit (recordLimit.ts), set low so the files stay small: a record past it is a warning at
 * its file:line and left out while the file is read, and the records after it still load (CSV, JSON
 * Lines, each plain and gzipped); a JSON document is refused with why; a Parquet page past it leaves its
 * row group out. Lines past the window (8 MB) are streamed: they are skipped without being held whole.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadDataFile, loadDataFileAsync } from '../../src/data/loaders';
import { DataFileError } from '../../src/data/loaders/dataFileError';
import { jsonHead } from '../../src/data/loaders/jsonTable';
import { setRecordLimit } from '../../src/data/loaders/recordLimit';

function file(name: string, content: string | Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-reclimit-')), name);
  fs.writeFileSync(f, content);
  return f;
}

/** Runs `body` with the record limit at `bytes`, then puts the limit back. */
function withLimit<T>(bytes: number, body: () => T): T {
  const before = setRecordLimit(bytes);
  try {
    return body();
  } finally {
    setRecordLimit(before);
  }
}

const column = (t: { column(name: string): { get(i: number): unknown } | undefined }, name: string, n: number) =>
  Array.from({ length: n }, (_, i) => t.column(name)!.get(i));

const jsonl = (big: number) =>
  [
    JSON.stringify({ Computer: 'a', N: 1 }),
    JSON.stringify({ Computer: 'x'.repeat(big), N: 2 }),
    JSON.stringify({ Computer: 'c', N: 3 }),
    '{"Computer": "bad"',
    JSON.stringify({ Computer: 'e', N: 5 }),
  ].join('\n');

for (const gz of [false, true]) {
  for (const big of [3000, 10 << 20]) {
    test(`JSON Lines${gz ? ' (gzipped)' : ''}: a line of ${big} bytes past the limit is skipped with its line; the next lines load`, () => {
      const text = jsonl(big);
      const f = gz ? file('T.jsonl.gz', zlib.gzipSync(text)) : file('T.jsonl', text);
      const { table, notes } = withLimit(1000, () => loadDataFile(f));
      assert.equal(table.rowCount, 3);
      assert.deepEqual(column(table, 'Computer', 3), ['a', 'c', 'e']);
      assert.match(
        notes[0]!,
        /T\.jsonl(\.gz)?:2:1: the line is longer than 1,000 bytes, the limit for one record \(kql\.local\.recordLimitMB, kql --record-limit\) \(record skipped\)/,
      );
      // Lines after the skipped one keep their numbers.
      assert.match(notes[1]!, /T\.jsonl(\.gz)?:4:\d+: invalid JSON/);
      assert.equal(notes.length, 2);
    });
  }
}

test('JSON Lines: a line that fits the limit loads (the limit is not a cut of every long line)', () => {
  const f = file('T.jsonl', jsonl(900));
  const { table } = withLimit(1000, () => loadDataFile(f));
  assert.equal(table.rowCount, 4);
});

const csv = (big: number) =>
  [
    'Computer,Note,N',
    'a,plain,1',
    // A quoted field of many lines, doubled quotes and commas: its end is found past its line ends.
    `b,"${'x,""y""\n'.repeat(Math.ceil(big / 8))}",2`,
    'c,after,3',
    'd,"broken"x,4',
    'e,last,5',
    '',
  ].join('\n');

for (const gz of [false, true]) {
  for (const big of [3000, 10 << 20]) {
    test(`CSV${gz ? ' (gzipped)' : ''}: a record of ${big} bytes past the limit is skipped to its end, quotes and line ends inside it; the next records load`, () => {
      const text = csv(big);
      const f = gz ? file('T.csv.gz', zlib.gzipSync(text)) : file('T.csv', text);
      const { table, notes } = withLimit(1000, () => loadDataFile(f));
      assert.deepEqual(column(table, 'Computer', table.rowCount), ['a', 'c', 'e']);
      assert.match(
        notes[0]!,
        /T\.csv(\.gz)?:3:1: the record is longer than 1,000 bytes, the limit for one record \(kql\.local\.recordLimitMB, kql --record-limit\) \(record skipped\)/,
      );
      // The broken record after it is at its own line: the skipped record's line ends were counted.
      const lines = Math.ceil(big / 8);
      assert.match(notes[1]!, new RegExp(`T\\.csv(\\.gz)?:${3 + lines + 2}:\\d+: text after the closing quote`));
    });
  }
}

test('CSV: a record past the limit in a file read in parts on several threads is skipped as on one', async () => {
  const { appendCsvFileSplit, inThreadPart } = await import('../../src/data/loaders/csvSplit');
  const { columnAppender } = await import('../../src/data/loaders/columnAppenders');
  const { FileWarnings } = await import('../../src/data/loaders/fileBytes');
  const rows = Array.from({ length: 2000 }, (_, i) => `m${i},${i}`);
  rows.splice(1500, 0, `big,"${'z'.repeat(5000)}"`);
  const text = `Computer,N\n${rows.join('\n')}\n`;
  const f = file('T.csv', text);
  const appenders = [columnAppender('string'), columnAppender('string')];
  const out: string[] = [];
  const warnings = new FileWarnings(out);
  const n = withLimit(1000, () =>
    appendCsvFileSplit(
      f,
      ['Computer', 'N'],
      appenders,
      warnings,
      () => '',
      () => {},
      text.length,
      3,
      { types: ['string', 'string'], keep: [true, true], inferred: [] },
      { runner: inThreadPart, cuts: [text.length / 3, (2 * text.length) / 3] },
    ),
  );
  assert.equal(n, 2000);
  assert.deepEqual(out, [
    `${f}:1502:1: the record is longer than 1,000 bytes, the limit for one record (kql.local.recordLimitMB, kql --record-limit) (record skipped)`,
  ]);
});

for (const gz of [false, true]) {
  test(`JSON document${gz ? ' (gzipped)' : ''}: a string past the limit refuses the file, at the string, saying why`, () => {
    const doc = `[\n{"Computer": "a"},\n{"Computer": "${'x'.repeat(5000)}"},\n{"Computer": "c"}\n]`;
    const f = gz ? file('T.json.gz', zlib.gzipSync(doc)) : file('T.json', doc);
    const e = withLimit(1000, () => {
      try {
        jsonHead(f);
      } catch (err) {
        return err;
      }
      return undefined;
    });
    assert.ok(e instanceof DataFileError, String(e));
    assert.equal(e.line, 3);
    assert.match(
      e.reason,
      /^a string is longer than 1,000 bytes, the limit for one record .*: a JSON document cannot be read past one, so the file is not loaded/,
    );
  });
}

test('JSON document: a record of many small values past the limit refuses the file at the record; a REST response’s row too', () => {
  const record = JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])));
  const array = file('A.json', `[{"k0": 1},\n${record}]`);
  const rest = file(
    'R.json',
    JSON.stringify({
      tables: [{ name: 'PrimaryResult', columns: [{ name: 'a', type: 'string' }], rows: [['x'], ['y'.repeat(3000)]] }],
    }),
  );
  withLimit(1000, () => {
    assert.throws(
      () => jsonHead(array),
      (e: DataFileError) => e.line === 2 && /^the record is longer/.test(e.reason),
    );
    assert.throws(
      () => jsonHead(rest),
      (e: DataFileError) => /^(the record|a string) is longer/.test(e.reason),
    );
  });
  // Within the limit, the same files load.
  withLimit(1 << 20, () => {
    assert.equal(jsonHead(array).columns.length, 200);
    assert.equal(jsonHead(rest).columns.length, 1);
  });
});

test('Parquet: a page whose declared size is past the limit leaves its row group out with why; the others load', async () => {
  const small = Array.from({ length: 10 }, (_, i) => `s${i}`);
  const big = Array.from({ length: 10 }, (_, i) => `${i}${'w'.repeat(400)}`);
  const buf = Buffer.from(
    parquetWriteBuffer({
      columnData: [{ name: 'Computer', data: [...small, ...big], type: 'STRING' }],
      codec: 'SNAPPY',
      rowGroupSize: 10,
    }),
  );
  const f = file('T.parquet', buf);
  const before = setRecordLimit(1000);
  try {
    const { table, notes } = await loadDataFileAsync(f);
    assert.equal(table.rowCount, 10);
    assert.equal(notes.length, 1);
    assert.match(
      notes[0]!,
      /row group 2.*a page of [\d,]+ bytes \(decompressed, as its header says\) is longer than 1,000 bytes/,
    );
  } finally {
    setRecordLimit(before);
  }
});

test('JSON document: escaped quotes and backslashes inside strings are read as the string, not its end', () => {
  // Many strings under the limit, full of \" and \\, in a file larger than the limit: no false refusal.
  const tricky = 'a\\"b\\\\"c'.repeat(50); // 650 bytes as JSON
  const records = Array.from({ length: 50 }, (_, i) => ({ Computer: `${tricky}${i}`, Note: '\\' }));
  const ok = file('T.json', JSON.stringify(records));
  const long = file('L.json', JSON.stringify([{ Computer: 'a' }, { Computer: tricky.repeat(5) }]));
  withLimit(1000, () => {
    assert.equal(jsonHead(ok).sample.length, 50);
    assert.throws(() => jsonHead(long), /a string is longer than 1,000 bytes/);
  });
});
