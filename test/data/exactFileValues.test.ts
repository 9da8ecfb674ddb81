/**
 * Values from the user's files are read as exactly as the engine's own literals: a long past 2^53
 * inside a dynamic cell keeps its digits, a whole-number real in one stays a real (`[1.0]`), in every
 * text format, on one thread or split across threads (where values cross by structured clone), and
 * through the load cache.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LoadCache, loadDataFile, openDataFolder } from '../../src/data/loaders';
import { appendCsvFileSplit, inThreadPart } from '../../src/data/loaders/csvSplit';
import { columnAppender } from '../../src/data/loaders/columnAppenders';
import { nestingDepth, toNullPrototype } from '../../src/data/loaders/dynamicCells';
import { FileWarnings } from '../../src/data/loaders/fileBytes';
import { parseDynamicText } from '../../src/engine/plan/literals';
import type { Table } from '../../src/engine/table';
import { dynamicJson } from '../../src/engine/valueText';
import type { DynamicValue } from '../../src/engine/values';

function file(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-exact-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

/** Cells JSON.parse reads wrongly, and the exact JSON the engine's dynamic literal gives for each. */
const CELLS = [
  '[12345678901234567890]',
  '{"id": 851673153924341805}',
  '[1.0]',
  '{"a": [2.0, -9007199254740993, {"b": 42.0}], "value": 1}',
  '9007199254740993',
  '3.0',
  '{"big": 5}',
];
const EXPECTED = CELLS.map((c) => dynamicJson(parseDynamicText(c)));
/** The cells that make a column inferred as dynamic (bare numbers would make it a string column). */
const BRACKETED = CELLS.flatMap((c, i) => (/^[[{]/.test(c) ? [i] : []));

function dynamicTexts(table: Table, column: string): string[] {
  const col = table.column(column)!;
  return Array.from({ length: table.rowCount }, (_, i) => dynamicJson(col.get(i) as DynamicValue));
}

test('the expected texts are the exact ones', () => {
  assert.deepEqual(EXPECTED.slice(1, 3), ['{"id":851673153924341805}', '[1.0]']);
  assert.equal(EXPECTED[4], '9007199254740993');
});

const csvText = `N,D\n${CELLS.map((c, i) => `${i},"${c.replace(/"/g, '""')}"`).join('\n')}\n`;

const bracketedCsv = `N,D\n${BRACKETED.map((i) => `${i},"${CELLS[i]!.replace(/"/g, '""')}"`).join('\n')}\n`;

test('dynamic cells of a CSV file load exactly', () => {
  const { table } = loadDataFile(file('Exact.csv', bracketedCsv));
  assert.equal(table.column('D')!.type, 'dynamic');
  assert.deepEqual(
    dynamicTexts(table, 'D'),
    BRACKETED.map((i) => EXPECTED[i]),
  );
});

for (const threads of [false, true]) {
  test(`dynamic cells of a CSV file split across ${threads ? 'worker threads' : 'parts on one thread'} load exactly`, () => {
    const f = file('Exact.csv', csvText);
    const appenders = [columnAppender('long'), columnAppender('dynamic')];
    const fw = new FileWarnings([], 3);
    const size = fs.statSync(f).size;
    // A cut after every other record, so each part holds some of the exact values.
    const cuts = [...csvText.matchAll(/\n/g)].map((m) => m.index + 1).filter((_, i) => i % 2 === 1 && i > 0);
    const rows = appendCsvFileSplit(
      f,
      ['N', 'D'],
      appenders,
      fw,
      () => '',
      () => {},
      size,
      cuts.length + 1,
      { types: ['long', 'dynamic'], keep: [true, true], inferred: [] },
      { cuts, runner: threads ? undefined : inThreadPart },
    );
    assert.equal(rows, CELLS.length);
    const col = appenders[1]!.finish();
    const texts = Array.from({ length: rows }, (_, i) => dynamicJson(col.get(i) as DynamicValue));
    assert.deepEqual(texts, EXPECTED);
  });
}

test('dynamic values of JSON records, a REST response and JSON Lines load exactly', () => {
  const records = `[${BRACKETED.map((i) => `{"N": ${i}, "D": ${CELLS[i]}}`).join(',\n')}]`;
  const rest = JSON.stringify({
    tables: [
      {
        name: 'PrimaryResult',
        columns: [
          { name: 'N', type: 'long' },
          { name: 'D', type: 'dynamic' },
        ],
        rows: CELLS.map((c, i) => [i, c]),
      },
    ],
  });
  const lines = `${BRACKETED.map((i) => `{"N": ${i}, "D": ${CELLS[i]}}`).join('\n')}\n`;
  for (const [name, text, rows] of [
    ['Records.json', records, BRACKETED],
    ['Rest.json', rest, CELLS.map((_, i) => i)],
    ['Lines.jsonl', lines, BRACKETED],
  ] as const) {
    const { table } = loadDataFile(file(name, text));
    assert.equal(table.column('D')!.type, 'dynamic', name);
    assert.deepEqual(
      dynamicTexts(table, 'D'),
      rows.map((i) => EXPECTED[i]),
      name,
    );
  }
});

test('dynamic values read back from the load cache are as exact as when loaded', () => {
  const f = file('Exact.csv', bracketedCsv);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-exact-cache-'));
  const open = () => openDataFolder(path.dirname(f), { cache: new LoadCache(cacheDir) }).database;
  open().table('Exact');
  assert.equal(fs.readdirSync(cacheDir).filter((n) => n.endsWith('.kqlcache')).length, 1);
  // The second open reads the table from the cache.
  const table = open().table('Exact');
  assert.deepEqual(
    dynamicTexts(table!, 'D'),
    BRACKETED.map((i) => EXPECTED[i]),
  );
});

test('a long past 2^53 in a JSON file keeps its digits, with no warning', () => {
  const { table, notes } = loadDataFile(
    file('Longs.json', '[{"Id": 851673153924341805, "R": 0.5}, {"Id": -9007199254740993, "R": 1.0}]'),
  );
  const col = table.column('Id')!;
  assert.equal(col.type, 'long');
  assert.deepEqual([String(col.get(0)), String(col.get(1))], ['851673153924341805', '-9007199254740993']);
  assert.deepEqual([table.column('R')!.get(0), table.column('R')!.get(1)], [0.5, 1]);
  assert.deepEqual(notes, []);
});

test('longs that arrive as bigints (Parquet lists and structs) are the engine longs', () => {
  const v = toNullPrototype([5n, 851673153924341805n, { n: -9007199254740993n }]) as DynamicValue;
  assert.equal(dynamicJson(v), '[5,851673153924341805,{"n":-9007199254740993}]');
  assert.equal((v as DynamicValue[])[0], 5);
});

test('only numbers outside strings that JSON.parse may misread send a cell to the exact reader', () => {
  const lossy = (t: string) => nestingDepth(t).mayLose;
  for (const t of ['[1.0]', '{"a":-3.00}', '[1e3]', '[2.5E-1]', '[1234567890123456]', '7.0']) {
    assert.equal(lossy(t), true, t);
  }
  for (const t of ['["10.0.0.1"]', '{"v":"1.0","w":0.5}', '[1.05, 20, 123456789012345]', '{"k1.0": 3}']) {
    assert.equal(lossy(t), false, t);
  }
});
