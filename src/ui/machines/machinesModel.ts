/**
 * The machines tree as pure data: nodes, their lazily queried children, and how each is shown. The
 * vscode TreeDataProvider (machinesTreeProvider.ts) only maps NodeView to TreeItem, so the whole tree
 * is tested in plain Node over the local backend.
 */
import { BackendError } from '../../results/errors';
import type { QueryResult } from '../../results/queryResult';
import type { QueryBackend, RunOptions } from '../../backends/queryBackend';
import {
  boundPortsQuery,
  dependenciesQuery,
  machinesQuery,
  processesQuery,
  type ConnectionDirection,
  type MachineFilter,
} from './fleetQueries';
import {
  dependencyRows,
  formatBytes,
  isLoopback,
  isWildcardIp,
  machineRows,
  portRows,
  processRows,
  type DependencyRow,
  type MachineRow,
  type PortRow,
  type ProcessRow,
} from './fleetRows';
import { missingTables, missingTablesText, PROCESS_TABLES } from './missingTables';

export type GroupKind = 'processes' | 'ports' | 'outbound' | 'inbound';

interface NodeBase {
  readonly id: string;
  readonly parent: FleetNode | undefined;
}
export interface MachineNode extends NodeBase {
  readonly kind: 'machine';
  readonly row: MachineRow;
}
export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly group: GroupKind;
  readonly machine: MachineRow;
}
/** Loopback binds, kept apart from the ports other machines can reach. */
export interface LoopbackGroupNode extends NodeBase {
  readonly kind: 'loopback';
  readonly ports: readonly PortRow[];
  readonly machine: MachineRow;
}
export interface ProcessNode extends NodeBase {
  readonly kind: 'process';
  readonly row: ProcessRow;
  readonly machine: MachineRow;
}
export interface PortNode extends NodeBase {
  readonly kind: 'port';
  readonly row: PortRow;
  readonly machine: MachineRow;
}
export interface DependencyNode extends NodeBase {
  readonly kind: 'dependency';
  readonly direction: ConnectionDirection;
  readonly row: DependencyRow;
  readonly machine: MachineRow;
}
/** An empty group, a failed query: said in the tree rather than in a pop-up. */
export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly text: string;
  readonly error: boolean;
  /** 'signIn' when the backend needs a (new) sign-in: the item runs kql.signIn. */
  readonly action?: 'signIn';
}

export type FleetNode =
  | MachineNode
  | GroupNode
  | LoopbackGroupNode
  | ProcessNode
  | PortNode
  | DependencyNode
  | MessageNode;

export type IconId =
  | 'vm'
  | 'server-process'
  | 'plug'
  | 'arrow-circle-right'
  | 'arrow-circle-left'
  | 'lock'
  | 'gear'
  | 'globe'
  | 'vm-connect'
  | 'info'
  | 'error'
  | 'warning'
  | 'shield'
  | 'debug-disconnect';

/** Why a node is flagged: a malicious remote (shield, error colour) or failed links (warning colour). */
export type NodeFlag = 'malicious' | 'failed';

/** What a TreeItem needs; `warning` means the ThemeIcon 'warning' in the theme's warning colour. */
export interface NodeView {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly icon: IconId;
  readonly warning: boolean;
  /** Set with `warning`: which of the two it is, so each has its own icon. */
  readonly flag?: NodeFlag;
  readonly contextValue: string;
  readonly collapsible: boolean;
}

export interface MachinesModelOptions {
  /** The active backend, read at each query so a switch takes effect on the next refresh. */
  readonly backend: () => QueryBackend;
  /** The query runner's time range, read at each query. */
  readonly runOptions: () => RunOptions;
}

const GROUPS: readonly { group: GroupKind; label: string; icon: IconId }[] = [
  { group: 'processes', label: 'Processes', icon: 'server-process' },
  { group: 'ports', label: 'Bound ports', icon: 'plug' },
  { group: 'outbound', label: 'Outbound dependencies', icon: 'arrow-circle-right' },
  { group: 'inbound', label: 'Inbound clients', icon: 'arrow-circle-left' },
];

export class MachinesModel {
  private filter: MachineFilter | undefined;
  private readonly cache = new Map<string, Promise<FleetNode[]>>();
  private generation = 0;

  constructor(private readonly options: MachinesModelOptions) {}

  get filterText(): string | undefined {
    return this.filter?.text;
  }

  setFilter(text: string | undefined): void {
    const t = text?.trim();
    this.filter = t ? { text: t } : undefined;
    this.invalidate();
  }

  /** Forget every loaded level: the next expansion queries again. */
  invalidate(): void {
    this.cache.clear();
    this.generation++;
  }

  children(node?: FleetNode): Promise<FleetNode[]> {
    const key = node ? node.id : '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(node);
      this.cache.set(key, pending);
    }
    return pending;
  }

  parent(node: FleetNode): FleetNode | undefined {
    return node.parent;
  }

  private async run(query: string): Promise<QueryResult> {
    return this.options.backend().run(query, this.options.runOptions());
  }

  private async load(node: FleetNode | undefined): Promise<FleetNode[]> {
    const generation = this.generation;
    try {
      return await this.loadUnchecked(node);
    } catch (error) {
      if (generation === this.generation) {
        // A failed level is retried on the next expansion rather than cached.
        this.cache.delete(node ? node.id : '');
      }
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof BackendError && error.kind === 'auth') {
        return [{ ...message(node, `${text} Click to sign in.`, true), action: 'signIn' }];
      }
      return [message(node, `Could not load: ${text}`, true)];
    }
  }

  private async loadUnchecked(node: FleetNode | undefined): Promise<FleetNode[]> {
    if (!node) {
      const rows = machineRows(await this.run(machinesQuery(this.filter)));
      if (rows.length === 0) {
        return [
          message(
            undefined,
            this.filter ? `No machine matches "${this.filter.text}".` : 'No machines report in this time range.',
            false,
          ),
        ];
      }
      return rows.map((row) => ({ kind: 'machine', id: `m/${row.machine}`, parent: undefined, row }));
    }
    switch (node.kind) {
      case 'machine':
        return GROUPS.map(({ group }) => ({
          kind: 'group',
          id: `${node.id}/${group}`,
          parent: node,
          group,
          machine: node.row,
        }));
      case 'group':
        return this.loadGroup(node);
      case 'loopback':
        return node.ports.map((row) => portNode(node, row, node.machine));
      default:
        return [];
    }
  }

  private async loadGroup(node: GroupNode): Promise<FleetNode[]> {
    const m = node.machine;
    let nodes: FleetNode[];
    switch (node.group) {
      case 'processes': {
        // Neither process table: say which and where it would come from, not the union's failure.
        const backend = this.options.backend();
        const missing = await missingTables(backend, PROCESS_TABLES);
        if (missing?.length === PROCESS_TABLES.length) {
          return [message(node, missingTablesText('process table', missing, backend), false)];
        }
        nodes = processRows(await this.run(processesQuery(m.machine))).map((row) => ({
          kind: 'process',
          id: `${node.id}/${row.process}`,
          parent: node,
          row,
          machine: m,
        }));
        break;
      }
      case 'ports': {
        // One pass: reachable binds in query order, loopback binds set aside into their own group.
        const reachable: FleetNode[] = [];
        const loopback: PortRow[] = [];
        for (const row of portRows(await this.run(boundPortsQuery(m.machine)))) {
          if (isLoopback(row.ip)) {
            loopback.push(row);
          } else {
            reachable.push(portNode(node, row, m));
          }
        }
        if (loopback.length) {
          reachable.push({ kind: 'loopback', id: `${node.id}/loopback`, parent: node, ports: loopback, machine: m });
        }
        nodes = reachable;
        break;
      }
      case 'outbound':
      case 'inbound': {
        const direction = node.group;
        // Flagged remotes first (malicious, then failed links): they are what the user looks for.
        const rank = (r: { maliciousIps: readonly string[]; linksFailed: number }): number =>
          r.maliciousIps.length ? 0 : r.linksFailed > 0 ? 1 : 2;
        nodes = dependencyRows(await this.run(dependenciesQuery(m.machine, direction)))
          .map((row, i) => ({ row, i }))
          .sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i)
          .map(({ row }) => ({
            kind: 'dependency',
            id: `${node.id}/${row.remoteIp}:${row.port}/${row.protocol}/${row.processName}`,
            parent: node,
            direction,
            row,
            machine: m,
          }));
        break;
      }
    }
    return nodes.length ? nodes : [message(node, emptyText(node.group), false)];
  }
}

function portNode(parent: FleetNode, row: PortRow, machine: MachineRow): PortNode {
  return {
    kind: 'port',
    id: `${parent.id}/${row.ip}:${row.port}/${row.protocol}/${row.process}`,
    parent,
    row,
    machine,
  };
}

function message(parent: FleetNode | undefined, text: string, error: boolean): MessageNode {
  return { kind: 'message', id: `${parent?.id ?? ''}/!message`, parent, text, error };
}

function emptyText(group: GroupKind): string {
  switch (group) {
    case 'processes':
      return 'No processes reported.';
    case 'ports':
      return 'No bound ports reported.';
    case 'outbound':
      return 'No outbound connections in this time range.';
    case 'inbound':
      return 'No inbound connections in this time range.';
  }
}

export function endpointLabel(ip: string, port: number, protocol: string): string {
  // IPv6 addresses are bracketed so the port stays distinguishable.
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `${host}:${port}/${protocol}`;
}

function threatText(ips: readonly string[], threats: readonly string[]): string {
  return `Connected to malicious IP${ips.length > 1 ? 's' : ''} ${ips.slice(0, 10).join(', ')}${threats.length ? ` (${threats.slice(0, 10).join(', ')})` : ''}.`;
}

/** How a node is shown: pure so tests can assert labels, warnings and tooltips. */
export function viewOf(node: FleetNode): NodeView {
  switch (node.kind) {
    case 'machine': {
      const r = node.row;
      const warning = r.maliciousIps.length > 0;
      const lines = [
        r.computer || r.machine,
        `Machine: ${r.machine}`,
        r.os ? `OS: ${r.os}` : r.osFamily ? `OS: ${r.osFamily}` : '',
        r.ips.length ? `IPv4: ${r.ips.join(', ')}` : '',
        `Traffic: ${formatBytes(r.bytesSent)} sent, ${formatBytes(r.bytesReceived)} received`,
        r.linksFailed ? `${r.linksFailed} failed links.` : '',
        warning ? `⚠ ${threatText(r.maliciousIps, r.threats)}` : '',
      ];
      return {
        id: node.id,
        label: r.computer || r.machine,
        description: [r.osFamily, r.ips[0]].filter(Boolean).join(' · '),
        tooltip: lines.filter(Boolean).join('\n'),
        icon: warning ? 'shield' : 'vm',
        warning,
        ...(warning ? { flag: 'malicious' as const } : {}),
        contextValue: warning ? 'machineWarning' : 'machine',
        collapsible: true,
      };
    }
    case 'group': {
      const g = GROUPS.find((x) => x.group === node.group)!;
      return {
        id: node.id,
        label: g.label,
        tooltip: `${g.label} of ${node.machine.computer || node.machine.machine}`,
        icon: g.icon,
        warning: false,
        contextValue: `group.${node.group}`,
        collapsible: true,
      };
    }
    case 'loopback':
      return {
        id: node.id,
        label: 'Loopback only',
        description: `${node.ports.length}`,
        tooltip: 'Ports bound to a loopback address: reachable from this machine only.',
        icon: 'lock',
        warning: false,
        contextValue: 'group.loopback',
        collapsible: true,
      };
    case 'process': {
      const r = node.row;
      const lines = [
        r.executable,
        r.user ? `User: ${r.user}` : '',
        r.path ? `Path: ${r.path}` : '',
        r.commandLine ? `Command line: ${r.commandLine}` : '',
        `Process: ${r.process}`,
      ];
      return {
        id: node.id,
        label: r.executable || r.process,
        description: r.user,
        tooltip: lines.filter(Boolean).join('\n'),
        icon: 'gear',
        warning: false,
        contextValue: 'process',
        collapsible: false,
      };
    }
    case 'port': {
      const r = node.row;
      const warning = r.linksFailed > 0;
      const lines = [
        endpointLabel(r.ip, r.port, r.protocol),
        r.wildcard || isWildcardIp(r.ip) ? 'Wildcard bind: reachable on every interface of the machine.' : '',
        r.processName ? `Process: ${r.processName}` : '',
        `Traffic: ${formatBytes(r.bytesSent)} sent, ${formatBytes(r.bytesReceived)} received; ${r.linksLive} live links`,
        warning ? `⚠ ${r.linksFailed} failed inbound links to this port.` : '',
      ];
      return {
        id: node.id,
        label: endpointLabel(r.ip, r.port, r.protocol),
        description: [r.wildcard || isWildcardIp(r.ip) ? 'wildcard' : '', r.processName].filter(Boolean).join(' · '),
        tooltip: lines.filter(Boolean).join('\n'),
        icon: warning ? 'debug-disconnect' : 'plug',
        warning,
        ...(warning ? { flag: 'failed' as const } : {}),
        contextValue: 'port',
        collapsible: false,
      };
    }
    case 'dependency': {
      const r = node.row;
      const malicious = r.maliciousIps.length > 0;
      const warning = malicious || r.linksFailed > 0;
      // Outbound: the remote's port; inbound: the remote connects to this machine's port.
      const endpoint =
        node.direction === 'outbound'
          ? endpointLabel(r.remoteIp, r.port, r.protocol)
          : `${r.remoteIp} → :${r.port}/${r.protocol}`;
      const label = r.remoteMachine ? `${r.remoteComputer || r.remoteMachine} (${endpoint})` : endpoint;
      const lines = [
        label,
        r.remoteMachine ? `Monitored machine ${r.remoteMachine}` : 'Not a monitored machine',
        r.processName ? `Local process: ${r.processName}` : '',
        `${formatBytes(r.bytesSent)} sent, ${formatBytes(r.bytesReceived)} received, ${r.linksEstablished} links established`,
        r.linksFailed ? `⚠ ${r.linksFailed} failed links.` : '',
        malicious ? `⚠ ${threatText(r.maliciousIps, r.threats)}` : '',
      ];
      return {
        id: node.id,
        label,
        description: `${formatBytes(r.bytesSent + r.bytesReceived)}${r.linksFailed ? ` · ${r.linksFailed} failed` : ''}`,
        tooltip: lines.filter(Boolean).join('\n'),
        icon: malicious ? 'shield' : warning ? 'debug-disconnect' : r.remoteMachine ? 'vm-connect' : 'globe',
        warning,
        ...(warning ? { flag: malicious ? ('malicious' as const) : ('failed' as const) } : {}),
        contextValue: `dependency.${node.direction}`,
        collapsible: false,
      };
    }
    case 'message':
      return {
        id: node.id,
        label: node.text,
        tooltip: node.text,
        icon: node.error ? 'error' : 'info',
        warning: false,
        contextValue: 'message',
        collapsible: false,
      };
  }
}
