/**
 * The built-in reports: the network workbooks of VM insights (and its security part) as notebooks
 * shipped in the extension's `reports/` folder, each driven by one parameter cell at its top.
 */
import * as path from 'node:path';

export interface Report {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export const REPORTS: readonly Report[] = [
  {
    id: 'connections-overview',
    title: 'Connections overview',
    description:
      'Inbound and outbound connections by direction, their trend, and the top remote endpoints and processes.',
  },
  {
    id: 'failed-connections',
    title: 'Failed connections',
    description: 'Failed connections per machine, their trend, and whether the share of failures is rising.',
  },
  {
    id: 'tcp-traffic',
    title: 'TCP traffic',
    description: 'Machines ranked by bytes sent and received, and their traffic over time.',
  },
  {
    id: 'traffic-comparison',
    title: 'Traffic comparison',
    description: 'The traffic of the selected machines side by side over the same period.',
  },
  {
    id: 'active-ports',
    title: 'Active ports',
    description: 'Processes bound to ports and their activity (bytes, links).',
  },
  { id: 'open-ports', title: 'Open ports', description: 'Open ports per machine and the details of each.' },
  {
    id: 'security-audit',
    title: 'Security and audit',
    description: 'Overall and malicious connections, and where the remote endpoints are.',
  },
];

export function findReport(id: string): Report | undefined {
  return REPORTS.find((r) => r.id === id);
}

/** The report's notebook file under the extension's (or the repository's) root folder. */
export function reportFile(root: string, report: Report): string {
  return path.join(root, 'reports', `${report.id}.kqlnb`);
}
