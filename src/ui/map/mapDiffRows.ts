/**
 * The diff query's answer as typed rows, and its connection changes laid onto the map's connection
 * rows: a new or worse connection colours its edge, a vanished one is drawn with no traffic so it can
 * be seen at all. Pure (no vscode).
 */
import type { FleetConnection } from '../../render/fleetGraph';
import { DIFF_CHANGES, DIFF_KINDS, type DiffChange, type DiffKind, type DiffRow } from '../../render/mapDiff';
import type { QueryResult } from '../../results/queryResult';
import { RowReader } from '../machines/fleetRows';

export type { DiffRow } from '../../render/mapDiff';

/** Rows of an unknown change or kind are dropped: the query and this reader must agree. */
export function diffRows(result: QueryResult): DiffRow[] {
  const r = new RowReader(result);
  const out: DiffRow[] = [];
  for (const row of r.rows) {
    const change = r.str(row, 'Change') as DiffChange;
    const kind = r.str(row, 'Kind') as DiffKind;
    if (!DIFF_CHANGES.includes(change) || !DIFF_KINDS.includes(kind)) {
      continue;
    }
    out.push({
      change,
      kind,
      machine: r.str(row, 'Machine'),
      computer: r.str(row, 'Computer'),
      processName: r.str(row, 'ProcessName'),
      remoteIp: r.str(row, 'RemoteIp'),
      remoteMachine: r.str(row, 'RemoteMachine'),
      port: r.cell(row, 'Port') === null ? null : r.num(row, 'Port'),
      protocol: r.str(row, 'Protocol'),
      linksBefore: r.num(row, 'LinksBefore'),
      linksAfter: r.num(row, 'LinksAfter'),
      failedBefore: r.num(row, 'FailedBefore'),
      failedAfter: r.num(row, 'FailedAfter'),
      bytesBefore: r.num(row, 'BytesBefore'),
      bytesAfter: r.num(row, 'BytesAfter'),
    });
  }
  return out;
}

function key(machine: string, processName: string, remoteIp: string, port: number | null, protocol: string): string {
  // An export without Protocol: the map reads it as tcp (mapConnectionRows), so the diff's "" matches that.
  return JSON.stringify([machine, processName, remoteIp, port, protocol || 'tcp']);
}

/** The later window's connections with their change, plus the vanished ones (no traffic). */
export function withChanges(connections: readonly FleetConnection[], diff: readonly DiffRow[]): FleetConnection[] {
  const changes = new Map<string, DiffRow>();
  for (const d of diff) {
    if (d.kind === 'connection') {
      changes.set(key(d.machine, d.processName, d.remoteIp, d.port, d.protocol), d);
    }
  }
  const out: FleetConnection[] = connections.map((c) => {
    const d = changes.get(key(c.machine, c.processName, c.remoteIp, c.port, c.protocol));
    return d && d.change !== 'vanished' && d.change !== 'lost' ? { ...c, change: d.change } : c;
  });
  // A vanished link's process is drawn as the same node as that process's other links.
  const processIds = new Map(connections.map((c) => [JSON.stringify([c.machine, c.processName]), c.process]));
  for (const d of diff) {
    if (d.kind === 'connection' && d.change === 'vanished') {
      out.push({
        machine: d.machine,
        computer: d.computer,
        process: processIds.get(JSON.stringify([d.machine, d.processName])) ?? '',
        processName: d.processName,
        remoteIp: d.remoteIp,
        port: d.port ?? 0,
        protocol: d.protocol || 'tcp',
        remoteMachine: d.remoteMachine,
        remoteComputer: '',
        bytesSent: 0,
        bytesReceived: 0,
        linksEstablished: 0,
        linksFailed: 0,
        maliciousIps: [],
        threats: [],
        change: 'vanished',
      });
    }
  }
  return out;
}
