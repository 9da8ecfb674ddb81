/**
 * Scenario 71: a .kql file turns VMConnection into a graph (machines → RemoteIp:port) with make-graph
 * and finds the machines that reach the same endpoints with a two-hop graph-match, run from the
 * editor; the results panel shows one row per pair, and they are what the same question gives the
 * tabular way (the machine–endpoint pairs joined with themselves), asked of the `kql` CLI. The sample
 * depends on the minute it is generated at (the editor's engine at activation, the CLI later), so the
 * pairs must be equal and each count within one endpoint.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKqlCli } from '../kqlCli';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import type { Workbench } from '../workbench';

export async function graphMatchScenario(wb: Workbench): Promise<void> {
  const text = fs.readFileSync(path.join(__dirname, '../workspace/graph-match.kql'), 'utf8');
  assert.match(text, /make-graph Computer --> Endpoint/);
  const expected = runKqlCli(
    'let E = VMConnection | where Direction == "outbound" | distinct Computer, Endpoint = strcat(RemoteIp, ":", DestinationPort); ' +
      'E | join kind=inner (E) on Endpoint | where strcmp(Computer, Computer1) < 0 ' +
      '| summarize SharedEndpoints = count() by Machine1 = Computer, Machine2 = Computer1 | where SharedEndpoints >= 2 ' +
      '| order by SharedEndpoints desc, Machine1 asc, Machine2 asc',
  );
  assert.ok(expected.rows.length >= 3, `the cross-check found ${JSON.stringify(expected.rows)}`);

  await wb.openFile('graph-match.kql');
  await wb.goTo(4, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  await resultsFrame(wb);
  const grid = await waitForGrid(
    wb,
    'the pairs of machines that share remote endpoints',
    withColumns('Machine1', 'Machine2', 'SharedEndpoints'),
    120_000,
  );
  const pairs = (rows: readonly (readonly unknown[])[]) => rows.map(([a, b]) => `${a} & ${b}`).sort();
  assert.deepEqual(pairs(grid.rows), pairs(expected.rows));
  const counts = new Map(expected.rows.map(([a, b, n]) => [`${a} & ${b}`, Number(n)]));
  for (const [a, b, n] of grid.rows) {
    const want = counts.get(`${a} & ${b}`)!;
    assert.ok(Math.abs(Number(n) - want) <= 1, `${a} & ${b}: ${n} shared endpoints, the tabular way ${want}`);
  }
  await wb.screenshot(71, 'graph-match');
  assert.deepEqual(await crashNotices(wb), []);
}
