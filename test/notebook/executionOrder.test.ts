import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecutionOrders, runDurationMs } from '../../src/notebook';

test('two notebooks running at once each count their own runs from 1 (one shared counter gave 1, 2, 3 across them)', () => {
  const orders = new ExecutionOrders();
  assert.deepEqual(
    [orders.next('a.kqlnb'), orders.next('b.kqlnb'), orders.next('a.kqlnb'), orders.next('b.kqlnb')],
    [1, 1, 2, 2],
  );
});

test('a reopened notebook goes on after the highest saved number; closing it forgets the count', () => {
  const orders = new ExecutionOrders();
  assert.equal(orders.next('a.kqlnb', [undefined, 4, 7]), 8);
  assert.equal(orders.next('a.kqlnb', [undefined, 4, 8]), 9);
  orders.forget('a.kqlnb');
  assert.equal(orders.next('a.kqlnb'), 1);
});

test("a cell's duration is VS Code's timing of this session's run, else what the file saved", () => {
  assert.equal(runDurationMs({ startTime: 1_000, endTime: 1_250 }, 40), 250);
  assert.equal(runDurationMs(undefined, 40), 40);
  assert.equal(runDurationMs(undefined, 'soon'), undefined);
  assert.equal(runDurationMs({ startTime: 2_000, endTime: 1_000 }, undefined), undefined);
});
