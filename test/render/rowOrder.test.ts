import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable } from '../../src/results/queryResult';
import { RowOrder } from '../../src/render/rowOrder';
import { rowCells } from '../../src/render/tableCells';

const table: ResultTable = {
  name: 't',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Bytes', type: 'long' },
    { name: 'When', type: 'datetime' },
  ],
  rows: [
    ['web-10', 5, '2024-05-01T02:00:00Z'],
    ['web-9', null, '2024-05-01T00:00:00.5Z'],
    ['DB-01', 100, null],
    ['web-2', '20', '2024-05-01T01:00:00Z'],
  ],
};

test('no filter and no sort keeps the result order', () => {
  assert.deepEqual(new RowOrder(rowCells(table)).order('', undefined), [0, 1, 2, 3]);
});

test('filters case-insensitively across all columns', () => {
  const o = new RowOrder(rowCells(table));
  assert.deepEqual(o.order('db', undefined), [2]);
  assert.deepEqual(o.order('WEB', undefined), [0, 1, 3]);
  assert.deepEqual(o.order('T01:00', undefined), [3]);
});

test('sorts numbers numerically (strings too), nulls last in both directions', () => {
  const o = new RowOrder(rowCells(table));
  assert.deepEqual(o.order('', { column: 1, descending: false }), [0, 3, 2, 1]);
  assert.deepEqual(o.order('', { column: 1, descending: true }), [2, 3, 0, 1]);
});

test('sorts strings naturally and datetimes by time', () => {
  const o = new RowOrder(rowCells(table));
  assert.deepEqual(o.order('', { column: 0, descending: false }), [2, 3, 1, 0]);
  assert.deepEqual(o.order('', { column: 2, descending: false }), [1, 3, 0, 2]);
});

test('filter and sort combine', () => {
  assert.deepEqual(new RowOrder(rowCells(table)).order('web', { column: 1, descending: true }), [3, 0, 1]);
});
