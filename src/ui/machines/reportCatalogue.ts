/**
 * The built-in reports: the six network workbooks of VM insights (plus its security part), each made
 * of workbook queries from the sample-query catalogue, the one place their KQL is written.
 */
import { findSampleQuery, type SampleQuery } from '../../schema/sampleQueries';

export interface Report {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The report's queries, main chart first. */
  readonly queries: readonly SampleQuery[];
}

const REPORTS: readonly { id: string; title: string; description: string; queryIds: readonly string[] }[] = [
  { id: 'connections-overview', title: 'Connections overview', description: 'Inbound and outbound connections over time, and the top remote endpoints.', queryIds: ['wb-connections-overview', 'wb-connections-top-remotes'] },
  { id: 'failed-connections', title: 'Failed connections', description: 'The failure percentage over time and the failed connections per machine.', queryIds: ['wb-failed-connections', 'wb-failed-connections-by-machine'] },
  { id: 'tcp-traffic', title: 'TCP traffic', description: 'Bytes sent and received over time.', queryIds: ['wb-tcp-traffic'] },
  { id: 'traffic-comparison', title: 'Traffic comparison', description: 'Total bytes of each machine side by side over the same period.', queryIds: ['wb-traffic-comparison'] },
  { id: 'active-ports', title: 'Active ports', description: 'Ports with traffic or live links per machine over time.', queryIds: ['wb-active-ports'] },
  { id: 'open-ports', title: 'Open ports', description: 'The number of ports open on each machine.', queryIds: ['wb-open-ports'] },
  { id: 'security-audit', title: 'Security and audit', description: 'Connections to IPs with known malicious activity, by threat type.', queryIds: ['wb-malicious-connections'] },
];

/** The reports whose queries the catalogue has (a query renamed there drops out rather than breaking). */
export function builtInReports(): Report[] {
  return REPORTS.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    queries: r.queryIds.map(findSampleQuery).filter((q): q is SampleQuery => q !== undefined && q.source === 'workbook'),
  })).filter((r) => r.queries.length > 0);
}

export function findReport(id: string): Report | undefined {
  return builtInReports().find((r) => r.id === id);
}
