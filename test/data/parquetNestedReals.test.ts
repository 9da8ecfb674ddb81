/**
 * Whole-number reals inside nested Parquet columns stay reals: hyparquet gives a DOUBLE leaf `1.0` as
 * the number 1, which the engine would otherwise read as a long inside dynamic.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';

/** The writer's own SchemaElement (it bundles another hyparquet version). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
import { openDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';
import { dynamicJson } from '../../src/engine/valueText';
import type { DynamicValue } from '../../src/engine/values';

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 4 },
  // LIST<DOUBLE> (three-level form)
  { name: 'Reals', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  // LIST<INT32>: whole numbers that are ints, and stay so
  { name: 'Ints', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
  // MAP<STRING, DOUBLE>
  { name: 'Bag', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
  { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
  { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'value', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  // struct { n: INT32, x: FLOAT }
  { name: 'Pair', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'n', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'x', type: 'FLOAT', repetition_type: 'OPTIONAL' },
];

function folderWith(): string {
  const buf = parquetWriteBuffer({
    schema: SCHEMA,
    columnData: [
      { name: 'Reals', data: [[-1.5, 1, 2.5, 3], null] },
      { name: 'Ints', data: [[1, 2], [3]] },
      { name: 'Bag', data: [{ a: 42, b: 0.5 }, null] },
      { name: 'Pair', data: [{ n: 7, x: 2 }, null] },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parquet-nested-'));
  fs.writeFileSync(path.join(dir, 'Nested.parquet'), Buffer.from(buf));
  return dir;
}

test('Parquet: whole-number DOUBLE and FLOAT values inside lists, maps and structs stay reals', async () => {
  const opened = openDataFolder(folderWith());
  const query =
    'Nested | take 1 | project Reals, Ints, Bag, Pair, t0 = gettype(Reals[1]), t1 = gettype(Ints[0]), t2 = gettype(Bag.a), t3 = gettype(Pair.n), t4 = gettype(Pair.x)';
  await opened.prepare(query);
  const row = executeQuery(query, opened.database).tables[0]!.table.rows()[0]!;
  assert.deepEqual(
    row.slice(0, 4).map((v) => dynamicJson(v as DynamicValue)),
    ['[-1.5,1.0,2.5,3.0]', '[1,2]', '{"a":42.0,"b":0.5}', '{"n":7,"x":2.0}'],
  );
  assert.deepEqual(row.slice(4), ['real', 'int', 'real', 'int', 'real']);
  assert.deepEqual(opened.warnings, []);
});
