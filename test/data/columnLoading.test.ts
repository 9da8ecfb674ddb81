import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoadCache, openDataFolder } from '../../src/data/loaders';
import { columnAppender } from '../../src/data/loaders/columnAppenders';
import { executeQuery } from '../../src/engine';
import { optimizeQuery } from '../../src/engine/optimize';
import { lowerText } from '../../src/engine/prepare';
import type { Plan } from '../../src/engine/plan/types';

const NOW = Date.parse('2026-11-23T12:00:00Z') * 10_000;

/** An unknown table (types inferred from its first 2,000 rows) with a bad record at the end: its Port is not an int. */
const CSV = [
  'TimeGenerated,Host,Port,Sent,Note,Tags,Id',
  '2026-11-23T10:00:00Z,a,80,1.5,x,[],8c1d6089-a0d5-4281-9c8b-27f6621dbea2',
  '2026-11-23T11:00:00Z,b,443,2.25,"y, z","[""p""]",8c1d6089-a0d5-4281-9c8b-27f6621dbea3',
  ...Array.from(
    { length: 2100 },
    (_, i) =>
      `2026-11-23T0${i % 10}:00:00Z,${'abc'[i % 3]},${i},${i / 4},n${i},[],8c1d6089-a0d5-4281-9c8b-27f6621d${String(i).padStart(4, '0')}`,
  ),
  '2026-11-23T11:30:00Z,c,eighty,3,w,[],8c1d6089-a0d5-4281-9c8b-27f6621dbea4',
].join('\n');

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-columns-'));
  fs.writeFileSync(path.join(dir, 'Traffic.csv'), CSV);
  return dir;
}

function rows(
  text: string,
  db: ReturnType<typeof openDataFolder>['database'],
  timeRange?: { start: number; end: number },
) {
  return executeQuery(text, db, { now: NOW, timeRange }).tables[0]!.table.rows();
}

function leaves(plan: Plan, out: Plan[] = []): Plan[] {
  if (plan.k === 'table') {
    out.push(plan);
  }
  for (const key of ['input', 'left', 'right', 'plan'] as const) {
    const next = (plan as unknown as Record<string, Plan | undefined>)[key];
    if (next && typeof next === 'object' && 'k' in next) leaves(next, out);
  }
  return out;
}

test('the optimizer narrows a stored table to the columns a query reads, and only when it can tell', () => {
  const db = openDataFolder(folder()).database;
  const narrowed = (q: string) =>
    leaves(optimizeQuery(lowerText(q, db).plan).outputs[0]!).map((p) => (p.k === 'table' ? p.columns : undefined));
  assert.deepEqual(narrowed('Traffic | where Port > 10 | summarize sum(Sent) by Host'), [['Host', 'Port', 'Sent']]);
  assert.deepEqual(narrowed('Traffic | extend h = strlen(Note) | summarize max(h)'), [['Note']]);
  assert.deepEqual(narrowed('Traffic | count'), [[]]);
  // Every column reaches the output, or an operator the rule does not follow reads them.
  assert.deepEqual(narrowed('Traffic | where Port > 10 | take 3'), [undefined]);
  assert.deepEqual(narrowed('Traffic | extend p = pack_all() | summarize count() by tostring(p)'), [undefined]);
  // A column named only as text is read too.
  assert.deepEqual(narrowed("Traffic | summarize max(toint(column_ifexists('Port', 0)))"), [undefined]);
});

test('without a load cache a query loads only its columns, with the rows the whole table has', () => {
  const full = openDataFolder(folder()).database;
  const expected = {
    byHost: rows('Traffic | summarize n = count(), s = sum(Sent) by Host | order by Host asc', full),
    count: rows('Traffic | count', full),
  };
  full.table('Traffic');
  assert.ok(full.isBuilt('Traffic'));

  const opened = openDataFolder(folder());
  const db = opened.database;
  // The bad record (Port "eighty") is left out even by a query that does not read Port.
  assert.deepEqual(
    rows('Traffic | summarize n = count(), s = sum(Sent) by Host | order by Host asc', db),
    expected.byHost,
  );
  assert.deepEqual(rows('Traffic | count', db), expected.count);
  assert.equal(db.isBuilt('Traffic'), false, 'only some columns were loaded');
  assert.equal(opened.warnings.filter((w) => w.includes('eighty')).length, 1, 'the bad record is told once');
  // A query that reads every column loads the rest; the table is then whole and answers as a full load.
  assert.deepEqual(
    rows('Traffic | order by Port asc | take 5', db),
    rows('Traffic | order by Port asc | take 5', full),
  );
  assert.equal(db.isBuilt('Traffic'), true);
  assert.equal(opened.warnings.filter((w) => w.includes('eighty')).length, 1);
});

test('two reads of one table for different columns in one query each get their columns', () => {
  const q =
    'Traffic | summarize n = count() by Host | join kind=inner (Traffic | summarize s = sum(Sent) by Host) on Host | project Host, n, s | order by Host asc';
  const full = openDataFolder(folder()).database;
  full.table('Traffic');
  const db = openDataFolder(folder()).database;
  const got = rows(q, db);
  assert.deepEqual(got, rows(q, full));
  assert.ok(
    got.every((r) => typeof r[2] === 'number' && r[2] > 0),
    JSON.stringify(got),
  );
});

test('each side of a join loads the columns read from it and its keys', () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'Hosts.csv'), 'Name,Size,Owner,Rack\na,S,x,1\nb,M,y,2\nd,L,z,3\n');
  const full = openDataFolder(dir).database;
  full.table('Traffic');
  full.table('Hosts');
  const db = openDataFolder(dir).database;
  const q = (kind: string) =>
    `Traffic | join kind=${kind} (Hosts) on $left.Host == $right.Name | summarize s = sum(Sent) by Host, Size | order by Host asc, Size asc`;
  const semi =
    'Traffic | join kind=leftsemi (Hosts | where Rack > 1) on $left.Host == $right.Name | summarize count() by Host';
  const anti = 'Hosts | join kind=rightanti (Traffic) on $left.Name == $right.Host | summarize count(), max(Port)';
  assert.deepEqual(
    leaves(optimizeQuery(lowerText(q('fullouter'), db).plan).outputs[0]!).map((p) => (p.k === 'table' ? p.columns : 0)),
    [
      ['Host', 'Sent'],
      ['Name', 'Size'],
    ],
  );
  for (const text of [q('fullouter'), q('inner'), q('leftouter'), q('rightouter'), semi, anti]) {
    assert.deepEqual(rows(text, db), rows(text, full), text);
  }
  assert.equal(db.isBuilt('Traffic'), false);
});

test('a request time range still applies to a table narrowed to columns other than TimeGenerated', () => {
  const range = { start: Date.parse('2026-11-23T10:00:00Z') * 10_000, end: NOW };
  const full = openDataFolder(folder()).database;
  full.table('Traffic');
  const db = openDataFolder(folder()).database;
  const q = 'Traffic | summarize count() by Host | order by Host asc';
  assert.deepEqual(rows(q, db, range), rows(q, full, range));
  assert.notDeepEqual(rows(q, db, range), rows(q, full));
});

test('with a load cache the first load reads every column, so the cache serves any later query', () => {
  const dir = folder();
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-columns-cache-'));
  const db = openDataFolder(dir, { cache: new LoadCache(cacheDir) }).database;
  rows('Traffic | summarize count() by Host', db);
  assert.equal(db.isBuilt('Traffic'), true);
  assert.equal(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.kqlcache')).length, 1);
});

test('decimals read from the bytes are the doubles Number() gives', () => {
  const texts = ['0.1', '-0.0', '5.', '.5', '47.6145', '-122.348', '123456789012.345', '0.000000000000001', '+3.25'];
  let seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const digits = String(seed).slice(0, 1 + (seed % 15));
    const at = seed % (digits.length + 1);
    texts.push(`${seed % 2 ? '-' : ''}${digits.slice(0, at)}.${digits.slice(at)}`);
  }
  const a = columnAppender('real');
  for (const t of texts) {
    const buf = Buffer.from(t);
    assert.equal(a.appendBytes(buf, 0, buf.length, 0), 0, t);
  }
  const col = a.finish();
  texts.forEach((t, i) => assert.ok(Object.is(col.get(i), Number(t)), `${t}: ${col.get(i)} vs ${Number(t)}`));
});
