/**
 * Scenario 118: a 200-machine fleet's dependency map, zoomed far out, still says what is where. Before,
 * a map of 60+ machines fitted or zoomed out drew no label at all (each under cytoscape's smallest
 * size); now the most important machines keep a legible label, none on top of another, and the machine
 * the user searched for is among them.
 * - The fleet of 200 machines (three with hostile names) from the user's own exports, the whole map.
 * - Search a machine, zoom out with the keyboard to under a third of the fitted zoom: at least 10 labels, none overlapping, at 11 px or
 *   more, the searched machine's among them (the label layer's boxes, and its colour on the canvas).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { drawnMapLabels } from '../../map/drawnMapLabels';
import { HOSTILE_NAMES, overlappingLabels, type PlacedMapLabels, placedMapLabels } from '../../map/largeMapLabels';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { showMachinesViewAlone } from './machines';

const N = 118;
const MACHINES = 200;
const SEARCHED = 137;

const hostName = (i: number) => HOSTILE_NAMES[i] ?? `host-${String(i).padStart(3, '0')}`;
const ip = (i: number) => `10.1.${i >> 8}.${i & 255}`;

/** The fleet's exports: each machine talks to four others (a fixed pseudo-random choice), some links failing. */
function writeFleet(dir: string): void {
  const at = new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const csv = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const line = (...values: (string | number)[]) => values.map(csv).join(',');
  let s = 4242;
  const r = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const computers = ['TimeGenerated,Computer,Machine,OperatingSystemFamily,Ipv4Addresses,Ipv6Addresses'];
  const connections = [
    'TimeGenerated,Computer,Machine,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,LinksFailed,BytesSent,BytesReceived',
  ];
  for (let i = 0; i < MACHINES; i++) {
    computers.push(line(at, hostName(i), `m-${i}`, 'linux', `["${ip(i)}"]`, '[]'));
    for (let k = 0; k < 4; k++) {
      const to = Math.floor(r() * MACHINES);
      if (to !== i) {
        const failed = r() < 0.05 ? 3 : 0;
        connections.push(line(at, hostName(i), `m-${i}`, 'outbound', ip(to), 443, 'tcp', 10, failed, 5_000, 9_000));
      }
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'VMComputer.csv'), computers.join('\n'));
  fs.writeFileSync(path.join(dir, 'VMConnection.csv'), connections.join('\n'));
}

/** The labels once the drawing has settled (the same twice in a row), with the zoom `ok` accepts. */
async function settledLabels(
  frame: Frame,
  what: string,
  ok: (p: PlacedMapLabels) => boolean,
): Promise<PlacedMapLabels> {
  let last = '';
  return waitFor(
    what,
    async () => {
      const now = await frame.evaluate(placedMapLabels).catch(() => undefined);
      const key = JSON.stringify(now);
      const same = key === last;
      last = key;
      return now && same && ok(now) ? now : undefined;
    },
    60_000,
  );
}

export async function bigMapLabelsScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-big-map-');
  writeFleet(exports);
  await inOwnWorkspace(main, N, workspace, async (wb) => {
    await showMachinesViewAlone(wb);
    const fleet = await openFleetMap(wb);
    assert.match(fleet.state.status, /^200 machines, /);
    const fitted = await settledLabels(fleet.frame, 'the fitted map labelled', (p) => p.boxes.length > 0);
    console.log(`# ${N}: fitted: ${fitted.boxes.length} labels at zoom ${fitted.zoom.toFixed(3)}, ${fitted.px} px`);
    assert.deepEqual(overlappingLabels(fitted), []);
    await wb.screenshot(N, 'big-map-fitted');

    const search = fleet.frame.locator('#search');
    await search.fill(`host-${SEARCHED}`);
    await search.press('Enter');
    await waitFor('the searched machine selected', async () =>
      (await fleet.frame.getAttribute('#map', 'data-selected')) === `machine:m-${SEARCHED}` ? true : undefined,
    );
    // The search lays the map out again (the progress note): zoom once it is done, or the fit that
    // ends the layout undoes the zoom.
    await waitFor('the map laid out after the search', async () =>
      (await fleet.frame.locator('#busy').isHidden()) ? true : undefined,
    );
    // Far out: step by step (the keyboard's 0.8) to under a third of the fitted zoom, the fleet a small
    // blob in the middle of the panel.
    await fleet.frame.focus('#map');
    for (let i = 0; i < 30; i++) {
      const now = await fleet.frame.evaluate(placedMapLabels);
      if (now.zoom < fitted.zoom / 3) {
        break;
      }
      await fleet.frame.press('#map', '-');
    }
    const out = await settledLabels(fleet.frame, 'the map zoomed far out, labelled', (p) => p.zoom < fitted.zoom / 3);
    const drawn = await fleet.frame.evaluate(drawnMapLabels);
    console.log(
      `# ${N}: zoomed out: ${out.boxes.length} labels at zoom ${out.zoom.toFixed(3)}, ${out.px} px; ` +
        `${drawn.textPixels} label-colour pixels`,
    );
    await wb.screenshot(N, 'big-map-zoomed-out');
    assert.deepEqual(overlappingLabels(out), [], 'no label on top of another');
    assert.ok(out.boxes.length >= 10, `${out.boxes.length} labels zoomed out`);
    assert.ok(out.px >= 11, `labels at ${out.px} px`);
    assert.ok(
      out.boxes.some((b) => b[0] === `machine:m-${SEARCHED}`),
      `the searched machine labelled: ${out.boxes.map((b) => b[0]).join(', ')}`,
    );
    // What the page says it drew is on the canvas: some 60+ pixels of the label colour per label.
    assert.ok(drawn.textPixels >= 60 * out.boxes.length, JSON.stringify(drawn));
    assert.deepEqual(await crashNotices(wb), []);
  });
}
