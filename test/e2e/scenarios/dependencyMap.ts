/**
 * Scenario 40: "Show Dependency Map" with nothing selected draws the sample fleet collapsed (machines
 * and external endpoint groups, not every process), legible at the default zoom; Enter on a node
 * expands it. The map is a webview: its document sits in nested iframes, read like the results panel.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { buildFleet } from '../../../src/data/sample/fleet';
import { crashNotices } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';

export interface MapState {
  nodes: number;
  status: string;
}

async function readMap(frame: Frame): Promise<MapState | undefined> {
  return frame.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          getElementById(id: string): {
            getAttribute(n: string): string | null;
            textContent: string | null;
            classList: { contains(c: string): boolean };
          } | null;
        };
      }
    ).document;
    const map = doc.getElementById('map');
    const busy = doc.getElementById('busy');
    const nodes = map?.getAttribute('data-nodes');
    return map && nodes && busy?.classList.contains('hidden')
      ? { nodes: Number(nodes), status: doc.getElementById('status')?.textContent ?? '' }
      : undefined;
  });
}

export async function mapFrame(
  wb: Workbench,
  ok: (m: MapState) => boolean,
): Promise<{ frame: Frame; state: MapState }> {
  return waitFor(
    'the dependency map drawn',
    async () => {
      for (const frame of wb.page.frames()) {
        const state = frame === wb.page.mainFrame() ? undefined : await readMap(frame).catch(() => undefined);
        if (state && ok(state)) {
          return { frame, state };
        }
      }
      return undefined;
    },
    90_000,
  );
}

/** "Show Dependency Map" for the whole fleet, drawn. */
export async function openFleetMap(wb: Workbench): Promise<{ frame: Frame; state: MapState }> {
  await wb.runCommand('Connection Analytics: Show Dependency Map');
  // With no machine passed, the command asks which machines (the selection is picked): take the fleet.
  const all = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'All machines' }).first();
  await all.waitFor({ state: 'visible', timeout: 30_000 });
  await all.click();
  await wb.page.keyboard.press('Enter');
  // "1 machine, …" for a folder of one machine (the status line's singular), "2,003 machines, …" else.
  return mapFrame(wb, (m) => m.nodes > 0 && /^[\d,]+ machines?, /.test(m.status));
}

export async function dependencyMapScenario(wb: Workbench): Promise<void> {
  const machines = buildFleet().machines.length;
  const { frame, state } = await openFleetMap(wb);
  assert.match(state.status, new RegExp(`^${machines.toLocaleString('en-US')} machines, [\\d,]+ processes`));
  // Collapsed: one node per machine plus a few external groups, far fewer than processes + endpoints.
  assert.ok(state.nodes >= machines && state.nodes < machines + 20, `fleet view draws ${state.nodes} nodes`);
  await wb.screenshot(40, 'fleet-map');
  await frame.focus('#map');
  await frame.press('#map', 'ArrowRight');
  await frame.press('#map', 'Enter');
  const expanded = await mapFrame(wb, (m) => m.nodes > state.nodes);
  assert.ok(expanded.state.nodes > state.nodes);
  await wb.screenshot(40, 'fleet-map-expanded');
  assert.deepEqual(await crashNotices(wb), []);
}
