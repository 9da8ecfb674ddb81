import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadDataFile, openDataFolder, scanDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';

// A data export rule's blob (`PT1H.json`) is JSON Lines under a .json name; a user who downloads one blob
// and names it after its table gets a lone .json file of JSON Lines, which read as one JSON document
// failed at its line 2 with "unexpected text after the end of the JSON value".

function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-jsonl-in-json-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const line = (o: object) => `${JSON.stringify(o)}\n`;
const blob =
  line({ TimeGenerated: '2026-11-30T00:00:00Z', App_s: 'x', Count_d: 3 }) +
  line({ TimeGenerated: '2026-11-30T01:00:00Z', App_s: 'y' }) +
  line({ TimeGenerated: '2026-11-30T02:00:00Z', App_s: 'z', Count_d: 5 });

test('a lone .json file of JSON Lines (one exported PT1H.json blob) loads as JSON Lines, .gz and after blank lines too', () => {
  const dir = folder({ 'MyApp_CL.json': blob, 'Other_CL.json.gz': zlib.gzipSync(`\r\n\n${blob}`) });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.warnings, []);
  assert.deepEqual(
    scanned.tables.map((t) => [t.name, t.files[0]!.format]),
    [
      ['MyApp_CL', 'jsonl'],
      ['Other_CL', 'jsonl'],
    ],
  );
  const db = openDataFolder(dir).database;
  for (const table of ['MyApp_CL', 'Other_CL']) {
    const r = executeQuery(`${table} | summarize n = count(), total = sum(Count_d)`, db);
    assert.deepEqual(r.tables[0]!.table.rows(), [[3, 8]]);
  }
});

test('one record of JSON Lines in a .json file is a table of one row; `kql --data FILE` reads it too', () => {
  const dir = folder({ 'One.json': line({ TimeGenerated: '2026-11-30T00:00:00Z', App_s: 'x' }) });
  const db = openDataFolder(dir).database;
  assert.deepEqual(executeQuery('One | project App_s', db).tables[0]!.table.rows(), [['x']]);
  const file = path.join(dir, 'One.json');
  assert.deepEqual(executeQuery('One | count', openDataFolder(file).database).tables[0]!.table.rows(), [[1]]);
  assert.equal(loadDataFile(file).table.rowCount, 1);
});

test('JSON Lines in a .json file: a broken line is a warning at its line, the others load', () => {
  const dir = folder({ 'MyApp_CL.json': `${blob}{bad json\n` });
  const opened = openDataFolder(dir);
  assert.deepEqual(executeQuery('MyApp_CL | count', opened.database).tables[0]!.table.rows(), [[3]]);
  assert.match(opened.warnings.join('\n'), /MyApp_CL\.json:4:/);
});

test('JSON documents stay documents: an array of records, a REST response, pretty-printed or on one line', () => {
  const rest = { tables: [{ name: 'PrimaryResult', columns: [{ name: 'a', type: 'long' }], rows: [[1], [2]] }] };
  const dir = folder({
    'Arr.json': `${JSON.stringify([{ a: 1 }, { a: 2 }])}\n`,
    'Pretty.json': JSON.stringify([{ a: 1 }, { a: 2 }], null, 2),
    'Rest.json': `${JSON.stringify(rest)}\n`,
    'RestPretty.json': JSON.stringify(rest, null, 2),
  });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(
    scanned.tables.map((t) => [t.name, t.files[0]!.format]),
    [
      ['Arr', 'json'],
      ['Pretty', 'json'],
      ['Rest', 'json'],
      ['RestPretty', 'json'],
    ],
  );
  const db = openDataFolder(dir).database;
  for (const t of ['Arr', 'Pretty', 'Rest', 'RestPretty']) {
    assert.deepEqual(executeQuery(`${t} | count`, db).tables[0]!.table.rows(), [[2]], t);
  }
});

test('a one-line object with a "tables" key stays a REST response: a broken one is refused, not a table of one row', () => {
  const dir = folder({ 'Broken.json': '{"tables": 3}\n' });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.tables, []);
  assert.match(scanned.warnings.join('\n'), /Broken\.json:1:1:/);
});
