/**
 * A CSV file read in parts on several threads (csvSplit.ts) gives what one thread gives: the same
 * rows, values, warnings and line numbers, wherever the cuts fall (inside quoted fields holding line
 * ends, between CR and LF, on blank lines, next to bad records), and string dictionaries merged.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Table } from '../../src/engine/table';
import { columnAppender } from '../../src/data/loaders/columnAppenders';
import { appendCsvFileSplit, csvParts, inThreadPart, SPLIT_MIN_BYTES } from '../../src/data/loaders/csvSplit';
import { loadDataFile } from '../../src/data/loaders';
import { appendCsvFile } from '../../src/data/loaders/csvTable';
import { fileSource } from '../../src/data/loaders/dataFolder';
import { FileWarnings } from '../../src/data/loaders/fileBytes';
import { SkippedColumn } from '../../src/data/loaders/skippedColumn';
import { inferredNoteOf, type TableSource } from '../../src/data/loaders/tableSource';
import type { StringColumn } from '../../src/engine/column';

function file(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-csv-split-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

interface Loaded {
  readonly table: Table;
  readonly warnings: string[];
}

function load(source: TableSource, split?: { cuts: number[]; threads?: boolean }, only?: Set<string>): Loaded {
  const f = source.files[0]!;
  const names = source.columns.map((c) => c.name);
  const appenders = source.columns.map((c) =>
    !only || only.has(c.name) ? columnAppender(c.type) : new SkippedColumn(c.type),
  );
  const warnings: string[] = [];
  const fw = new FileWarnings(warnings, 3);
  const note = inferredNoteOf(names, source.inferred);
  const rows = split
    ? appendCsvFileSplit(
        f.path,
        names,
        appenders,
        fw,
        note,
        () => {},
        f.size,
        split.cuts.length + 1,
        {
          types: source.columns.map((c) => c.type),
          keep: appenders.map((a) => !(a instanceof SkippedColumn)),
          inferred: source.inferred,
        },
        { cuts: split.cuts, runner: split.threads ? undefined : inThreadPart },
      )
    : appendCsvFile(f.path, names, appenders, fw, note, () => {}, f.size);
  fw.close(f.path);
  const kept = source.columns.flatMap((c, j) =>
    appenders[j] instanceof SkippedColumn ? [] : [{ name: c.name, column: appenders[j]!.finish() }],
  );
  return { table: new Table(kept, rows, source.name), warnings };
}

// Quoted fields with line ends (LF and CRLF) and doubled quotes, CRLF records, blank lines, a record
// with a field too many, a value not of its column's type, invalid UTF-8, a dynamic column, and an
// empty line at the end.
const TRICKY = Buffer.concat([
  Buffer.from(
    'Name,Note,N,Bag\r\n' +
      'alpha,"one\nline two",1,"{""a"":1}"\r\n' +
      'beta,"x,y\r\nz ""q""",2,[1]\r\n' +
      '\r\n' +
      'gamma,plain,3,\n' +
      'delta,"\n\n",4,"{""b"":[2,3]}"\n' +
      'bad,too,5,many,fields\n' +
      'alpha,notanumber,x,\n' +
      'beta,"multi\nline\nnote",6,2\n' +
      'eps,"a""b",7,"{}"\n' +
      'zeta,',
  ),
  Buffer.from([0xff]),
  Buffer.from('bytes,8,\n' + 'alpha,"one\nline two",9,\n' + '\n'),
]);

/** The tricky file's table: a long column whose type was inferred (so its refusal says so), a dynamic one. */
function trickySource(f: string): TableSource {
  return {
    ...fileSource(f),
    columns: [
      { name: 'Name', type: 'string' },
      { name: 'Note', type: 'string' },
      { name: 'N', type: 'long' },
      { name: 'Bag', type: 'dynamic' },
    ],
    inferred: ['N'],
  };
}

test('a cut at every byte of a file with quoted line ends gives the one-thread rows, values, warnings and lines', () => {
  const f = file('T.csv', TRICKY);
  const source = trickySource(f);
  const whole = load(source);
  assert.equal(whole.table.rowCount, 8);
  assert.deepEqual(whole.warnings.slice(0, 3), [
    `${f}:11:1: the record has 5 fields; the header has 4 columns (record skipped)`,
    `${f}:12:18: N: expected a long, found "x" (the column's type was inferred from the first rows) (record skipped)`,
    `${f}:17:6: Note: invalid UTF-8 (kept as U+FFFD): the file is not UTF-8 encoded here`,
  ]);
  for (let cut = 0; cut <= TRICKY.length; cut++) {
    const parts = load(source, { cuts: [cut] });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cut at ${cut}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cut at ${cut}`);
  }
});

test('two and three cuts anywhere, with only some columns kept, give the one-thread result', () => {
  const f = file('T.csv', TRICKY);
  const source = trickySource(f);
  const only = new Set(['Name', 'N']);
  const whole = load(source, undefined, only);
  for (let a = 0; a <= TRICKY.length; a += 7) {
    for (let b = a; b <= TRICKY.length; b += 13) {
      const parts = load(source, { cuts: [a, b, b + 11] }, only);
      assert.deepEqual(parts.table.rows(), whole.table.rows(), `cuts at ${a}, ${b}`);
      assert.deepEqual(parts.warnings, whole.warnings, `cuts at ${a}, ${b}`);
    }
  }
});

test('a quoted field never closed ends the records at its line, wherever the cut is', () => {
  const text = 'Name,N\na,1\nb,2\nc,"3\nd,4\ne,5\n';
  const f = file('T.csv', text);
  const source = fileSource(f);
  const whole = load(source);
  assert.deepEqual(whole.warnings, [
    `${f}:4: a quoted field is never closed (missing "); the rest of the file from that line is skipped`,
  ]);
  for (let cut = 0; cut <= text.length; cut++) {
    const parts = load(source, { cuts: [cut] });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cut at ${cut}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cut at ${cut}`);
  }
});

test('a quote left open on its line skips only that line: the records it swallowed load, wherever the cut is', () => {
  // Line 3 opens a quote that the first quote of line 5 seems to close; the text after it shows the
  // quote was never meant to span lines, so lines 4 and 5 are records of their own.
  const text = 'Name,N\na,1\nb,"2\nc,3\nd,"4"x\ne,5\n';
  const f = file('T.csv', text);
  const source = fileSource(f);
  const whole = load(source);
  assert.deepEqual(
    whole.table.rows().map((r) => r[0]),
    ['a', 'c', 'e'],
  );
  assert.deepEqual(whole.warnings, [
    `${f}:3:3: a quoted field that is not closed on its line (it runs 2 lines further, to a quote followed by text); a quote inside a field is written "" (record skipped)`,
    `${f}:5:6: text after the closing quote of a field (a quote inside a field is written "") (record skipped)`,
  ]);
  for (let cut = 0; cut <= text.length; cut++) {
    const parts = load(source, { cuts: [cut] });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cut at ${cut}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cut at ${cut}`);
  }
});

test("the parts' string dictionaries merge into one, each text once, codes remapped", () => {
  const lines = ['Name,N'];
  for (let i = 0; i < 200; i++) {
    // The second half meets the texts in another order, and brings new ones.
    lines.push(`${i < 100 ? `s${i % 7}` : `s${(200 - i) % 11}`},${i}`);
  }
  const text = `${lines.join('\n')}\n`;
  const f = file('T.csv', text);
  const source = fileSource(f);
  const whole = load(source);
  const parts = load(source, { cuts: [Math.floor(text.length / 3), Math.floor((2 * text.length) / 3)] });
  assert.deepEqual(parts.table.rows(), whole.table.rows());
  const dict = (parts.table.column('Name') as StringColumn).dict;
  assert.equal(new Set(dict).size, dict.length);
  assert.deepEqual([...dict].sort(), [...new Set(lines.slice(1).map((l) => l.split(',')[0]))].sort());
});

test('on worker threads: the same rows and warnings as one thread, typed arrays handed over', () => {
  const f = file('T.csv', TRICKY);
  const source = trickySource(f);
  const whole = load(source);
  for (const cut of [20, 45, 90, 140]) {
    const parts = load(source, { cuts: [cut, cut + 40], threads: true });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cut at ${cut}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cut at ${cut}`);
  }
});

test('only a large, uncompressed file is split, on the cores asked for or left idle', () => {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const before = process.env.KQL_LOAD_THREADS;
  try {
    process.env.KQL_LOAD_THREADS = '8';
    assert.equal(csvParts('a.csv', SPLIT_MIN_BYTES - 1), 1);
    assert.equal(csvParts('a.csv.gz', SPLIT_MIN_BYTES * 10), 1);
    assert.equal(csvParts('a.csv', SPLIT_MIN_BYTES), cores > 1 ? 2 : 1);
    process.env.KQL_LOAD_THREADS = '1';
    assert.equal(csvParts('a.csv', SPLIT_MIN_BYTES * 10), 1);
    // Unset: only the cores the load average leaves idle.
    delete process.env.KQL_LOAD_THREADS;
    const idle = Math.floor(Math.max(0, cores - os.loadavg()[0]!));
    assert.equal(
      csvParts('a.csv', SPLIT_MIN_BYTES * 10),
      Math.min(cores, 8, 20, 1 + idle) >= 2 ? Math.min(cores, 8, 1 + idle) : 1,
    );
  } finally {
    if (before === undefined) delete process.env.KQL_LOAD_THREADS;
    else process.env.KQL_LOAD_THREADS = before;
  }
});

test('a cancelled split read stops with the cancellation, its workers stopped', () => {
  const f = file('T.csv', TRICKY);
  const source = trickySource(f);
  const names = source.columns.map((c) => c.name);
  const appenders = source.columns.map((c) => columnAppender(c.type));
  const cancelled = new Error('cancelled');
  assert.throws(
    () =>
      appendCsvFileSplit(
        f,
        names,
        appenders,
        new FileWarnings([]),
        () => '',
        () => {
          throw cancelled;
        },
        TRICKY.length,
        2,
        { types: source.columns.map((c) => c.type), keep: names.map(() => true), inferred: [] },
        { cuts: [60] },
      ),
    (e) => e === cancelled,
  );
});

test('a file over the split size loads through the table loader as it does on one thread', () => {
  const pad = 'p'.repeat(240);
  const lines = ['Name,N,Note,When'];
  for (let i = 0; lines.length * 280 < SPLIT_MIN_BYTES + (1 << 20); i++) {
    const note = i % 1000 === 7 ? `"line\n""${i}"""` : `${pad}${i % 13}`;
    const n = i % 5000 === 3 ? 'x' : String(i);
    lines.push(`name${i % 97},${n},${note},2026-11-23T12:${String(i % 60).padStart(2, '0')}:00Z`);
  }
  const f = file('Big.csv', `${lines.join('\n')}\n`);
  assert.ok(fs.statSync(f).size >= SPLIT_MIN_BYTES);
  const before = process.env.KQL_LOAD_THREADS;
  try {
    process.env.KQL_LOAD_THREADS = '1';
    const one = loadDataFile(f);
    process.env.KQL_LOAD_THREADS = '2';
    const two = loadDataFile(f);
    assert.equal(two.table.rowCount, one.table.rowCount);
    assert.deepEqual(two.table.rows(), one.table.rows());
    assert.deepEqual(two.notes, one.notes);
  } finally {
    if (before === undefined) delete process.env.KQL_LOAD_THREADS;
    else process.env.KQL_LOAD_THREADS = before;
  }
});

// A BOM, CRLF records, a dynamic column whose texts repeat (`[]`, one object) beside exact numbers and
// -0, a quoted field with line ends, and a bad record: each part's repeated dynamic values cross once.
const DYNAMIC = Buffer.from(
  '\uFEFFName,Bag\r\n' +
    'a,[]\r\n' +
    'b,"{""k"":[1,2]}"\r\n' +
    'c,9007199254740993\r\n' +
    'd,[]\r\n' +
    'e,-0\r\n' +
    'f,"{""k"":[1,2]}"\r\n' +
    'g,"[""x\r\ny""]"\r\n' +
    'h,[],extra\r\n' +
    'i,1.0\r\n' +
    'j,[]\r\n' +
    'k,"{""k"":[1,2]}"\r\n' +
    'l,\r\n',
);

function dynamicSource(f: string): TableSource {
  return {
    ...fileSource(f),
    columns: [
      { name: 'Name', type: 'string' },
      { name: 'Bag', type: 'dynamic' },
    ],
    inferred: [],
  };
}

test('a BOM, CRLF and repeated dynamic values: a cut at every byte, and on worker threads, give the one-thread result', () => {
  const f = file('D.csv', DYNAMIC);
  const source = dynamicSource(f);
  const whole = load(source);
  assert.equal(whole.table.rowCount, 11);
  assert.deepEqual(whole.warnings, [`${f}:10:1: the record has 3 fields; the header has 2 columns (record skipped)`]);
  const bag = (t: Table) => t.rows().map((r) => r[1]);
  assert.ok(Object.is(bag(whole.table)[4], -0));
  for (let cut = 0; cut <= DYNAMIC.length; cut++) {
    const parts = load(source, { cuts: [cut] });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cut at ${cut}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cut at ${cut}`);
  }
  for (const cuts of [[20], [30, 70], [45, 100]]) {
    const parts = load(source, { cuts, threads: true });
    assert.deepEqual(parts.table.rows(), whole.table.rows(), `cuts at ${cuts}`);
    assert.deepEqual(parts.warnings, whole.warnings, `cuts at ${cuts}`);
    assert.ok(Object.is(bag(parts.table)[4], -0), `cuts at ${cuts}`);
  }
});
