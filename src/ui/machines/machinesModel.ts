/**
 * The machines tree as pure data: each node's children, queried lazily from the active backend and
 * cached until a refresh (node kinds: fleetNodes.ts; how each is shown: nodeView.ts). The vscode
 * TreeDataProvider (machinesTreeProvider.ts) only maps NodeView to TreeItem, so the whole tree is
 * tested in plain Node over the local backend.
 */

import type { QueryBackend, RunOptions } from '../../backends/queryBackend';
import { isMissingDataFolder } from '../../data/loaders/missingFolder';
import { BackendError, QueryCancelledError } from '../../results/errors';
import type { QueryResult } from '../../results/queryResult';
import {
  type FleetNode,
  GROUPS,
  type GroupKind,
  type GroupNode,
  type MachinesWelcome,
  type MessageNode,
  type PortNode,
} from './fleetNodes';
import { boundPortsQuery, dependenciesQuery, type MachineFilter, machinesQuery, processesQuery } from './fleetQueries';
import {
  dependencyRows,
  isLoopback,
  type MachineRow,
  machineRows,
  type PortRow,
  portRows,
  processRows,
} from './fleetRows';
import { MACHINE_TABLES, missingTables, missingTablesText, PORT_TABLES, PROCESS_TABLES } from './missingTables';
import { newestRecord, outsideRangeHint } from './newestRecord';

// The node types and their views live in their own files; importers of the model keep one import.
export type * from './fleetNodes';
export { endpointLabel, viewOf } from './nodeView';

export interface MachinesModelOptions {
  /** The active backend, read at each query so a switch takes effect on the next refresh. */
  readonly backend: () => QueryBackend;
  /** The query runner's time range, read at each query. */
  readonly runOptions: () => RunOptions;
  /** The clock a duration's range ends at (tests fix it). */
  readonly now?: () => number;
}

export class MachinesModel {
  private filter: MachineFilter | undefined;
  private readonly cache = new Map<string, Promise<FleetNode[]>>();
  private generation = 0;
  /**
   * Aborts the queries of the current generation: a refresh (or the user's Cancel) stops them, so a
   * second refresh during a slow answer does not leave the first query running beside the new one.
   */
  private abort = new AbortController();

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
    this.abort.abort();
    this.abort = new AbortController();
    this.cache.clear();
    this.generation++;
  }

  /**
   * The user cancelled a slow load: its queries stop and the levels loading say so (kept until the
   * next refresh, which loads them again).
   */
  cancel(): void {
    this.abort.abort();
    this.abort = new AbortController();
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

  private async run(query: string, signal: AbortSignal): Promise<QueryResult> {
    return this.options.backend().run(query, { ...this.options.runOptions(), signal });
  }

  private async load(node: FleetNode | undefined): Promise<FleetNode[]> {
    const generation = this.generation;
    const signal = this.abort.signal;
    try {
      return await this.loadUnchecked(node, signal);
    } catch (error) {
      if (generation === this.generation) {
        // A failed or cancelled level is retried on the next expansion rather than cached.
        this.cache.delete(node ? node.id : '');
      }
      if (error instanceof BackendError && error.kind === 'data' && isMissingDataFolder(error.message)) {
        // Not a failure: the export job has not created it yet, and the view fills once it does.
        return [{ ...message(undefined, error.message, false), welcome: 'noFolder' }];
      }
      if (error instanceof NoMachineTablesError) {
        return [{ ...message(undefined, error.message, false), welcome: 'noData' }];
      }
      if (signal.aborted || error instanceof QueryCancelledError) {
        return [message(node, 'Loading cancelled. Refresh the view to load it again.', false)];
      }
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof BackendError && error.kind === 'auth') {
        // Signed out or refused: the view's welcome offers the sign-in. A 403 keeps its item: the fix is a role.
        const welcome = !node && error.status !== 403 ? { welcome: 'signIn' as const } : {};
        return [{ ...authMessage(node, error, text), action: 'signIn', ...welcome }];
      }
      return [message(node, `Could not load: ${text}`, true)];
    }
  }

  private async loadUnchecked(node: FleetNode | undefined, signal: AbortSignal): Promise<FleetNode[]> {
    if (!node) {
      const rows = machineRows(await this.runMachinesQuery(signal));
      if (rows.length === 0) {
        const empty = this.filter
          ? `No machine matches "${this.filter.text}".`
          : 'No machines report in this time range.';
        const hint = await this.outsideRange(signal);
        return [
          hint
            ? {
                ...message(undefined, `${empty} ${hint} Click to choose a wider one.`, false),
                action: 'selectTimeRange',
              }
            : this.filter
              ? message(undefined, empty, false)
              : { ...message(undefined, empty, false), welcome: 'noMachines' },
        ];
      }
      const shared = namesakes(rows);
      return rows.map((row) => ({
        kind: 'machine',
        id: `m/${row.machine}`,
        parent: undefined,
        row,
        ...(shared.has(nameKey(row)) ? { namesake: true } : {}),
      }));
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
        return this.loadGroup(node, signal);
      case 'loopback':
        return node.ports.map((row) => portNode(node, row, node.machine));
      default:
        return [];
    }
  }

  /**
   * The machines level's query. Data with none of the tables it reads (a folder of other tables, a
   * workspace without VM insights) is no failure but an empty view: the error says so,
   * and the view's welcome says what to do.
   */
  private async runMachinesQuery(signal: AbortSignal): Promise<QueryResult> {
    try {
      return await this.run(machinesQuery(this.filter), signal);
    } catch (error) {
      const backend = this.options.backend();
      const missing = signal.aborted ? undefined : await missingTables(backend, MACHINE_TABLES, signal);
      if (missing?.length === MACHINE_TABLES.length) {
        throw new NoMachineTablesError(missingTablesText('machine data', missing, backend));
      }
      throw error;
    }
  }

  /** Why nothing is listed when the time range is the reason: the data's newest record lies outside it. */
  private async outsideRange(signal: AbortSignal): Promise<string | undefined> {
    const { timeRange } = this.options.runOptions();
    if (!timeRange) return undefined;
    const newest = await newestRecord(this.options.backend(), signal);
    return outsideRangeHint(newest, timeRange, this.options.now?.() ?? Date.now());
  }

  private async loadGroup(node: GroupNode, signal: AbortSignal): Promise<FleetNode[]> {
    const m = node.machine;
    const run = (query: string) => this.run(query, signal);
    let nodes: FleetNode[];
    switch (node.group) {
      case 'processes': {
        // Neither process table: say which and where it would come from, not the union's failure.
        const backend = this.options.backend();
        const missing = await missingTables(backend, PROCESS_TABLES, signal);
        if (missing?.length === PROCESS_TABLES.length) {
          return [message(node, missingTablesText('process table', missing, backend), false)];
        }
        nodes = processRows(await run(processesQuery(m.machine))).map((row) => ({
          kind: 'process',
          id: `${node.id}/${row.process}`,
          parent: node,
          row,
          machine: m,
        }));
        break;
      }
      case 'ports': {
        // No VMBoundPort (a workspace without the Map's ports, an export rule that left it out): say so,
        // rather than the service's "Failed to resolve table" for the whole branch.
        const backend = this.options.backend();
        const missing = await missingTables(backend, PORT_TABLES, signal);
        if (missing?.length) {
          return [message(node, missingTablesText('bound ports', missing, backend), false)];
        }
        // One pass: reachable binds in query order, loopback binds set aside into their own group.
        const reachable: FleetNode[] = [];
        const loopback: PortRow[] = [];
        for (const row of portRows(await run(boundPortsQuery(m.machine)))) {
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
        nodes = dependencyRows(await run(dependenciesQuery(m.machine, direction)))
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

/** A machine's name as compared for namesakes: its computer name (or id) without case. */
function nameKey(row: MachineRow): string {
  return (row.computer || row.machine).toLowerCase();
}

/** The names (nameKey) more than one machine has. */
function namesakes(rows: readonly MachineRow[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const row of rows) {
    const key = nameKey(row);
    (seen.has(key) ? twice : seen).add(key);
  }
  return twice;
}

/** The data lacks every table the machines level reads: an empty view, not a failed load. */
class NoMachineTablesError extends Error {}

/** The welcome the Machines view shows instead of `roots`, when the machines level is one such message. */
export function welcomeOf(roots: readonly FleetNode[]): MachinesWelcome | undefined {
  const only = roots.length === 1 ? roots[0] : undefined;
  return only?.kind === 'message' && !only.parent ? only.welcome : undefined;
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

function message(parent: FleetNode | undefined, text: string, error: boolean, detail?: string): MessageNode {
  return { kind: 'message', id: `${parent?.id ?? ''}/!message`, parent, text, error, ...(detail ? { detail } : {}) };
}

/**
 * A tree item's label is cut at the view's width, and the service's 403 message is long: what to do
 * would be past the cut. A 403 is a missing role, not a lapsed sign-in, so its label says that first
 * and the whole message is the tooltip; other sign-in failures are short and say it themselves.
 */
function authMessage(parent: FleetNode | undefined, error: BackendError, text: string): MessageNode {
  return error.status === 403
    ? message(
        parent,
        'No read access to this workspace: ask its owner for the Log Analytics Reader role, or click to sign in with another account.',
        true,
        text,
      )
    : message(parent, `${text} Click to sign in.`, true);
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
