/**
 * The Machines view on a user's Log Analytics workspace (the loopback server plays the REST API):
 * - a workspace with VMConnection but neither VMComputer nor VMBoundPort nor a process table: the
 *   machines list from VMConnection, and Processes and Bound ports each name the table they lack
 *   without sending a query the service would refuse (before: Bound ports failed red with the service's
 *   "Failed to resolve table" after a round trip);
 * - a slow answer: a refresh aborts the query it replaces (before: each refresh left one running on the
 *   service beside the new one), and the user's Cancel stops it and says so;
 * - a 403: the item's label says what to do (the Reader role, or another account) before the view's
 *   width cuts it (before: the service's long message came first and the advice was past the cut).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { loopbackBackend, useLoopbackServer } from '../backends/logAnalytics/loopbackServer';
import { connectionOnlyMetadata, isMachinesQuery, MACHINES } from './connectionOnlyWorkspace';

const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const RANGE = { timeRange: { start: '2026-12-05T00:00:00Z', end: '2026-12-05T12:00:00Z' } };
describe('the Machines view on a Log Analytics workspace', () => {
  const loopback = useLoopbackServer();
  const backend = () => loopbackBackend(loopback, { credential });

  test('VMConnection only: machines list, Processes and Bound ports name the missing table', async () => {
    loopback.server.serveMetadata({ status: 200, body: connectionOnlyMetadata() });
    loopback.server.respond((r) => (isMachinesQuery(r) ? MACHINES : undefined));
    const la = backend();
    const model = new MachinesModel({ backend: () => la, runOptions: () => RANGE });
    const roots = await model.children();
    assert.deepEqual(
      roots.map((n) => viewOf(n).label),
      ['web-01', 'sql-01'],
    );
    const groups = await model.children(roots[0]);
    const open = async (label: string): Promise<FleetNode[]> =>
      model.children(groups.find((g) => viewOf(g).label === label)!);
    const queriesBefore = loopback.server.requests.filter((r) => r.body.query).length;
    const [processes] = await open('Processes');
    assert.ok(processes?.kind === 'message' && !processes.error, JSON.stringify(processes));
    assert.match(
      viewOf(processes).label,
      /^No process table: neither VMProcess nor ServiceMapProcess_CL is in the workspace/,
    );
    const [ports] = await open('Bound ports');
    assert.ok(ports?.kind === 'message' && !ports.error, JSON.stringify(ports));
    assert.equal(
      viewOf(ports).label,
      `No bound ports: VMBoundPort is not in the workspace (${la.label}). It needs VMBoundPort, which VM insights writes when its Map (the Dependency agent) is enabled.`,
    );
    assert.equal(
      loopback.server.requests.filter((r) => r.body.query).length,
      queriesBefore,
      'no query the service would refuse is sent',
    );
    loopback.server.serveMetadata(undefined);
    loopback.server.respond(undefined);
  });

  test('a slow answer: a second refresh aborts the first query; Cancel stops the load and says so', async () => {
    const la = backend();
    const model = new MachinesModel({ backend: () => la, runOptions: () => RANGE });
    loopback.server.respond((r) => (isMachinesQuery(r) ? { ...MACHINES, delayMs: 60_000 } : undefined));
    const sent = (): number => loopback.server.requests.filter(isMachinesQuery).length;
    const start = sent();
    const first = model.children();
    await waitFor(() => sent() === start + 1);
    model.invalidate();
    const second = model.children();
    // The first query's connection is closed by the client, not left waiting on the service.
    await loopback.server.abandoned;
    const [stale] = await first;
    assert.match(viewOf(stale!).label, /^Loading cancelled/);
    await waitFor(() => sent() === start + 2);
    model.cancel();
    const [cancelled] = await second;
    assert.ok(cancelled?.kind === 'message' && !cancelled.error);
    assert.equal(viewOf(cancelled).label, 'Loading cancelled. Refresh the view to load it again.');
    // Not cached: the next expansion (or refresh) asks again.
    loopback.server.respond((r) => (isMachinesQuery(r) ? MACHINES : undefined));
    assert.deepEqual(
      (await model.children()).map((n) => viewOf(n).label),
      ['web-01', 'sql-01'],
    );
    loopback.server.respond(undefined);
  });

  test('403 while the tree loads: the label says to ask for the Reader role; the tooltip has the service text', async () => {
    const la = backend();
    const model = new MachinesModel({ backend: () => la, runOptions: () => RANGE });
    loopback.server.script([
      {
        status: 403,
        body: {
          error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access.' },
        },
      },
    ]);
    const [node] = await model.children();
    assert.ok(node?.kind === 'message' && node.error && node.action === 'signIn', JSON.stringify(node));
    const view = viewOf(node);
    assert.equal(
      view.label,
      'No read access to this workspace: ask its owner for the Log Analytics Reader role, or click to sign in with another account.',
    );
    assert.match(
      view.tooltip,
      /\n\nLog Analytics denied access to the workspace \(403 Forbidden\): The provided credentials have insufficient access\./,
    );
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), 'timed out waiting');
}
