import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshGate } from '../../src/ui/schemaView/refreshGate';

// e2e 101: Filter Schema with the view closed fired a change that VS Code replayed as a second redraw just
// after the view's first read, and the user's first click on a row landed in it and was dropped.
test('no change event before the view is first shown: its first read sees the newest data', () => {
  const gate = new RefreshGate();
  gate.visibility(false);
  assert.equal(gate.dataChanged(false), false, 'the schema arriving before the view opens');
  assert.equal(gate.filterSet('http', false), false, 'Filter Schema run with the view closed');
  gate.visibility(true);
  assert.equal(gate.filterSet('title', true), true, 'a new filter on the shown view redraws it');
  assert.equal(gate.dataChanged(true), true, 'a new schema on the shown view redraws it');
});

test('once shown, a hidden view is told (VS Code holds the event until it shows again)', () => {
  const gate = new RefreshGate();
  gate.visibility(true);
  gate.visibility(false);
  assert.equal(gate.dataChanged(false), true);
  assert.equal(gate.filterSet('http', false), true);
});

test('setting the filter it already has redraws nothing (Filter Schema, then Enter on the same text)', () => {
  const gate = new RefreshGate();
  gate.visibility(true);
  assert.equal(gate.filterSet('', true), false, 'clearing a filter that is not set');
  assert.equal(gate.filterSet('http', true), true);
  assert.equal(gate.filterSet('http', true), false);
  assert.equal(gate.filterSet('', true), true, 'Clear Schema Filter');
});

test('a view already visible when it is made counts as shown', () => {
  const gate = new RefreshGate();
  assert.equal(gate.dataChanged(true), true);
});

test('a read of the rows counts as shown, though the visibility event is yet to come', () => {
  const gate = new RefreshGate();
  gate.read();
  assert.equal(gate.dataChanged(false), true, 'the schema arriving between the first read and the event');
});
