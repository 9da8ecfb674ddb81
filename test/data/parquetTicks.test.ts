/**
 * Parquet INT64 timestamps in nanoseconds and microseconds load to the exact 100-ns tick, also where
 * the ticks pass 2^53 (before mid-1981 and after mid-2038), as the engine's datetimes are exact.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadDataFileAsync } from '../../src/data/loaders';
import { formatDatetime } from '../../src/engine/functions/datetimeText';
import type { Ticks } from '../../src/engine/ticks';

function timestamps(unit: 'NANOS' | 'MICROS', values: bigint[]): string {
  const buf = parquetWriteBuffer({
    columnData: [{ name: 'T', data: BigInt64Array.from(values) }],
    schema: [
      { name: 'root', num_children: 1 },
      {
        name: 'T',
        type: 'INT64',
        repetition_type: 'REQUIRED',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit },
      },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parquet-ticks-'));
  const f = path.join(dir, `Times${unit}.parquet`);
  fs.writeFileSync(f, Buffer.from(buf));
  return f;
}

const ms = (iso: string) => BigInt(Date.parse(iso));

async function loaded(f: string): Promise<string[]> {
  const { table, notes } = await loadDataFileAsync(f);
  assert.deepEqual(notes, []);
  const col = table.column('T')!;
  assert.equal(col.type, 'datetime');
  return Array.from({ length: table.rowCount }, (_, i) => formatDatetime(col.get(i) as Ticks));
}

test('nanosecond timestamps load to the exact tick, inside and outside 1981–2038', async () => {
  const f = timestamps('NANOS', [
    ms('2017-07-14T02:40:00Z') * 1_000_000n + 123_456_789n,
    ms('2040-01-01T00:00:00Z') * 1_000_000n + 123_456_789n,
    ms('1970-01-01T00:00:00Z') * 1_000_000n + 100n,
    ms('1969-12-31T23:59:59Z') * 1_000_000n + 999_999_999n,
    ms('2262-04-11T23:47:16Z') * 1_000_000n + 854_775_807n,
  ]);
  assert.deepEqual(await loaded(f), [
    '2017-07-14T02:40:00.1234567Z',
    '2040-01-01T00:00:00.1234567Z',
    '1970-01-01T00:00:00.0000001Z',
    '1969-12-31T23:59:59.9999999Z',
    '2262-04-11T23:47:16.8547758Z',
  ]);
});

test('microsecond timestamps load to the exact tick far from the base', async () => {
  const f = timestamps('MICROS', [
    ms('2100-01-01T00:00:00Z') * 1000n + 123_457n,
    ms('1900-06-30T12:00:00Z') * 1000n + 999_999n,
  ]);
  assert.deepEqual(await loaded(f), ['2100-01-01T00:00:00.1234570Z', '1900-06-30T12:00:00.9999990Z']);
});
