import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefreshGate } from '../../src/ui/refreshGate';

/** A gate whose deferred events run when `flush` is called, counting them. */
function gate(): { gate: RefreshGate; flush: () => number } {
  const queue: (() => void)[] = [];
  let fired = 0;
  const g = new RefreshGate(
    () => fired++,
    (run) => queue.push(run),
  );
  return {
    gate: g,
    flush: () => {
      for (const run of queue.splice(0)) run();
      return fired;
    },
  };
}

// e2e 101: Filter Schema with the view closed fired a change that VS Code replayed as a second redraw just
// after the view's first read, and the user's first click on a row landed in it and was dropped.
test('no change event before the view is first shown: its first read sees the newest data', () => {
  const { gate: g, flush } = gate();
  g.visibility(false);
  assert.equal(g.dataChanged(false), false, 'the schema arriving before the view opens');
  assert.equal(g.filterSet('http', false), false, 'Filter Schema run with the view closed');
  assert.equal(flush(), 0);
  g.visibility(true);
  assert.equal(g.filterSet('title', true), true, 'a new filter on the shown view redraws it');
  assert.equal(flush(), 1);
  assert.equal(g.dataChanged(true), true, 'a new schema on the shown view redraws it');
  assert.equal(flush(), 2);
});

test('once shown, a hidden view is told (VS Code holds the event until it shows again)', () => {
  const { gate: g, flush } = gate();
  g.visibility(true);
  g.visibility(false);
  assert.equal(g.dataChanged(false), true);
  assert.equal(flush(), 1);
  assert.equal(g.filterSet('http', false), true);
  assert.equal(flush(), 2);
});

test('setting the filter it already has redraws nothing (Filter Schema, then Enter on the same text)', () => {
  const { gate: g, flush } = gate();
  g.visibility(true);
  assert.equal(g.filterSet('', true), false, 'clearing a filter that is not set');
  assert.equal(g.filterSet('http', true), true);
  assert.equal(flush(), 1);
  assert.equal(g.filterSet('http', true), false);
  assert.equal(g.filterSet('', true), true, 'Clear Schema Filter');
  assert.equal(flush(), 2);
});

test('a view already visible when it is made counts as shown', () => {
  const { gate: g, flush } = gate();
  assert.equal(g.dataChanged(true), true);
  assert.equal(flush(), 1);
});

test('a read of the rows counts as shown, though the visibility event is yet to come', () => {
  const { gate: g, flush } = gate();
  g.read();
  assert.equal(g.dataChanged(false), true, 'the schema arriving between the first read and the event');
  assert.equal(flush(), 1);
});

// VS Code passes the first change event of a burst on at once and the rest 200 ms later: two redraws.
test('changes in one turn are one change event; a change after it is another', () => {
  const { gate: g, flush } = gate();
  g.read();
  assert.equal(g.dataChanged(true), true, 'the backend changed');
  assert.equal(g.dataChanged(true), true, 'and the time range, in the same settings edit');
  assert.equal(g.filterSet('web', true), true);
  assert.equal(flush(), 1);
  assert.equal(g.fired, 1);
  g.dataChanged(true);
  assert.equal(flush(), 2);
});

test('by default the event waits only for the current turn', async () => {
  let fired = 0;
  const g = new RefreshGate(() => fired++);
  g.read();
  g.dataChanged(true);
  g.dataChanged(true);
  assert.equal(fired, 0, 'not yet: more changes of this turn may come');
  await Promise.resolve();
  assert.equal(fired, 1);
});
