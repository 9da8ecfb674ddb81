import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DataFileError, inferColumnType, loadDataFile, loadDataFolder } from '../../src/data/loaders';
import { ticksFromMs } from '../../src/engine/values';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-loaders-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function loadError(dir: string, file: string): DataFileError {
  try {
    loadDataFile(path.join(dir, file));
  } catch (e) {
    assert.ok(e instanceof DataFileError, String(e));
    return e;
  }
  throw new Error(`${file} loaded`);
}

const CSV = [
  'TimeGenerated [UTC],Computer,Direction,DestinationPort,BytesSent,RemoteDnsCanonicalNames,Extra',
  '"11/23/2026, 5:04:12.345 PM",acme-demo,outbound,1433,1200,"[""sql01.acme.corp""]",x',
  '2026-11-23T17:05:00Z,"acme, quoted",inbound,443,,[],y',
].join('\n');

test('a CSV export of a catalogue table gets the catalogue types; the portal datetime format and [UTC] headers are understood', () => {
  const dir = folder({ 'VMConnection.csv': CSV });
  const { table } = loadDataFile(path.join(dir, 'VMConnection.csv'));
  assert.equal(table.name, 'VMConnection');
  assert.deepEqual(table.schema, [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'Direction', type: 'string' },
    { name: 'DestinationPort', type: 'int' },
    { name: 'BytesSent', type: 'long' },
    { name: 'RemoteDnsCanonicalNames', type: 'dynamic' },
    { name: 'Extra', type: 'string' },
  ]);
  assert.deepEqual(table.rows(), [
    [
      ticksFromMs(Date.parse('2026-11-23T17:04:12.345Z')),
      'acme-demo',
      'outbound',
      1433,
      1200,
      ['sql01.acme.corp'],
      'x',
    ],
    [ticksFromMs(Date.parse('2026-11-23T17:05:00Z')), 'acme, quoted', 'inbound', 443, null, [], 'y'],
  ]);
});

test('a JSON array of records loads, and unknown tables get inferred types', () => {
  const dir = folder({
    'Inventory.json': JSON.stringify([
      { Name: 'a', Count: 3, Ratio: 0.5, Seen: '2026-11-23T00:00:00Z', Tags: { x: 1 }, Ok: true },
      { Name: 'b', Count: 4, Ratio: 1, Seen: '2026-11-24T00:00:00Z', Tags: [1], Ok: false, Late: 'only here' },
    ]),
  });
  const { table } = loadDataFile(path.join(dir, 'Inventory.json'));
  assert.deepEqual(
    table.schema.map((c) => c.type),
    ['string', 'long', 'real', 'datetime', 'dynamic', 'bool', 'string'],
  );
  assert.deepEqual(table.rows()[1], [
    'b',
    4,
    1,
    ticksFromMs(Date.parse('2026-11-24T00:00:00Z')),
    [1],
    false,
    'only here',
  ]);
  assert.deepEqual(table.rows()[0]![6], '');
});

test('a Log Analytics REST response loads with its column types', () => {
  const dir = folder({
    'Custom.json': JSON.stringify({
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'When', type: 'datetime' },
            { name: 'Took', type: 'timespan' },
            { name: 'Id', type: 'guid' },
            { name: 'N', type: 'int' },
          ],
          rows: [['2026-11-23T00:00:00Z', '1.02:03:04', '4B9C93F9-BC37-46DF-B43C-899BA829E07B', 7]],
        },
      ],
    }),
  });
  const { table } = loadDataFile(path.join(dir, 'Custom.json'));
  assert.deepEqual(
    table.schema.map((c) => c.type),
    ['datetime', 'timespan', 'guid', 'int'],
  );
  const ticksPerSecond = 10_000_000;
  assert.deepEqual(table.rows()[0], [
    ticksFromMs(Date.parse('2026-11-23T00:00:00Z')),
    93_784 * ticksPerSecond,
    '4b9c93f9-bc37-46df-b43c-899ba829e07b',
    7,
  ]);
});

function loadWithNotes(dir: string, file: string): { rows: unknown[][]; notes: readonly string[] } {
  const { table, notes } = loadDataFile(path.join(dir, file));
  return { rows: table.rows(), notes };
}

test('an unterminated quote is a warning with file and line; the records before it load', () => {
  const dir = folder({ 'VMConnection.csv': 'Computer,BytesSent\nacme-demo,1\n"acme-x,2\n' });
  const { rows, notes } = loadWithNotes(dir, 'VMConnection.csv');
  assert.deepEqual(rows, [['acme-demo', 1]]);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /VMConnection\.csv:3: /);
  assert.match(notes[0]!, /quote/i);
});

test('a record with the wrong number of fields is a warning naming its line; the others load', () => {
  const dir = folder({ 'VMConnection.csv': 'Computer,BytesSent\nacme-demo,1\nacme-x,2,3\nacme-y,4\n' });
  const { rows, notes } = loadWithNotes(dir, 'VMConnection.csv');
  assert.deepEqual(rows, [
    ['acme-demo', 1],
    ['acme-y', 4],
  ]);
  assert.match(notes[0]!, /VMConnection\.csv:3:1: the record has 3 fields; the header has 2 columns/);
});

test('a value of the wrong type names the line, column and expected type, and only its record is left out', () => {
  const rows = ['Computer,DestinationPort,BytesSent'];
  for (let i = 0; i < 15; i++) {
    rows.push(`m${i},443,${i}`);
  }
  rows.push('m-bad,443,lots');
  rows.push('m-last,443,7');
  const dir = folder({ 'VMConnection.csv': rows.join('\n') });
  const loaded = loadWithNotes(dir, 'VMConnection.csv');
  assert.deepEqual(loaded.notes, [
    `${path.join(dir, 'VMConnection.csv')}:17:11: BytesSent: expected a long, found "lots" (record skipped)`,
  ]);
  assert.equal(loaded.rows.length, 16);
  assert.deepEqual(loaded.rows[15], ['m-last', 443, 7]);
});

test('invalid JSON is reported at the line and column where it breaks', () => {
  const dir = folder({ 'T.json': '[\n  {"a": 1},\n  {"a": 2,,}\n]' });
  const e = loadError(dir, 'T.json');
  assert.equal(e.line, 3);
  assert.match(e.message, /T\.json:3:\d+: invalid JSON/);
});

test('a JSON syntax error that V8 reports without a position is still placed at its line and column, not at the end', () => {
  const dir = folder({ 'T.json': '[\n  {"a": 1},\n  {"a": tru},\n  {"a": 3}\n]\n' });
  const e = loadError(dir, 'T.json');
  assert.equal(e.line, 3);
  assert.equal(e.column, 9);
});

test("a JSON record with a value of the wrong type names the record's line", () => {
  const dir = folder({
    'VMBoundPort.json': '[\n{"Computer": "a", "Port": 80},\n{"Computer": "b", "Port": "eighty"}\n]',
  });
  const { rows, notes } = loadWithNotes(dir, 'VMBoundPort.json');
  assert.deepEqual(rows, [['a', 80]]);
  assert.match(notes[0]!, /VMBoundPort\.json:3:1: Port: expected an int, found "eighty"/);
});

test('a REST row of the wrong length names its line', () => {
  const doc =
    '{"tables":[{"name":"PrimaryResult","columns":[{"name":"a","type":"long"},{"name":"b","type":"string"}],\n"rows":[\n[1,"x"],\n[2]\n]}]}';
  const dir = folder({ 'R.json': doc });
  const { rows, notes } = loadWithNotes(dir, 'R.json');
  assert.deepEqual(rows, [[1, 'x']]);
  assert.match(notes[0]!, /R\.json:4:1: the row has 1 values; the table has 2 columns/);
});

test('a folder loads its good files and reports each bad one as a warning', () => {
  const dir = folder({
    'VMConnection.csv': CSV,
    'VMBoundPort.csv': '',
    'Broken.json': '{"tables": 3}',
    'notes.txt': 'ignored',
    'Custom.json': '[{"a": 1}]',
  });
  const loaded = loadDataFolder(dir);
  assert.deepEqual(loaded.tables.map((t) => t.name).sort(), ['Custom', 'VMConnection']);
  assert.equal(loaded.warnings.length, 2);
  assert.ok(loaded.warnings.some((w) => w.includes('VMBoundPort.csv:1:1: the file is empty')));
  assert.ok(loaded.warnings.some((w) => w.includes('Broken.json:1:1:')));
});

test('a missing folder is an error that names it', () => {
  assert.throws(() => loadDataFolder('/nonexistent/exports'), /\/nonexistent\/exports/);
});

test('type inference picks the narrowest type that fits every value', () => {
  assert.equal(inferColumnType(['1', '2', '']), 'long');
  assert.equal(inferColumnType(['1', '2.5']), 'real');
  assert.equal(inferColumnType(['True', 'false']), 'bool');
  assert.equal(inferColumnType(['2026-11-23T00:00:00Z', '2026-11-23 01:00']), 'datetime');
  assert.equal(inferColumnType(['{"a":1}', '[1]']), 'dynamic');
  assert.equal(inferColumnType(['1', 'x']), 'string');
  assert.equal(inferColumnType([]), 'string');
});
