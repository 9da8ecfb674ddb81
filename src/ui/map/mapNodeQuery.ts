/** The query a double click on a fleet-map node opens (pure, so the host's choice is tested). */
import { kqlString } from '../../kql/literals';
import type { FleetGraph } from '../../render/fleetGraph';
import {
  connectionsQueryFor,
  kqlIpMatch,
  OPTIONAL_CONNECTION_COLUMNS,
  processConnectionsQueryFor,
  remoteEndpointQueryFor,
} from '../machines/fleetQueries';

/** Only ids of the graph on screen lead to a query: the webview cannot make the host run its text. */
export function queryForFleetNode(graph: FleetGraph, id: string): string | undefined {
  const machine = graph.machines.find((m) => m.id === id);
  if (machine) {
    return connectionsQueryFor(machine.machine, machine.label);
  }
  const process = graph.processes.find((p) => p.id === id);
  if (process) {
    const owner = graph.machines.find((m) => m.id === process.machineId);
    if (!owner) {
      return undefined;
    }
    // Without a name (an export without ProcessName) the data cannot tell this process's connections from
    // the machine's others: open the machine's, rather than nothing.
    return process.processName
      ? processConnectionsQueryFor(owner.machine, process.processName)
      : connectionsQueryFor(owner.machine, owner.label);
  }
  const endpoint = graph.endpoints.find((e) => e.id === id);
  if (endpoint) {
    return remoteEndpointQueryFor(endpoint.remoteIp, endpoint.port);
  }
  const group = graph.groups.find((g) => g.id === id);
  if (group) {
    // The graph names an endpoint in one form (fd00::2); the data may spell it otherwise (fd00:0::2).
    const ips = graph.endpoints.filter((e) => e.groupId === group.id).map((e) => e.remoteIp);
    return [
      `// ${group.label}: who connects to them`,
      'VMConnection',
      OPTIONAL_CONNECTION_COLUMNS,
      `| where Direction == "outbound" and DestinationPort == ${group.port} and Protocol == ${kqlString(group.protocol)} and ${kqlIpMatch('RemoteIp', ips)}`,
      '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished), LinksFailed = sum(LinksFailed)',
      '    by RemoteIp, Computer, ProcessName',
      '| order by LinksEstablished desc',
    ].join('\n');
  }
  return undefined;
}
