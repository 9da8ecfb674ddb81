/**
 * A JSON Lines key first seen past the records the table's columns were read from (each blob's head)
 * becomes a column when the rows load, empty before it: no value is lost. The query that loaded the
 * table sees the schema it was analyzed against; the column joins the table and its schema (what the
 * language server is given) between queries, and the load cache keeps it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { formatJson } from '../../src/cli/formatTable';
import { LoadCache, loadDataFile, openDataFolder, scanDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';
import { Database } from '../../src/engine/database';

const LATE_AT = 100_000;
const blob = (hour: number) => `am-App_CL/y=2026/m=11/d=23/h=${String(hour).padStart(2, '0')}/m=00/PT1H.json`;

/** `count` records; record `lateAt` and every 7th after it have the key Severity. */
function records(count: number, lateAt: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const r: Record<string, unknown> = {
      TimeGenerated: new Date(Date.UTC(2026, 10, 23, 10) + i).toISOString(),
      Seq: i,
    };
    if (i >= lateAt && (i - lateAt) % 7 === 0) r.Severity = `level-${i % 3}`;
    lines.push(JSON.stringify(r));
  }
  return `${lines.join('\n')}\n`;
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-late-keys-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const count = (rows: unknown[][]) => Number(rows[0]![0]);

test('a key first seen at record 100,000 of a blob is a column, empty before, after the query that loaded the table', () => {
  const dir = tree({ [blob(10)]: records(LATE_AT + 50, LATE_AT), [blob(11)]: records(20, Number.POSITIVE_INFINITY) });
  const scanned = scanDataFolder(dir).tables[0]!;
  assert.deepEqual(
    scanned.columns.map((c) => c.name),
    ['TimeGenerated', 'Seq'],
    'the heads do not show the key',
  );
  const cache = new LoadCache(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-late-keys-cache-')));
  const opened = openDataFolder(dir, { cache });
  const first = executeQuery('App_CL | count', opened.database).tables[0]!.table.rows();
  assert.equal(count(first), LATE_AT + 50 + 20);
  assert.deepEqual(opened.database.widen(), ['App_CL']);
  const schema = opened.database.schemas.find((s) => s.name === 'App_CL')!;
  assert.deepEqual(
    schema.columns.map((c) => [c.name, c.type]),
    [
      ['TimeGenerated', 'datetime'],
      ['Seq', 'long'],
      ['Severity', 'string'],
    ],
  );
  const q = 'App_CL | where isnotempty(Severity) | summarize n = count(), earliest = min(Seq)';
  const want = [[8, LATE_AT]];
  const got = executeQuery(q, opened.database).tables[0]!.table.rows();
  assert.deepEqual(
    got.map((r) => r.map(Number)),
    want,
  );
  assert.deepEqual(
    executeQuery(`App_CL | where Seq in (${LATE_AT - 1}, ${LATE_AT}) | project Seq, Severity`, opened.database)
      .tables[0]!.table.rows()
      .map((r) => [Number(r[0]), r[1]]),
    [
      [LATE_AT - 1, ''],
      [LATE_AT, `level-${LATE_AT % 3}`],
    ],
  );
  assert.deepEqual(opened.warnings, []);

  // The load cache round-trips the column: the next open's schema has it without reading the rows.
  const again = openDataFolder(dir, { cache });
  assert.deepEqual(
    again.tables[0]!.columns.map((c) => c.name),
    ['TimeGenerated', 'Seq', 'Severity'],
  );
  assert.deepEqual(
    executeQuery(q, again.database)
      .tables[0]!.table.rows()
      .map((r) => r.map(Number)),
    want,
  );
});

test('a lone JSON Lines file gets its late key too; a value past its first 2,000 not of their type is empty, with a warning', () => {
  const lines = Array.from({ length: 4300 }, (_, i) =>
    JSON.stringify(i < 2100 ? { Seq: i } : { Seq: i, Score: i % 10 }),
  );
  lines.push(JSON.stringify({ Seq: 4300, Score: 'n/a' }));
  const dir = tree({ 'App.jsonl': `${lines.join('\n')}\n` });
  const { table, notes } = loadDataFile(path.join(dir, 'App.jsonl'));
  assert.deepEqual(
    table.schema.map((c) => [c.name, c.type]),
    [
      ['Seq', 'long'],
      ['Score', 'long'],
    ],
  );
  assert.equal(table.rowCount, 4301, 'the record with the odd value is kept');
  const scores = table.rows().map((r) => r[1]);
  assert.equal(scores.filter((v) => v !== null).length, 2200);
  assert.equal(scores[2099], null);
  assert.equal(Number(scores[2109]), 9);
  assert.match(
    notes.join('\n'),
    /App\.jsonl:2101: column Score \(first seen here.*\) is long, inferred from its first values: 1 value not of that type read as empty/,
  );
});

test("a late column's longs past 2^53 keep every digit, as an early column's do, in a long and a dynamic column", () => {
  const big = '851673153924341805';
  const lines = Array.from({ length: 2100 }, (_, i) => JSON.stringify({ Seq: i, Early: i }));
  // The late keys' records: their text holds the numbers JSON.parse would round.
  lines.push(`{"Seq":2100,"Early":${big},"Late":${big},"LateIds":[${big},1.0]}`);
  lines.push('{"Seq":2101,"Early":-9007199254740993,"Late":-9007199254740993,"LateIds":[2]}');
  const dir = tree({ 'App.jsonl': `${lines.join('\n')}\n` });
  const { table, notes } = loadDataFile(path.join(dir, 'App.jsonl'));
  assert.deepEqual(notes, []);
  assert.deepEqual(
    table.schema.map((c) => [c.name, c.type]),
    [
      ['Seq', 'long'],
      ['Early', 'long'],
      ['Late', 'long'],
      ['LateIds', 'dynamic'],
    ],
  );
  const result = runLocalQuery(
    new Database([table]),
    'App | where Seq >= 2100 | project Early, Late, same = Late == Early, text = tostring(Late), LateIds',
  );
  assert.equal(
    formatJson(result.tables),
    '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Early","type":"long"},{"name":"Late","type":"long"},' +
      '{"name":"same","type":"bool"},{"name":"text","type":"string"},{"name":"LateIds","type":"dynamic"}],' +
      `"rows":[[${big},${big},true,"${big}",[${big},1.0]],` +
      '[-9007199254740993,-9007199254740993,true,"-9007199254740993",[2]]]}]}',
  );
});

test('without the load cache too, a late key is a column (JSON Lines load whole), and widenFor makes it one before a query', () => {
  const dir = tree({ [blob(10)]: records(LATE_AT + 50, LATE_AT) });
  const opened = openDataFolder(dir);
  assert.equal(
    count(executeQuery('App_CL | project Seq | count', opened.database).tables[0]!.table.rows()),
    LATE_AT + 50,
  );
  assert.deepEqual(opened.database.widen(), ['App_CL']);
  assert.deepEqual(opened.warnings, [], 'no "left out" warning');
  const fresh = openDataFolder(dir);
  const q = 'App_CL | where isnotempty(Severity) | summarize n = count(), earliest = min(Seq)';
  assert.deepEqual(fresh.widenFor(q), ['App_CL']);
  assert.deepEqual(
    executeQuery(q, fresh.database)
      .tables[0]!.table.rows()
      .map((r) => r.map(Number)),
    [[8, LATE_AT]],
  );
  assert.deepEqual(fresh.widenFor('print 1'), [], 'a query naming no JSON Lines table loads nothing');
});

test('without the load cache a query decodes only the JSON Lines columns it reads; a late key it finds is a column the next query loads', () => {
  const dir = tree({ [blob(10)]: records(2500, 2100) });
  const opened = openDataFolder(dir);
  const db = opened.database;
  assert.equal(count(executeQuery('App_CL | summarize max(Seq)', db).tables[0]!.table.rows()), 2499);
  assert.deepEqual(db.loadedColumns('App_CL'), ['Seq'], 'TimeGenerated and Severity are not decoded');
  assert.equal(db.isBuilt('App_CL'), false);
  assert.deepEqual(db.widen(), ['App_CL']);
  assert.deepEqual(
    db.schemas.find((s) => s.name === 'App_CL')!.columns.map((c) => [c.name, c.type]),
    [
      ['TimeGenerated', 'datetime'],
      ['Seq', 'long'],
      ['Severity', 'string'],
    ],
  );
  assert.deepEqual(db.loadedColumns('App_CL'), ['Seq'], 'the late column joins the schema unloaded');
  const q = 'App_CL | where isnotempty(Severity) | summarize n = count(), earliest = min(Seq)';
  assert.deepEqual(
    executeQuery(q, db)
      .tables[0]!.table.rows()
      .map((r) => r.map(Number)),
    [[58, 2100]],
  );
  assert.deepEqual(db.loadedColumns('App_CL'), ['Seq', 'Severity']);
  assert.deepEqual(db.widen(), [], 'nothing more found');
  const fresh = openDataFolder(dir);
  assert.deepEqual(fresh.widenFor(q), ['App_CL']);
  assert.deepEqual(
    fresh.database.loadedColumns('App_CL'),
    ['Seq'],
    "widenFor loads the columns the query's text names",
  );
});

test('a late column loaded by a later query, without the load cache, keeps its longs past 2^53 exactly', () => {
  const big = '851673153924341805';
  const lines = Array.from({ length: 2100 }, (_, i) => JSON.stringify({ Seq: i }));
  lines.push(`{"Seq":2100,"Late":${big},"LateIds":[${big},1.0]}`);
  const dir = tree({ 'App.jsonl': `${lines.join('\n')}\n` });
  const opened = openDataFolder(dir);
  const q = 'App | where Seq == 2100 | project Late, text = tostring(Late), LateIds';
  assert.deepEqual(opened.widenFor(q), ['App']);
  assert.deepEqual(opened.database.loadedColumns('App'), ['Seq']);
  assert.equal(
    formatJson(runLocalQuery(opened.database, q).tables),
    '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Late","type":"long"},{"name":"text","type":"string"},' +
      `{"name":"LateIds","type":"dynamic"}],"rows":[[${big},"${big}",[${big},1.0]]]}]}`,
  );
});
