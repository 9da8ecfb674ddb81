/**
 * What a large map's label layer drew (webview/map/labelLayer.ts), read in its page (Playwright's
 * `evaluate`): each drawn label's node id and screen box (data-label-boxes), the label size, the zoom
 * and the selected node; and a fleet with hostile machine names. Shared by the headless-Chromium test
 * and e2e 118; the page function uses nothing from outside (no inner named functions: tsx would wrap
 * them in a helper the page does not have).
 */
import type { MapGraphMessage } from '../../src/protocol/mapMessages';
import { buildFleetGraph } from '../../src/render/fleetGraph';
import { fleet } from '../../bench/map/fleet';
import type { DomDocument } from '../e2e/browserTypes';

declare const document: DomDocument;

export interface PlacedMapLabels {
  /** [node id, x1, y1, x2, y2] per drawn label, in screen pixels of the map. */
  boxes: [string, number, number, number, number][];
  px: number;
  zoom: number;
  selected: string;
  width: number;
  height: number;
}

export function placedMapLabels(): PlacedMapLabels {
  const map = document.querySelector('#map')! as unknown as {
    dataset: Record<string, string | undefined>;
    _cyreg?: { cy?: { zoom(): number } };
    getBoundingClientRect(): { width: number; height: number };
  };
  const rect = map.getBoundingClientRect();
  return {
    boxes: JSON.parse(map.dataset.labelBoxes ?? '[]'),
    px: Number(map.dataset.labelPx ?? 0),
    zoom: map._cyreg?.cy?.zoom() ?? 0,
    selected: map.dataset.selected ?? '',
    width: rect.width,
    height: rect.height,
  };
}

/** Pairs of drawn labels that overlap (none should). */
export function overlappingLabels(p: PlacedMapLabels): string[] {
  const out: string[] = [];
  for (let i = 0; i < p.boxes.length; i++) {
    for (let j = i + 1; j < p.boxes.length; j++) {
      const [a, ax1, ay1, ax2, ay2] = p.boxes[i]!;
      const [b, bx1, by1, bx2, by2] = p.boxes[j]!;
      if (ax1 < bx2 && bx1 < ax2 && ay1 < by2 && by1 < ay2) {
        out.push(`${a} × ${b}`);
      }
    }
  }
  return out;
}

/** Machine names a hostile export may carry: markup, right-to-left text, 300 characters. */
export const HOSTILE_NAMES: Readonly<Record<number, string>> = {
  1: '<script>window.__xss=1</script><img src=x onerror=window.__xss=2>',
  2: 'שרת-מסד-נתונים-ראשי-בתל-אביב-01',
  3: `long-${'x'.repeat(295)}`,
};

/** bench/map/fleet.ts's synthetic fleet of `machines`, three of them with hostile names. */
export function hostileFleetMessage(machines: number, connections = machines * 6): MapGraphMessage {
  const name = (m: string, computer: string) => HOSTILE_NAMES[Number(m.slice(2))] ?? computer;
  const rows = fleet(machines, connections).map((r) => ({
    ...r,
    computer: name(r.machine, r.computer),
    remoteComputer: r.remoteMachine ? name(r.remoteMachine, r.remoteComputer) : r.remoteComputer,
  }));
  const graph = buildFleetGraph(rows);
  const range = { start: '2026-11-22T12:00:00.000Z', end: '2026-11-23T12:00:00.000Z' };
  return { type: 'mapGraph', title: `${machines} machines`, graph, mode: 'fleet', focus: [], range, window: range };
}
