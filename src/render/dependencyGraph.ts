/**
 * The dependency map's graph, as VM insights' Map tab draws it: machine → process → remote endpoint.
 * Remote endpoints that belong to a monitored machine (resolved through the inventory's IPs) become
 * that machine's node, so maps of several machines link up. Pure and DOM-free: the host builds it, the
 * webview only draws it.
 */

/** One aggregated outbound connection, as the dependency-map query returns it. */
export interface GraphConnection {
  readonly machine: string;
  readonly computer: string;
  readonly process: string;
  readonly processName: string;
  readonly remoteIp: string;
  readonly port: number;
  readonly protocol: string;
  /** The monitored machine owning remoteIp, or '' when it is not monitored. */
  readonly remoteMachine: string;
  readonly remoteComputer: string;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly linksEstablished: number;
  readonly linksFailed: number;
  readonly maliciousIps: readonly string[];
  readonly threats: readonly string[];
}

export type GraphNodeKind = 'machine' | 'process' | 'endpoint';

export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly label: string;
  /** Shown on hover. */
  readonly detail: string;
  readonly machine?: string;
  readonly processName?: string;
  readonly remoteIp?: string;
  readonly port?: number;
  /** A machine the map was asked for, as opposed to one reached through a connection. */
  readonly seed: boolean;
  readonly failed: boolean;
  readonly malicious: boolean;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'runs' | 'connects';
  readonly bytes: number;
  readonly linksFailed: number;
  readonly malicious: boolean;
  /** Drawn width in pixels, from 1 to MAX_EDGE_WIDTH by the logarithm of the bytes. */
  readonly width: number;
  readonly label: string;
}

export interface DependencyGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Endpoints left out past the limit, so the map can say so. */
  readonly omittedEndpoints: number;
}

export const MAX_EDGE_WIDTH = 10;

function isLoopbackIp(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

type MutableNode = { -readonly [K in keyof GraphNode]: GraphNode[K] };
type MutableEdge = { -readonly [K in keyof GraphEdge]: GraphEdge[K] };

export interface GraphOptions {
  /** Most remote endpoints kept (by bytes); the rest are counted in omittedEndpoints. */
  readonly maxEndpoints?: number;
}

export function edgeWidth(bytes: number, maxBytes: number): number {
  if (maxBytes <= 0 || bytes <= 0) {
    return 1;
  }
  return 1 + ((MAX_EDGE_WIDTH - 1) * Math.log1p(bytes)) / Math.log1p(maxBytes);
}

export function buildDependencyGraph(connections: readonly GraphConnection[], options: GraphOptions = {}): DependencyGraph {
  const nodes = new Map<string, MutableNode>();
  const edges = new Map<string, MutableEdge>();
  const seeds = new Set(connections.map((c) => c.machine));

  const machineNode = (machine: string, computer: string): MutableNode => {
    const id = `machine:${machine}`;
    let n = nodes.get(id);
    if (!n) {
      n = { id, kind: 'machine', label: computer || machine, detail: `${computer || machine}\n${machine}`, machine, seed: seeds.has(machine), failed: false, malicious: false };
      nodes.set(id, n);
    } else if (!n.label || n.label === machine) {
      n.label = computer || machine;
    }
    return n;
  };

  // Keep the heaviest endpoints when there are too many to draw legibly.
  const endpointKey = (c: GraphConnection): string =>
    c.remoteMachine ? `machine:${c.remoteMachine}` : isLoopbackIp(c.remoteIp) ? `endpoint:${c.machine}/${c.remoteIp}:${c.port}/${c.protocol}` : `endpoint:${c.remoteIp}:${c.port}/${c.protocol}`;
  const endpointBytes = new Map<string, number>();
  for (const c of connections) {
    const k = endpointKey(c);
    endpointBytes.set(k, (endpointBytes.get(k) ?? 0) + c.bytesSent + c.bytesReceived);
  }
  const limit = options.maxEndpoints ?? Infinity;
  const kept = new Set(
    [...endpointBytes.entries()]
      .filter(([k]) => !(k.startsWith('machine:') && seeds.has(k.slice('machine:'.length))))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([k]) => k),
  );
  let omitted = 0;
  for (const k of endpointBytes.keys()) {
    if (!kept.has(k) && !(k.startsWith('machine:') && seeds.has(k.slice('machine:'.length)))) {
      omitted++;
    }
  }

  const addEdge = (source: string, target: string, kind: GraphEdge['kind'], c: GraphConnection): void => {
    const id = `${kind}:${source}->${target}`;
    let e = edges.get(id);
    if (!e) {
      e = { id, source, target, kind, bytes: 0, linksFailed: 0, malicious: false, width: 1, label: '' };
      edges.set(id, e);
    }
    e.bytes += c.bytesSent + c.bytesReceived;
    e.linksFailed += c.linksFailed;
    e.malicious ||= c.maliciousIps.length > 0;
  };

  for (const c of connections) {
    const target = endpointKey(c);
    const source = machineNode(c.machine, c.computer);
    if (!kept.has(target) && !nodes.has(target) && !seeds.has(c.remoteMachine)) {
      continue;
    }
    const processKey = c.process || c.processName || '(unknown process)';
    const processId = `process:${c.machine}/${processKey}`;
    if (!nodes.has(processId)) {
      nodes.set(processId, {
        id: processId, kind: 'process', label: c.processName || processKey, detail: `${c.processName || processKey} on ${c.computer || c.machine}`,
        machine: c.machine, processName: c.processName, seed: false, failed: false, malicious: false,
      });
    }
    let endpoint: MutableNode;
    if (c.remoteMachine) {
      endpoint = machineNode(c.remoteMachine, c.remoteComputer);
    } else {
      endpoint = nodes.get(target) ?? {
        id: target, kind: 'endpoint', label: `${c.remoteIp.includes(':') ? `[${c.remoteIp}]` : c.remoteIp}:${c.port}`,
        detail: `${c.remoteIp}:${c.port}/${c.protocol}\nNot a monitored machine`, remoteIp: c.remoteIp, port: c.port,
        seed: false, failed: false, malicious: false,
      };
      nodes.set(target, endpoint);
    }
    if (c.linksFailed > 0) {
      endpoint.failed = true;
      nodes.get(processId)!.failed = true;
    }
    if (c.maliciousIps.length > 0) {
      endpoint.malicious = true;
      endpoint.detail = `${endpoint.detail}\nMalicious: ${c.maliciousIps.join(', ')}${c.threats.length ? ` (${c.threats.join(', ')})` : ''}`;
      source.malicious = true;
    }
    addEdge(source.id, processId, 'runs', c);
    addEdge(processId, endpoint.id, 'connects', c);
  }

  const maxBytes = Math.max(0, ...[...edges.values()].map((e) => e.bytes));
  for (const e of edges.values()) {
    e.width = edgeWidth(e.bytes, maxBytes);
    e.label = e.kind === 'connects' ? formatCompactBytes(e.bytes) + (e.linksFailed ? ` · ${e.linksFailed} failed` : '') : '';
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], omittedEndpoints: omitted };
}

function formatCompactBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
