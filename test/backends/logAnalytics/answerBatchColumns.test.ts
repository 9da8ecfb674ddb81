/**
 * Row batches sent by column (answerBatchColumns.ts) come back as the rows they were, cell for cell,
 * through a structured clone as between the worker and the host: repeated values by dictionary, objects
 * and mostly distinct values as cells, -0 not taken for 0, 1 not for "1", a dictionary that fills
 * switching its column to cells mid-answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type BatchColumn,
  ColumnDecoder,
  ColumnEncoder,
  MIN_DICTIONARY_LIMIT,
} from '../../../src/backends/logAnalytics/answerBatchColumns';
import type { WireValue } from '../../../src/results/queryResult';

/** `rows` in batches of `size`, each cloned as postMessage would, decoded; and how each column went. */
function roundTrip(rows: WireValue[][], size: number): { rows: WireValue[][]; kinds: string[][] } {
  const encoder = new ColumnEncoder();
  const decoder = new ColumnDecoder();
  const out: WireValue[][] = [];
  const kinds: string[][] = [];
  for (let from = 0; from < rows.length; from += size) {
    const batch = rows.slice(from, from + size);
    const transfer: ArrayBuffer[] = [];
    const sent = encoder.encode(batch, batch[0]!.length, transfer);
    const columns = structuredClone(sent, { transfer }) as BatchColumn[];
    kinds.push(columns.map((c) => ('cells' in c ? 'cells' : 'dictionary')));
    decoder.decode(columns, batch.length, out, () => {});
  }
  return { rows: out, kinds };
}

describe('row batches sent by column', () => {
  test('repeated values go by dictionary, objects and distinct values as cells, every cell as it was', () => {
    const rows: WireValue[][] = [];
    for (let i = 0; i < 1000; i++) {
      rows.push([
        `vm-${i % 7}`,
        i % 3 === 0 ? null : i % 3 === 1 ? 1 : '1',
        i % 2 === 0,
        i % 5 === 0 ? -0 : 0,
        { i, tags: ['a'] },
        `2026-12-06T00:00:${i}`,
        i % 4 === 0 ? '9007199254740993' : 2 ** 53 + (i % 4),
      ]);
    }
    const { rows: back, kinds } = roundTrip(rows, 100);
    assert.deepEqual(back, rows);
    for (let i = 0; i < rows.length; i++) {
      assert.ok(Object.is(back[i]![3], rows[i]![3]), `row ${i}: -0 stays -0, 0 stays 0`);
      assert.equal(typeof back[i]![1], typeof rows[i]![1], `row ${i}: 1 and "1" stay apart`);
    }
    assert.deepEqual(kinds[0], [
      'dictionary',
      'dictionary',
      'dictionary',
      'cells',
      'cells',
      'dictionary',
      'dictionary',
    ]);
  });

  test('a column of mostly distinct values switches to cells when its dictionary fills, exact throughout', () => {
    const n = MIN_DICTIONARY_LIMIT + 20_000;
    const rows: WireValue[][] = [];
    for (let i = 0; i < n; i++) {
      rows.push([`id-${i}`, i % 10]);
    }
    const { rows: back, kinds } = roundTrip(rows, 5000);
    assert.deepEqual(back, rows);
    assert.equal(kinds[0]![0], 'dictionary');
    assert.equal(kinds.at(-1)![0], 'cells', 'the distinct column went as cells once its dictionary was full');
    assert.ok(
      kinds.every((k) => k[1] === 'dictionary'),
      'the repeated column stayed by dictionary',
    );
  });

  test('an object in one batch sends that batch as cells and leaves the dictionary right for the next', () => {
    const rows: WireValue[][] = [['a'], ['b'], ['c'], [{ x: 1 }], ['a'], ['d'], ['b'], [[1, 2]], ['e'], ['a']];
    const { rows: back, kinds } = roundTrip(rows, 3);
    assert.deepEqual(back, rows);
    assert.deepEqual(
      kinds.map((k) => k[0]),
      ['dictionary', 'cells', 'cells', 'dictionary'],
    );
  });

  test('rows of no columns stay rows', () => {
    const { rows: back } = roundTrip([[], [], []], 2);
    assert.deepEqual(back, [[], [], []]);
  });
});
