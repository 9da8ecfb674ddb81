import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { LoadCache, loadDataFolderAsync, openDataFolder, scanDataFolder, tablesNamedIn } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';
import { ticksFromMs } from '../../src/engine/values';

/** Writes the columns as a Parquet file (row groups of `rowGroupSize` rows, pages compressed with `codec`). */
function parquet(
  columnData: ColumnSource[],
  codec: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED' = 'SNAPPY',
  rowGroupSize = 1000,
): Buffer {
  const compressors = { GZIP: (b: Uint8Array) => new Uint8Array(zlib.gzipSync(b)) };
  return Buffer.from(parquetWriteBuffer({ columnData, codec, compressors, rowGroupSize }));
}

function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parquet-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

/** Events: one column of each type the mapping knows. */
function events(n: number): ColumnSource[] {
  return [
    { name: 'TimeGenerated', type: 'TIMESTAMP', data: Array.from({ length: n }, (_, i) => new Date(T0 + i * 60_000)) },
    { name: 'Computer', type: 'STRING', data: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'db1' : 'web1')) },
    { name: 'Port', type: 'INT32', data: Int32Array.from({ length: n }, (_, i) => 80 + (i % 4)) },
    { name: 'BytesSent', type: 'INT64', data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 1000n) },
    { name: 'Ratio', type: 'DOUBLE', data: Float64Array.from({ length: n }, (_, i) => i / 4) },
    { name: 'Ok', type: 'BOOLEAN', data: Array.from({ length: n }, (_, i) => i % 2 === 0) },
    { name: 'Props', type: 'JSON', data: Array.from({ length: n }, (_, i) => (i === 1 ? null : { i, tags: ['a'] })) },
  ];
}

test('Parquet: columns and types come from the footer, and no row is read to find them', () => {
  const dir = folder({ 'Events.parquet': parquet(events(3)) });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.warnings, []);
  assert.deepEqual(scanned.tables[0]!.columns, [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'Port', type: 'int' },
    { name: 'BytesSent', type: 'long' },
    { name: 'Ratio', type: 'real' },
    { name: 'Ok', type: 'bool' },
    { name: 'Props', type: 'dynamic' },
  ]);
  assert.deepEqual(scanned.tables[0]!.inferred, []);
});

for (const codec of ['SNAPPY', 'GZIP', 'UNCOMPRESSED'] as const) {
  test(`Parquet (${codec}, several row groups) loads before the query and answers it`, async () => {
    const dir = folder({ 'Events.parquet': parquet(events(10), codec, 4) });
    const opened = openDataFolder(dir);
    const query =
      'Events | summarize n = count(), sent = sum(BytesSent), earliest = min(TimeGenerated), ok = countif(Ok) by Computer | order by Computer asc';
    await opened.prepare(query);
    const r = executeQuery(query, opened.database);
    assert.deepEqual(r.tables[0]!.table.rows(), [
      ['db1', 4, 18000, ticksFromMs(T0), 2],
      ['web1', 6, 27000, ticksFromMs(T0 + 60_000), 3],
    ]);
    assert.deepEqual(opened.warnings, []);
    const props = executeQuery('Events | take 2 | project Props, Ratio, Port', opened.database).tables[0]!.table.rows();
    // Dynamic bags have no prototype in the engine; compared by their JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(props)), [
      [{ i: 0, tags: ['a'] }, 0, 80],
      [null, 0.25, 81],
    ]);
  });
}

test('Parquet: a query not prepared for gets an error naming the table, not a wrong answer', () => {
  const dir = folder({ 'Events.parquet': parquet(events(3)) });
  const opened = openDataFolder(dir);
  assert.throws(
    () => executeQuery('Events | count', opened.database),
    /Events is read from parquet files, which load before the query/,
  );
});

test('Parquet: a row group that cannot be read is a warning naming the file and row group; the others load', async () => {
  const bytes = parquet(events(9), 'GZIP', 3);
  const meta = parquetMetadata(new Uint8Array(bytes));
  // Scribble over the second row group's Computer pages (past their page header).
  const chunk = meta.row_groups[1]!.columns[1]!.meta_data!;
  const at = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
  bytes.fill(0xff, at + 12, at + Number(chunk.total_compressed_size));
  const dir = folder({ 'Events.parquet': bytes });
  const opened = openDataFolder(dir);
  await opened.prepare('Events');
  const r = executeQuery(
    'Events | summarize n = count(), firstPort = min(Port), rows = make_list(BytesSent)',
    opened.database,
  );
  assert.deepEqual(r.tables[0]!.table.rows(), [[6, 80, [0, 1000, 2000, 6000, 7000, 8000]]]);
  assert.equal(opened.warnings.length, 1);
  assert.match(
    opened.warnings[0]!,
    new RegExp(
      `^${path.join(dir, 'Events.parquet').replace(/[\\.]/g, '\\$&')}: row group 2 of 3 \\(rows 4–6\\): left out, it cannot be read: `,
    ),
  );
});

test("Parquet: a value that does not fit the catalogue's type leaves its row out with file, row group and row", async () => {
  // VMBoundPort's Port is an int in the catalogue; the file holds it as text.
  const dir = folder({
    'VMBoundPort.parquet': parquet([
      { name: 'Computer', type: 'STRING', data: ['web1', 'web1', 'db1'] },
      { name: 'Port', type: 'STRING', data: ['80', 'http', '1433'] },
    ]),
  });
  const opened = openDataFolder(dir);
  await opened.prepare('VMBoundPort | count');
  const rows = executeQuery('VMBoundPort | project Computer, Port', opened.database).tables[0]!.table.rows();
  assert.deepEqual(rows, [
    ['web1', 80],
    ['db1', 1433],
  ]);
  assert.match(
    opened.warnings.join('\n'),
    /VMBoundPort\.parquet: row group 1, row 2, column Port: expected an int, found "http"; the row is left out/,
  );
});

test('Parquet and CSV of the same rows answer a query identically, and Parquet tables go through the load cache', async () => {
  const n = 50;
  const csv = ['TimeGenerated,Computer,Port,BytesSent,Ratio,Ok']
    .concat(
      Array.from(
        { length: n },
        (_, i) =>
          `${new Date(T0 + i * 60_000).toISOString()},${i % 3 === 0 ? 'db1' : 'web1'},${80 + (i % 4)},${i * 1000},${i / 4},${i % 2 === 0}`,
      ),
    )
    .join('\n');
  const dir = folder({
    'Csv.csv': csv,
    'Pq.parquet': parquet(
      events(n).filter((c) => c.name !== 'Props'),
      'SNAPPY',
      16,
    ),
  });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parquet-cache-'));
  const loaded = await loadDataFolderAsync(dir, { cache: new LoadCache(cacheDir) });
  assert.deepEqual(loaded.warnings, []);
  const q = (t: string) =>
    `${t} | where Port != 81 | summarize n = count(), sent = sum(BytesSent), r = avg(Ratio), latest = max(TimeGenerated) by Computer, bin(TimeGenerated, 10m) | order by Computer asc, TimeGenerated asc`;
  const again = openDataFolder(dir, { cache: new LoadCache(cacheDir) });
  // From the cache the table builds synchronously, without `prepare`.
  const fromCsv = executeQuery(q('Csv'), again.database).tables[0]!.table.rows();
  const fromParquet = executeQuery(q('Pq'), again.database).tables[0]!.table.rows();
  assert.equal(fromParquet.length, 10);
  assert.deepEqual(fromParquet, fromCsv);
});

test('the tables a query names: words, bracketed names, and every table for wildcards or table()', () => {
  const names = ['VMConnection', 'VMBoundPort', 'Pq'];
  assert.deepEqual(tablesNamedIn('VMConnection | join (VMBoundPort) on Computer', names), [
    'VMConnection',
    'VMBoundPort',
  ]);
  assert.deepEqual(tablesNamedIn("['Pq'] | count", names), ['Pq']);
  assert.deepEqual(tablesNamedIn('VMConnectionX | count', names), []);
  assert.deepEqual(tablesNamedIn('union VM* | count', names), names);
  assert.deepEqual(tablesNamedIn('table("P" + "q") | count', names), names);
});
