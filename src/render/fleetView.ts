/**
 * What the map shows of a FleetGraph: which machines and groups are expanded, fleet or focus mode,
 * and edges summed up to the nodes on screen (a collapsed machine carries its processes' links, a
 * collapsed group its endpoints'). Pure, so the webview and the tests share it.
 */
import type { EdgeChange, FleetGraph } from './fleetGraph';

export type MapMode = 'fleet' | 'focus';
export type EdgeWeight = 'links' | 'bytes';

export interface ViewOptions {
  readonly mode: MapMode;
  /** Machine ids in focus (focus mode). */
  readonly focus: readonly string[];
  /** Machine and group ids drawn open, with their processes or endpoints inside. */
  readonly expanded: ReadonlySet<string>;
  /** Focus mode: neighbours whose own hop was added. */
  readonly grown: ReadonlySet<string>;
  readonly weight: EdgeWeight;
  /** Fleet mode: also draw the external endpoint groups. */
  readonly externals: boolean;
}

export type ViewNodeKind = 'machine' | 'process' | 'group' | 'endpoint';

export interface ViewNode {
  readonly id: string;
  readonly kind: ViewNodeKind;
  readonly label: string;
  readonly parent?: string;
  /** Hover text. */
  readonly detail: string;
  readonly seed: boolean;
  readonly malicious: boolean;
  readonly failed: boolean;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

export interface ViewEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly links: number;
  readonly failed: number;
  readonly bytes: number;
  readonly ports: readonly number[];
  readonly malicious: boolean;
  /** At least FAILING_RATE of the attempts failed: drawn as a failing link. */
  readonly failing: boolean;
  readonly change?: EdgeChange;
  /** Drawn width, 1 to MAX_WIDTH, by the logarithm of the chosen weight. */
  readonly width: number;
  readonly tooltip: string;
}

export interface MapView {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** Machines and groups left out by the mode (focus: beyond one hop; fleet: external groups). */
  readonly hidden: number;
  /**
   * Fleet mode over more than FLEET_MACHINE_LIMIT machines: how many of how many machines are drawn
   * (the busiest), so the page can say the map is cut and how to reach the others.
   */
  readonly limited?: { readonly shown: number; readonly of: number };
}

export const MAX_WIDTH = 8;
/** A link drawn as failing: most links fail now and then, so only a visible share counts. */
export const FAILING_RATE = 0.02;
const MAX_PORTS_SHOWN = 8;
/**
 * Machines the fleet view draws at most: 2,000 machines were a grid of unlabelled dots after 85 s of
 * layout on a loaded 2-core machine; a few hundred lay out in seconds and still read. Beyond it the
 * busiest are drawn (flagged ones first) and search or focus reaches the rest.
 */
export const FLEET_MACHINE_LIMIT = 300;

/** The machines the fleet view draws: all, or the flagged and busiest up to the limit, plus kept ones. */
function fleetMachines(graph: FleetGraph, unitOf: (id: string) => string, keep: ReadonlySet<string>): string[] {
  if (graph.machines.length <= FLEET_MACHINE_LIMIT) return graph.machines.map((m) => m.id);
  const traffic = new Map<string, number>();
  for (const l of graph.links) {
    for (const unit of [unitOf(l.source), unitOf(l.target)]) {
      traffic.set(unit, (traffic.get(unit) ?? 0) + l.links + l.failed);
    }
  }
  const rank = (m: FleetGraph['machines'][number]): number => (m.malicious ? 0 : m.failed ? 1 : 2);
  const ranked = [...graph.machines].sort(
    (a, b) =>
      rank(a) - rank(b) || (traffic.get(b.id) ?? 0) - (traffic.get(a.id) ?? 0) || a.label.localeCompare(b.label),
  );
  const kept = ranked.filter((m) => keep.has(m.id) || m.seed);
  const rest = ranked.filter((m) => !keep.has(m.id) && !m.seed);
  return [...kept, ...rest.slice(0, Math.max(0, FLEET_MACHINE_LIMIT - kept.length))].map((m) => m.id);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function edgeTooltip(
  e: Pick<ViewEdge, 'links' | 'failed' | 'bytes' | 'ports' | 'malicious' | 'change'>,
): string {
  const ports =
    e.ports.slice(0, MAX_PORTS_SHOWN).join(', ') +
    (e.ports.length > MAX_PORTS_SHOWN ? ` and ${e.ports.length - MAX_PORTS_SHOWN} more` : '');
  const lines = [
    `${e.links} links, ${e.failed} failed`,
    formatBytes(e.bytes),
    `port${e.ports.length === 1 ? '' : 's'} ${ports}`,
  ];
  if (e.malicious) {
    lines.push('malicious remote');
  }
  if (e.change) {
    lines.push(e.change === 'worse' ? 'failure rate rose' : `${e.change} in the later window`);
  }
  return lines.join('\n');
}

const CHANGE_ORDER: Record<EdgeChange, number> = { worse: 1, new: 2, vanished: 3 };

export function visibleGraph(graph: FleetGraph, o: ViewOptions): MapView {
  const processMachine = new Map(graph.processes.map((p) => [p.id, p.machineId]));
  const endpointGroup = new Map(graph.endpoints.map((e) => [e.id, e.groupId]));
  /** The machine or group a graph node belongs to. */
  const unitOf = (id: string): string => processMachine.get(id) ?? endpointGroup.get(id) ?? id;
  /** The node drawn for a graph node: itself when its unit is open, else the unit. */
  const shownAs = (id: string): string => {
    const unit = unitOf(id);
    return unit === id || o.expanded.has(unit) ? id : unit;
  };

  const units = new Set<string>();
  let limited: MapView['limited'];
  if (o.mode === 'fleet') {
    const drawn = fleetMachines(graph, unitOf, new Set([...o.expanded, ...o.focus]));
    drawn.forEach((id) => units.add(id));
    if (drawn.length < graph.machines.length) limited = { shown: drawn.length, of: graph.machines.length };
    if (o.externals) {
      graph.groups.forEach((g) => units.add(g.id));
    }
  } else {
    const neighbours = new Map<string, Set<string>>();
    const link = (a: string, b: string): void => {
      (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
    };
    for (const l of graph.links) {
      const a = unitOf(l.source);
      const b = unitOf(l.target);
      link(a, b);
      link(b, a);
    }
    const core = new Set(o.focus);
    let grew = true;
    while (grew) {
      grew = false;
      units.clear();
      for (const c of core) {
        units.add(c);
        neighbours.get(c)?.forEach((n) => units.add(n));
      }
      for (const g of o.grown) {
        if (units.has(g) && !core.has(g)) {
          core.add(g);
          grew = true;
        }
      }
    }
  }

  const nodes: ViewNode[] = [];
  const processCount = new Map<string, number>();
  graph.processes.forEach((p) => processCount.set(p.machineId, (processCount.get(p.machineId) ?? 0) + 1));
  for (const m of graph.machines) {
    if (!units.has(m.id)) {
      continue;
    }
    const count = processCount.get(m.id) ?? 0;
    const open = o.expanded.has(m.id) && count > 0;
    nodes.push({
      id: m.id,
      kind: 'machine',
      label: m.label,
      seed: m.seed || o.focus.includes(m.id),
      malicious: m.malicious,
      failed: m.failed,
      expandable: count > 0,
      expanded: open,
      detail: `${m.label}\n${m.machine}\n${count} process${count === 1 ? '' : 'es'} with outbound links${count ? (open ? ' · click to collapse' : ' · click to expand') : ''}`,
    });
    if (open) {
      for (const p of graph.processes) {
        if (p.machineId === m.id) {
          nodes.push({
            id: p.id,
            kind: 'process',
            label: p.label,
            parent: m.id,
            detail: `${p.label} on ${m.label}`,
            seed: false,
            malicious: false,
            failed: false,
            expandable: false,
            expanded: false,
          });
        }
      }
    }
  }
  const endpointsById = new Map(graph.endpoints.map((e) => [e.id, e]));
  for (const g of graph.groups) {
    if (!units.has(g.id)) {
      continue;
    }
    const open = o.expanded.has(g.id);
    nodes.push({
      id: g.id,
      kind: 'group',
      label: g.label,
      seed: false,
      malicious: g.malicious,
      failed: false,
      expandable: true,
      expanded: open,
      detail: `${g.label}\n${open ? 'click to collapse' : 'click to expand'}`,
    });
    if (open) {
      for (const id of g.endpointIds) {
        const e = endpointsById.get(id)!;
        nodes.push({
          id,
          kind: 'endpoint',
          label: e.label,
          parent: g.id,
          seed: false,
          malicious: e.malicious,
          failed: false,
          expandable: false,
          expanded: false,
          // The label brackets an IPv6 address, so its port reads apart from its last group.
          detail: `${e.label}/${e.protocol}\nNot a monitored machine${e.malicious ? `\nMalicious${e.threats.length ? `: ${e.threats.join(', ')}` : ''}` : ''}`,
        });
      }
    }
  }

  type E = {
    source: string;
    target: string;
    links: number;
    failed: number;
    bytes: number;
    ports: Set<number>;
    malicious: boolean;
    change?: EdgeChange;
  };
  const edges = new Map<string, E>();
  for (const l of graph.links) {
    if (!units.has(unitOf(l.source)) || !units.has(unitOf(l.target))) {
      continue;
    }
    const source = shownAs(l.source);
    const target = shownAs(l.target);
    if (source === target) {
      continue;
    }
    const id = `${source}->${target}`;
    let e = edges.get(id);
    if (!e) {
      e = { source, target, links: 0, failed: 0, bytes: 0, ports: new Set(), malicious: false };
      edges.set(id, e);
    }
    e.links += l.links;
    e.failed += l.failed;
    e.bytes += l.bytes;
    l.ports.forEach((p) => e!.ports.add(p));
    e.malicious ||= l.malicious;
    if (l.change && (!e.change || CHANGE_ORDER[l.change] > CHANGE_ORDER[e.change])) {
      e.change = l.change;
    }
  }
  const weightOf = (e: E): number => (o.weight === 'links' ? e.links + e.failed : e.bytes);
  const maxWeight = Math.max(0, ...[...edges.values()].map(weightOf));
  const viewEdges = [...edges.entries()].map(([id, e]): ViewEdge => {
    const ports = [...e.ports].sort((a, b) => a - b);
    const w = weightOf(e);
    const width = maxWeight > 0 && w > 0 ? 1 + ((MAX_WIDTH - 1) * Math.log1p(w)) / Math.log1p(maxWeight) : 1;
    const base = { links: e.links, failed: e.failed, bytes: e.bytes, ports, malicious: e.malicious, change: e.change };
    const failing = e.failed > 0 && e.failed / (e.links + e.failed) >= FAILING_RATE;
    return { id, source: e.source, target: e.target, ...base, failing, width, tooltip: edgeTooltip(base) };
  });
  const allUnits = graph.machines.length + graph.groups.length;
  const shownUnits = nodes.filter((n) => n.kind === 'machine' || n.kind === 'group').length;
  return { nodes, edges: viewEdges, hidden: allUnits - shownUnits, ...(limited ? { limited } : {}) };
}
