/** The query a click on a dependency-map node opens (pure, so the host's choice is tested). */
import type { GraphNode } from '../../render/dependencyGraph';
import { connectionsQueryFor, processConnectionsQueryFor, remoteEndpointQueryFor } from './fleetQueries';

export function queryForMapNode(node: GraphNode): string | undefined {
  switch (node.kind) {
    case 'machine':
      return node.machine ? connectionsQueryFor(node.machine, node.label) : undefined;
    case 'process':
      return node.machine && node.processName ? processConnectionsQueryFor(node.machine, node.processName) : undefined;
    case 'endpoint':
      return node.remoteIp ? remoteEndpointQueryFor(node.remoteIp, node.port) : undefined;
  }
}
