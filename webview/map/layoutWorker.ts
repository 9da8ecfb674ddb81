/**
 * The dependency map's layout worker: cytoscape headless with fcose, so a large graph's layout never
 * holds the page's thread. It gets node boxes and edges, answers with positions; the page draws.
 * Bundled on its own (scripts/build.mjs) and embedded in the map bundle as text, because a webview
 * can start workers only from blob: or data: URLs, not from its extension's files.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { layoutOptions, startPosition, type LayoutReply, type LayoutRequest, type Position } from './layoutJob';

cytoscape.use(fcose);

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(m: LayoutReply): void;
};

function layOut(req: LayoutRequest): Record<string, Position> {
  const keep = Object.keys(req.previous).length > 0;
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...req.nodes.map((n, i) => ({
        group: 'nodes' as const,
        data: { id: n.id, parent: n.parent, w: n.w, h: n.h },
        position: startPosition(req.previous, n.id, n.parent, i),
      })),
      ...req.edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
    ],
    style: [
      { selector: 'node', style: { width: 'data(w)', height: 'data(h)' } },
      // Expanded machines and groups fit their children, with the padding the page draws them with.
      { selector: ':parent', style: { padding: '14px' } },
    ],
  });
  cy.layout(layoutOptions(req.nodes.length, keep, false)).run();
  const positions: Record<string, Position> = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    positions[n.id()] = { x: p.x, y: p.y };
  });
  cy.destroy();
  return positions;
}

scope.onmessage = (e) => {
  const req = e.data;
  const started = performance.now();
  try {
    scope.postMessage({ job: req.job, ok: true, positions: layOut(req), ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ job: req.job, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
