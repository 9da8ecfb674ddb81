/**
 * What the dependency map's search finds: a machine, process, endpoint or group by name or address.
 * Pure, so the webview's search (webview/map/main.ts) is tested without a page.
 */
import type { FleetGraph } from './fleetGraph';
import { ipKey, isIpAddress } from './ipAddress';

export interface SearchHit {
  /** The node found. */
  readonly id: string;
  /** The machine or group drawn for it while that is closed (the node itself for a machine or group). */
  readonly unit: string;
}

/**
 * The first node matching `text`: a machine by name (exact first), a process by name, an endpoint by
 * address or label, a group by label. A whole address finds its endpoint in any spelling (the export's
 * 2001:db8:0::99 finds the map's 2001:db8::99), since the map names each address in one form.
 */
export function searchGraph(g: FleetGraph, text: string): SearchHit | undefined {
  const q = text.trim().toLowerCase();
  if (!q) {
    return undefined;
  }
  const machine =
    g.machines.find((m) => m.label.toLowerCase() === q) ??
    g.machines.find((m) => m.label.toLowerCase().includes(q) || m.machine.toLowerCase() === q);
  if (machine) {
    return { id: machine.id, unit: machine.id };
  }
  const process = g.processes.find((p) => p.label.toLowerCase().includes(q));
  if (process) {
    return { id: process.id, unit: process.machineId };
  }
  const key = isIpAddress(q) ? ipKey(q) : undefined;
  const endpoint = g.endpoints.find(
    (e) => e.remoteIp === key || e.remoteIp.startsWith(q) || e.label.toLowerCase().includes(q),
  );
  if (endpoint) {
    return { id: endpoint.id, unit: endpoint.groupId };
  }
  const group = g.groups.find((x) => x.label.toLowerCase().includes(q));
  return group ? { id: group.id, unit: group.id } : undefined;
}
