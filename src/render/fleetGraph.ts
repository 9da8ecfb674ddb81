/**
 * The dependency map at fleet scale: machines as compound nodes holding their processes, remote
 * endpoints resolved to the monitored machine that owns their IP, and the remaining (unmonitored)
 * endpoints grouped per remote port and subnet into "N external endpoints" nodes. The host builds the
 * whole graph once; the webview chooses what to show (src/render/fleetView.ts), so expanding a machine
 * or a group never needs another query. Pure and DOM-free.
 */
import { ipKey, isLinkLocalIp, isLoopbackIp, isPrivateIp } from './ipAddress';

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

/** How an edge differs between two time windows (absent: no comparison, or unchanged). */
export type EdgeChange = 'new' | 'vanished' | 'worse';

export interface FleetMachine {
  readonly id: string;
  readonly machine: string;
  readonly label: string;
  /** A machine the map was asked for (focus), as opposed to one reached through a connection. */
  readonly seed: boolean;
  readonly malicious: boolean;
  readonly failed: boolean;
}

export interface FleetProcess {
  readonly id: string;
  readonly machineId: string;
  readonly label: string;
  readonly processName: string;
}

/** Unmonitored remote endpoints that share a port, a protocol and a subnet. */
export interface EndpointGroup {
  readonly id: string;
  readonly label: string;
  readonly port: number;
  readonly protocol: string;
  readonly subnet: string;
  readonly endpointIds: readonly string[];
  readonly malicious: boolean;
}

export interface FleetEndpoint {
  readonly id: string;
  readonly groupId: string;
  readonly label: string;
  readonly remoteIp: string;
  readonly port: number;
  readonly protocol: string;
  readonly malicious: boolean;
  readonly threats: readonly string[];
}

/** One process → remote link, summed over its rows; the finest grain the webview aggregates from. */
export interface FleetLink {
  readonly source: string;
  /** A machine id (monitored remote, or loopback) or an endpoint id. */
  readonly target: string;
  readonly links: number;
  readonly failed: number;
  readonly bytes: number;
  readonly ports: readonly number[];
  readonly malicious: boolean;
  readonly change?: EdgeChange;
}

export interface FleetGraph {
  readonly machines: readonly FleetMachine[];
  readonly processes: readonly FleetProcess[];
  readonly groups: readonly EndpointGroup[];
  readonly endpoints: readonly FleetEndpoint[];
  readonly links: readonly FleetLink[];
}

/** A connection row with, when two windows were compared, how its edge changed. */
export interface FleetConnection extends GraphConnection {
  readonly change?: EdgeChange;
}

/**
 * The group a remote IP falls in: its /24 when private, link-local and unique-local IPv6 apart, and
 * "internet" otherwise (ports tell those apart). Compared as addresses (ipAddress.ts), not as text.
 */
export function subnetOf(ip: string): string {
  const key = ipKey(ip);
  if (isLinkLocalIp(key)) {
    return key.includes(':') ? 'link-local IPv6' : 'link-local';
  }
  if (isPrivateIp(key) && !key.includes(':')) {
    return `${key.split('.').slice(0, 3).join('.')}.0/24`;
  }
  return isPrivateIp(key) ? 'private IPv6' : 'internet';
}

/**
 * The monitored machine at the remote end of a row: the query's own resolution through the inventory
 * first, then `ipOwners` (IPs the caller knows from elsewhere, e.g. an inventory read separately),
 * and loopback as the machine itself. '' when the remote is not monitored.
 */
export function resolveRemoteMachine(c: GraphConnection, ipOwners: ReadonlyMap<string, string>): string {
  if (c.remoteMachine) {
    return c.remoteMachine;
  }
  if (isLoopbackIp(c.remoteIp)) {
    return c.machine;
  }
  return ipOwners.get(c.remoteIp) ?? ipOwners.get(ipKey(c.remoteIp)) ?? '';
}

const PORT_SEPARATOR = '\u0000';

/** Builds the whole graph; `knownIps` maps inventory addresses (as given, or their ipKey) to their machine. */
export function buildFleetGraph(
  connections: readonly FleetConnection[],
  options: { seeds?: readonly string[]; knownIps?: ReadonlyMap<string, string> } = {},
): FleetGraph {
  const seeds = new Set(options.seeds ?? []);
  const ipOwners = options.knownIps ?? new Map<string, string>();
  type M = { -readonly [K in keyof FleetMachine]: FleetMachine[K] };
  type L = {
    source: string;
    target: string;
    links: number;
    failed: number;
    bytes: number;
    ports: Set<number>;
    malicious: boolean;
    change?: EdgeChange;
  };
  const machines = new Map<string, M>();
  const processes = new Map<string, FleetProcess>();
  const endpoints = new Map<string, { -readonly [K in keyof FleetEndpoint]: FleetEndpoint[K] }>();
  const links = new Map<string, L>();

  const machine = (id: string, label: string): M => {
    const key = `machine:${id}`;
    let m = machines.get(key);
    if (!m) {
      m = { id: key, machine: id, label: label || id, seed: seeds.has(id), malicious: false, failed: false };
      machines.set(key, m);
    } else if (label && m.label === id) {
      m.label = label;
    }
    return m;
  };

  for (const c of connections) {
    const source = machine(c.machine, c.computer);
    const processKey = c.process || c.processName || '(unknown process)';
    const processId = `process:${c.machine}${PORT_SEPARATOR}${processKey}`;
    if (!processes.has(processId)) {
      processes.set(processId, {
        id: processId,
        machineId: source.id,
        label: c.processName || processKey,
        processName: c.processName,
      });
    }
    const remote = resolveRemoteMachine(c, ipOwners);
    // One endpoint per address, however the export spelt it (fd00:0::2 and fd00::2, ::ffff:10.0.0.7 and
    // 10.0.0.7), named as the Machines view names it (ipKey: RFC 5952, an IPv4-mapped address as its IPv4).
    const remoteIp = ipKey(c.remoteIp);
    let target: string;
    const malicious = c.maliciousIps.length > 0;
    if (remote) {
      target = machine(remote, remote === c.machine ? c.computer : c.remoteComputer).id;
    } else {
      const subnet = subnetOf(remoteIp);
      const groupId = `group:${c.port}/${c.protocol}${PORT_SEPARATOR}${subnet}`;
      target = `endpoint:${remoteIp}:${c.port}/${c.protocol}`;
      let e = endpoints.get(target);
      if (!e) {
        e = {
          id: target,
          groupId,
          label: `${remoteIp.includes(':') ? `[${remoteIp}]` : remoteIp}:${c.port}`,
          remoteIp,
          port: c.port,
          protocol: c.protocol,
          malicious: false,
          threats: [],
        };
        endpoints.set(target, e);
      }
      if (malicious) {
        e.malicious = true;
        e.threats = [...new Set([...e.threats, ...c.threats])];
      }
    }
    if (malicious) {
      source.malicious = true;
    }
    if (c.linksFailed > 0) {
      source.failed = true;
    }
    const key = `${processId}->${target}`;
    let l = links.get(key);
    if (!l) {
      l = { source: processId, target, links: 0, failed: 0, bytes: 0, ports: new Set(), malicious: false };
      links.set(key, l);
    }
    l.links += c.linksEstablished;
    l.failed += c.linksFailed;
    l.bytes += c.bytesSent + c.bytesReceived;
    l.ports.add(c.port);
    l.malicious ||= malicious;
    l.change = strongerChange(l.change, c.change);
  }

  const groups = new Map<
    string,
    { id: string; port: number; protocol: string; subnet: string; endpointIds: string[]; malicious: boolean }
  >();
  for (const e of endpoints.values()) {
    let g = groups.get(e.groupId);
    if (!g) {
      g = {
        id: e.groupId,
        port: e.port,
        protocol: e.protocol,
        subnet: e.groupId.split(PORT_SEPARATOR)[1]!,
        endpointIds: [],
        malicious: false,
      };
      groups.set(e.groupId, g);
    }
    g.endpointIds.push(e.id);
    g.malicious ||= e.malicious;
  }
  const sortedGroups = [...groups.values()]
    .map((g) => ({
      ...g,
      endpointIds: g.endpointIds.sort(),
      label: groupLabel(g.endpointIds.length, g.port, g.protocol, g.subnet),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    machines: [...machines.values()].sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id)),
    processes: [...processes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    groups: sortedGroups,
    endpoints: [...endpoints.values()].sort((a, b) => a.id.localeCompare(b.id)),
    links: [...links.values()].map((l) => ({ ...l, ports: [...l.ports].sort((a, b) => a - b) })),
  };
}

export function groupLabel(count: number, port: number, protocol: string, subnet: string): string {
  const where = subnet === 'internet' ? '' : ` in ${subnet}`;
  return `${count} external endpoint${count === 1 ? '' : 's'}${where} · ${port}/${protocol}`;
}

const CHANGE_RANK: Record<EdgeChange, number> = { worse: 1, new: 2, vanished: 3 };

/** One process → target link can merge rows of different changes; the least common wins the colour. */
function strongerChange(a: EdgeChange | undefined, b: EdgeChange | undefined): EdgeChange | undefined {
  if (!a || !b) {
    return a ?? b;
  }
  return CHANGE_RANK[a] >= CHANGE_RANK[b] ? a : b;
}
