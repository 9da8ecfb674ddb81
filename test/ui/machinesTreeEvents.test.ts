/**
 * What the Machines view tells VS Code, counted on its `onDidChangeTreeData`. A change event before the
 * view is first shown is replayed by VS Code as a second redraw just after the first one (the Schema
 * view's first click was dropped so); two in one turn are two redraws 200 ms apart (VS Code passes the
 * first of a burst on at once and the rest later). A settings edit that changes the data folder and the
 * time range is both a backend change and a time range change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FleetNode, MachinesModel } from '../../src/ui/machines/machinesModel';
import { installFakeVscode } from './fakeVscode';

installFakeVscode();
// After the fake is in place: the provider imports `vscode`.
const { MachinesTreeProvider } =
  require('../../src/ui/machines/machinesTreeProvider') as typeof import('../../src/ui/machines/machinesTreeProvider');

/** A model with one machine row, counting how often its loaded levels were forgotten. */
function fakeModel(): MachinesModel & { invalidated: number } {
  const machine = { kind: 'message', text: 'web-01' } as unknown as FleetNode;
  const model = {
    invalidated: 0,
    invalidate: () => {
      model.invalidated++;
    },
    children: async () => [machine],
    parent: () => undefined,
    cancel: () => undefined,
  };
  return model as unknown as MachinesModel & { invalidated: number };
}

/** A turn for the deferred event to be fired in. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function provider() {
  const model = fakeModel();
  const p = new MachinesTreeProvider(model, () => 'Sample data');
  let events = 0;
  p.onDidChangeTreeData(() => events++);
  return { p, model, events: () => events };
}

test('no change event while the view has never been shown; its first read loads afresh', async () => {
  const { p, model, events } = provider();
  // The view exists, closed (the Explorer is open): a settings edit changes the backend and the time range.
  p.refresh('backend');
  p.refresh('time range');
  await settle();
  assert.equal(events(), 0, 'VS Code would replay these as a redraw under the first click');
  assert.equal(model.invalidated, 2, 'the loaded levels are still forgotten, so the first read queries again');
});

test('once the view has read its rows, a burst of changes in one turn is one change event', async () => {
  const { p, events } = provider();
  await p.getChildren();
  p.refresh('backend');
  p.refresh('time range');
  await settle();
  assert.equal(events(), 1);
  p.refresh('Refresh');
  await settle();
  assert.equal(events(), 2, 'a later change is told again');
});

test('a view shown, then hidden, is still told (VS Code holds the event until it shows again)', async () => {
  const { p, events } = provider();
  p.visible = () => true;
  p.refresh('backend');
  await settle();
  assert.equal(events(), 1);
  p.visible = () => false;
  p.refresh('time range');
  await settle();
  assert.equal(events(), 2);
});
