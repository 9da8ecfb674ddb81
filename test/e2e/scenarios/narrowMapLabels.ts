/**
 * Scenario 107: the dependency map pushed into a narrow column still names its nodes. QA found, in
 * scenario 106's last screenshot, the map drawn without a single label once a query opened beside it:
 * the fit's zoom put every label under cytoscape's smallest drawn size.
 * - Wide: every node's label is drawn (the page's count, and the label colour's pixels on its canvas).
 * - O on a node opens its query beside the map: the map's column narrows, and labels are still drawn,
 *   at a legible size (not only a canvas).
 * - The map's group maximized again: every label drawn as before.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { type DrawnLabels, drawnMapLabels } from '../../map/drawnMapLabels';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { openUnnamedProcess, writeExports } from './ipv6Fleet';
import { showMachinesViewAlone } from './machines';

const N = 107;

/** Waits until the map, at a width `ok` accepts, has refitted and drawn its labels. */
async function labelsAt(frame: Frame, what: string, ok: (width: number) => boolean): Promise<DrawnLabels> {
  let last: DrawnLabels | undefined;
  let stable = 0;
  return waitFor(
    what,
    async () => {
      const now = await frame.evaluate(drawnMapLabels).catch(() => undefined);
      // The same drawing twice in a row: the refit after the resize is done.
      stable = now && last && JSON.stringify(now) === JSON.stringify(last) ? stable + 1 : 0;
      last = now;
      return now && ok(now.width) && now.labels > 0 && stable >= 1 ? now : undefined;
    },
    60_000,
  );
}

export async function narrowMapLabelsScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-narrow-map-');
  writeExports(exports);
  await inOwnWorkspace(main, N, workspace, async (wb) => {
    await showMachinesViewAlone(wb);
    const fleet = await openFleetMap(wb);
    assert.match(fleet.state.status, /^3 machines, /);
    const wide = await labelsAt(fleet.frame, 'the wide map with its labels', (w) => w > 600);
    console.log(`# ${N}: wide: ${JSON.stringify(wide)}`);
    assert.equal(wide.labels, fleet.state.nodes, 'every node labelled in a wide column');
    assert.ok(wide.px >= 11, `labels at ${wide.px} px`);
    assert.ok(wide.textPixels >= 60 * wide.labels, JSON.stringify(wide));
    await wb.screenshot(N, 'map-wide');

    // As in scenario 106: the unnamed process found, and O opens its query beside the map.
    await openUnnamedProcess(fleet.frame);
    await waitForGrid(
      wb,
      "app-v6's connections, opened beside the map",
      (v) => v.headers.includes('RemoteIp') && v.rows.length === 2,
      90_000,
    );
    const narrow = await labelsAt(fleet.frame, 'the map narrowed by the query beside it', (w) => w < 450);
    console.log(`# ${N}: narrow: ${JSON.stringify(narrow)}`);
    assert.ok(narrow.labels >= 2, `${narrow.labels} labels drawn in a ${narrow.width} px column`);
    assert.ok(narrow.px >= 11, `labels at ${narrow.px} px in a ${narrow.width} px column`);
    assert.ok(narrow.textPixels >= 60 * narrow.labels, `the canvas shows the labels: ${JSON.stringify(narrow)}`);
    await wb.screenshot(N, 'map-narrow-labels');

    // Wide again: the map's group maximized, its labels as before.
    // The map's tab makes its group the active one, which the command maximizes.
    await wb.page.locator('.tabs-container .tab', { hasText: 'Dependency map' }).first().click();
    await wb.runCommand('View: Toggle Maximize Editor Group');
    const back = await labelsAt(fleet.frame, 'the map wide again', (w) => w > 600);
    console.log(`# ${N}: wide again: ${JSON.stringify(back)}`);
    assert.equal(back.labels, fleet.state.nodes + 1, 'every node labelled again (app-v6 open: one more)');
    assert.ok(back.px >= 11, `labels at ${back.px} px`);
    await wb.screenshot(N, 'map-wide-again');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
