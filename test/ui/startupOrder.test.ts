/** StartupOrder: the engine's eager start is released by the server's start, or by the cap, whichever first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StartupOrder } from '../../src/ui/startupOrder';

async function released(order: StartupOrder, withinMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), withinMs);
  });
  const result = await Promise.race([order.engineMayStart.then(() => true), late]);
  clearTimeout(timer);
  return result;
}

test('held until the server has started', async () => {
  const order = new StartupOrder(60_000);
  assert.equal(await released(order, 50), false);
  order.serverStarted();
  assert.equal(await released(order, 50), true);
  // A second report (a restart, a failure after the start) changes nothing.
  order.serverStarted();
});

test('a server that never answers holds the engine no longer than the cap', async () => {
  const order = new StartupOrder(30);
  assert.equal(await released(order, 1_000), true);
});
