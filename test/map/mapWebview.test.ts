import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { dependencyMapHtml, isOpenNodeMessage, scriptSafeJson } from '../../src/webviewHtml/dependencyMapHtml';
import { queryForMapNode } from '../../src/ui/machines/mapNodeQueries';
import { analyze } from '../../src/kql';
import { CHROMIUM, MAP_BUNDLE, closeMap, renderMap, sampleGraph, type RenderedMap } from './mapPage';
import type { DependencyGraph } from '../../src/render/dependencyGraph';

describe('dependency map on the sample workspace', () => {
  let graph: DependencyGraph;
  before(() => {
    graph = sampleGraph(['acme-demo', 'onprem-web01']);
  });

  test('acme-demo: its processes, the monitored databases it calls, failures and the malicious C2 of onprem-web01', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    const label = (id: string): string | undefined => graph.nodes.find((n) => n.id === id)?.label;
    assert.equal(label('machine:m-4b9c93f9-bc37-46df-b43c-899ba829e07b'), 'acme-demo');
    const w3wp = graph.nodes.find((n) => n.kind === 'process' && n.label === 'w3wp.exe' && n.machine === 'm-4b9c93f9-bc37-46df-b43c-899ba829e07b')!;
    assert.ok(w3wp);
    const w3wpTargets = graph.edges.filter((e) => e.source === w3wp.id).map((e) => label(e.target)).sort();
    assert.ok(w3wpTargets.includes('acme-sql01') && w3wpTargets.includes('acme-redis01') && w3wpTargets.includes('admdemo-appsvr'), w3wpTargets.join());
    const c2 = graph.nodes.find((n) => n.id === 'endpoint:45.142.212.61:443/tcp')!;
    assert.deepEqual([c2.kind, c2.malicious], ['endpoint', true]);
    const c2Edge = graph.edges.find((e) => e.target === c2.id)!;
    assert.equal(label(c2Edge.source), 'curl');
    assert.equal(c2Edge.malicious, true);
    assert.ok(graph.edges.some((e) => e.kind === 'connects' && e.linksFailed > 0));
    for (const e of graph.edges) {
      assert.ok(ids.has(e.source) && ids.has(e.target), e.id);
      assert.ok(e.width >= 1 && e.width <= 10);
    }
    assert.deepEqual(graph.nodes.filter((n) => n.seed).map((n) => n.label).sort(), ['acme-demo', 'onprem-web01']);
  });

  test('every node opens a valid query', () => {
    for (const n of graph.nodes) {
      const q = queryForMapNode(n);
      assert.ok(q, n.id);
      assert.deepEqual(analyze(q).diagnostics.filter((d) => d.severity === 'error'), [], q);
    }
  });
});

describe('dependency map page', () => {
  test('graph JSON cannot close its script element', () => {
    const html = dependencyMapHtml({
      cspSource: 'vscode-resource:', scriptUri: 'map.js', nonce: 'n1', title: 'a <b> "c"',
      graph: { nodes: [{ id: 'x', kind: 'endpoint', label: '</script><script>alert(1)</script>', detail: '', seed: false, failed: false, malicious: false }], edges: [], omittedEndpoints: 0 },
    });
    assert.equal(html.match(/<\/script>/g)!.length, 2);
    assert.match(html, /script-src 'nonce-n1'/);
    assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
    assert.equal(JSON.parse(scriptSafeJson({ s: '</script>\u2028' })).s, '</script>\u2028');
  });

  test('only well-formed openNode messages are accepted', () => {
    assert.equal(isOpenNodeMessage({ type: 'openNode', id: 'machine:m-1' }), true);
    assert.equal(isOpenNodeMessage({ type: 'openNode', id: 42 }), false);
    assert.equal(isOpenNodeMessage({ type: 'openNode', id: 'x', query: 'VMConnection | count' }), false);
    assert.equal(isOpenNodeMessage(null), false);
  });
});

const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(MAP_BUNDLE);
describe('dependency map drawn in Chromium under the webview CSP', { skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`' }, () => {
  let map: RenderedMap;
  let graph: DependencyGraph;
  before(async () => {
    graph = sampleGraph(['acme-demo']);
    map = await renderMap(graph, 'Dependency map: acme-demo', { width: 1000, height: 700 });
  });
  after(async () => closeMap(map));

  test('draws without CSP violations or script errors, and says what it drew', async () => {
    assert.deepEqual(map.problems, []);
    const legend = await map.page.textContent('#legend');
    assert.match(legend ?? '', new RegExp(`${graph.nodes.length} nodes, ${graph.edges.length} links`));
    const canvases = await map.page.locator('#map canvas').count();
    assert.ok(canvases >= 1);
  });

  test('clicking a node posts its id to the host', async () => {
    // Click across the drawing until a node is hit; every post must name a node of the graph.
    const box = (await map.page.locator('#map').boundingBox())!;
    for (let y = box.y + 20; y < box.y + box.height && (await posted(map)).length === 0; y += 12) {
      for (let x = box.x + 20; x < box.x + box.width && (await posted(map)).length === 0; x += 12) {
        await map.page.mouse.click(x, y);
      }
    }
    const messages = await posted(map);
    assert.ok(messages.length > 0, 'no node was hit');
    for (const m of messages) {
      assert.ok(isOpenNodeMessage(m));
      assert.ok(graph.nodes.some((n) => n.id === (m as { id: string }).id));
    }
  });
});

async function posted(map: RenderedMap): Promise<unknown[]> {
  return map.page.evaluate(() => (globalThis as unknown as { __posted: unknown[] }).__posted);
}
