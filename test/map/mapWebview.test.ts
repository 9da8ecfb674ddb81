import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze } from '../../src/kql';
import { validateMapHostMessage, validateMapWebviewMessage } from '../../src/protocol/validateMap';
import type { FleetGraph } from '../../src/render/fleetGraph';
import { queryForFleetNode } from '../../src/ui/map/mapNodeQuery';
import {
  CHROMIUM,
  MAP_BUNDLE,
  closeMap,
  renderMap,
  sampleMessage,
  waitForLayout,
  TODAY,
  YESTERDAY,
  type RenderedMap,
} from './mapPage';

describe('fleet map of the sample workspace', () => {
  let graph: FleetGraph;
  before(() => {
    graph = sampleMessage().graph;
  });

  test('monitored remotes resolve to machines; the rest group into a few external nodes', () => {
    const names = new Set(graph.machines.map((m) => m.label));
    for (const n of ['acme-demo', 'acme-sql01', 'acme-redis01', 'onprem-web01']) {
      assert.ok(names.has(n), n);
    }
    assert.ok(
      !graph.endpoints.some((e) => e.remoteIp.startsWith('10.229.')),
      "a monitored machine's IP became an external endpoint",
    );
    assert.ok(graph.groups.length < graph.endpoints.length);
    const c2 = graph.endpoints.find((e) => e.remoteIp === '45.142.212.61')!;
    assert.equal(c2.malicious, true);
  });

  test('every node opens a valid query, and an unknown id opens none', () => {
    const ids = [...graph.machines, ...graph.processes, ...graph.groups, ...graph.endpoints].map((n) => n.id);
    for (const id of ids) {
      const q = queryForFleetNode(graph, id);
      assert.ok(q, id);
      assert.deepEqual(
        analyze(q).diagnostics.filter((d) => d.severity === 'error'),
        [],
        q,
      );
    }
    assert.equal(queryForFleetNode(graph, 'machine:not-there'), undefined);
  });
});

describe('map protocol', () => {
  test('the host accepts only well-formed webview messages', () => {
    const w = { start: '2026-11-23T00:00:00.000Z', end: '2026-11-23T12:00:00.000Z' };
    assert.equal(validateMapWebviewMessage({ type: 'openNode', id: 'machine:m-1' }).ok, true);
    assert.equal(validateMapWebviewMessage({ type: 'openNode', id: 42 }).ok, false);
    assert.equal(validateMapWebviewMessage({ type: 'setWindow', window: w }).ok, true);
    assert.equal(validateMapWebviewMessage({ type: 'setWindow', window: { start: w.end, end: w.start } }).ok, false);
    assert.equal(
      validateMapWebviewMessage({ type: 'setWindow', window: { start: 'now() | take 1', end: w.end } }).ok,
      false,
    );
    assert.equal(validateMapWebviewMessage({ type: 'compare', before: w, after: w }).ok, true);
    assert.equal(validateMapWebviewMessage({ type: 'exportDiff', format: 'xml' }).ok, false);
    assert.equal(validateMapWebviewMessage({ type: 'runQuery', query: 'VMConnection' }).ok, false);
    const openNode = validateMapWebviewMessage({ type: 'openNode', id: 'x', query: 'VMConnection | count' });
    assert.deepEqual(
      openNode.ok && openNode.value,
      { type: 'openNode', id: 'x' },
      'extra fields must not pass through',
    );
  });

  test('the webview accepts a map only with its arrays and windows', () => {
    const m = sampleMessage();
    assert.equal(validateMapHostMessage(m).ok, true);
    assert.equal(validateMapHostMessage({ ...m, graph: { ...m.graph, links: 'x' } }).ok, false);
    assert.equal(validateMapHostMessage({ ...m, window: { start: 'x', end: 'y' } }).ok, false);
  });
});

const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(MAP_BUNDLE);
describe('fleet map drawn in Chromium under the webview CSP', {
  skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`',
}, () => {
  let map: RenderedMap;
  before(async () => {
    map = await renderMap(sampleMessage(), { width: 1200, height: 800 });
  });
  after(async () => closeMap(map));

  const shown = async (): Promise<number> => Number(await map.page.getAttribute('#map', 'data-nodes'));

  test('draws the fleet collapsed, without CSP violations or script errors', async () => {
    assert.deepEqual(map.problems, []);
    const g = sampleMessage().graph;
    assert.equal(await shown(), g.machines.length + g.groups.length);
    assert.match(
      (await map.page.textContent('#status')) ?? '',
      new RegExp(`^${g.machines.length} machines, ${g.processes.length} processes`),
    );
    assert.match((await map.page.textContent('#legend')) ?? '', /malicious remote/);
    // Laid out in the Web Worker: the CSP let the blob: worker start, so the page's thread stayed free.
    assert.equal(await map.page.getAttribute('#map', 'data-layout'), 'worker');
    assert.match((await map.page.textContent('#status')) ?? '', /laid out in [\d,]+ ms \(in a worker\)/);
  });

  test('keyboard: arrows select a node, Enter expands it, O asks the host for its query', async () => {
    const before = await shown();
    await map.page.focus('#map');
    await map.page.keyboard.press('ArrowRight');
    await map.page.keyboard.press('Enter');
    await waitForLayout(map.page);
    assert.ok((await shown()) > before, 'Enter did not expand the selected node');
    await map.page.keyboard.press('ArrowDown');
    await map.page.keyboard.press('o');
    const posted = await map.page.evaluate(
      () => (globalThis as unknown as { __posted: { type: string; id?: string }[] }).__posted,
    );
    const open = posted.filter((m) => m.type === 'openNode');
    assert.equal(open.length, 1);
    assert.equal(validateMapWebviewMessage(open[0]).ok, true);
  });

  test('search finds a process inside a collapsed machine and opens that machine', async () => {
    await map.page.fill('#search', 'w3wp.exe');
    await map.page.press('#search', 'Enter');
    await waitForLayout(map.page);
    await map.page.waitForFunction(() => {
      const doc = (
        globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }
      ).document;
      return doc.getElementById('tooltip')?.textContent?.startsWith('w3wp.exe on acme-demo') === true;
    });
  });

  test('a compared window shows the diff table', async () => {
    await map.page.evaluate(
      (m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'),
      sampleMessage({ compare: { before: YESTERDAY, after: TODAY } }),
    );
    await waitForLayout(map.page);
    const table = (await map.page.textContent('#diff')) ?? '';
    assert.match(table, /new\s*connection\s*acme-app02/);
    assert.match(table, /worse\s*connection\s*acme-app01/);
  });
});
