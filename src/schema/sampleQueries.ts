/**
 * Every sample query the extension ships: the "Sample log searches" of the VM insights docs, the common
 * queries of the network-analysis blog (a query both give is kept once), and one query per network
 * workbook. Snippets, the examples file, the grammar tests and the sample-workspace checks are all
 * generated from or checked against this list, so it is the only place a sample query is written.
 *
 * Bodies are VS Code snippet syntax: `${n:default}` tab stops for computer names, machine ids and time
 * windows, and `\$`, `\}`, `\\` escapes. The defaults are the sample workspace's, so the examples and
 * tests run with rows; the snippets users type get placeholders for machines instead (snippetBody). The seeds' own KQL is kept as users paste it (`makeset`,
 * `mvexpand … to typeof(string)`, `1hr`); only their typos are mended (see each entry).
 */

export type SampleQuerySource = 'blog' | 'docs' | 'workbook';

export interface SampleQuery {
  readonly id: string;
  readonly title: string;
  /** What the user types to get the snippet; unique across the list. */
  readonly prefix: string;
  readonly description: string;
  /** Where the query comes from; a query both seed documents give is marked with the one listed first. */
  readonly source: SampleQuerySource;
  /** The query in VS Code snippet syntax, lines joined by '\n'. */
  readonly body: string;
}

/** The defaults the seed documents use; the sample workspace contains exactly these. */
export const SAMPLE_DEFAULTS = {
  computer: 'acme-demo',
  appServer: 'admdemo-appsvr',
  machineByName: 'm-4b9c93f9-bc37-46df-b43c-899ba829e07b',
  machineWithProcesses: 'm-559dbcd8-3130-454d-8d1d-f624e57961bc',
  machineGroup: 'm-82412a7a-6a32-45a9-a8d6-538354224a25',
  ip: '10.229.243.232',
} as const;

function q(
  id: string,
  source: SampleQuerySource,
  prefix: string,
  title: string,
  description: string,
  lines: readonly string[],
): SampleQuery {
  return { id, source, prefix, title, description, body: lines.join('\n') };
}

const WORKBOOK_COMPUTERS = '| where Computer in ("${2:acme-demo}", "${3:admdemo-appsvr}")';

const seedQueries: readonly SampleQuery[] = [
  q(
    'open-ports-by-machine',
    'blog',
    'vm-open-ports',
    'Number of open ports across machines',
    'Count of ports open on each VM, to assess which VMs have configuration and security exposure.',
    [
      'VMBoundPort',
      '| where Ip != "127.0.0.1"',
      '| summarize by Computer, Machine, Port, Protocol',
      '| summarize OpenPorts=count() by Computer, Machine',
      '| order by OpenPorts desc',
    ],
  ),
  q(
    'bound-ports-list',
    'blog',
    'vm-bound-ports-list',
    'List the bound ports on your VMs',
    'Every distinct computer, port and process bound to it.',
    ['VMBoundPort', '| distinct Computer, Port, ProcessName'],
  ),
  q(
    'port-aggregate-behavior',
    'blog',
    'vm-port-activity',
    'Aggregate behavior for each port',
    'Network activity by port (bytes, links, live links), to score ports by traffic or connections.',
    [
      'VMBoundPort',
      '| where Ip != "127.0.0.1"',
      '| summarize BytesSent=sum(BytesSent), BytesReceived=sum(BytesReceived), LinksEstablished=sum(LinksEstablished), LinksTerminated=sum(LinksTerminated), arg_max(TimeGenerated, LinksLive) by Machine, Computer, ProcessName, Ip, Port, IsWildcardBind',
      '| project-away TimeGenerated',
      '| order by Machine, Computer, Port, Ip, ProcessName',
    ],
  ),
  q(
    'bytes-trend',
    'blog',
    'vm-bytes-trend',
    'Bytes sent and received trends',
    'Bytes sent and received per computer per hour, as a time chart (uncomment the limit for large workspaces).',
    [
      'VMConnection',
      '| summarize sum(BytesSent), sum(BytesReceived) by bin(TimeGenerated,${1:1hr}), Computer',
      '| order by Computer desc',
      '//| limit 5000',
      '| render timechart',
    ],
  ),
  // The blog's "<replace this with a computer name, e.g. 'acme-demo'>" is this placeholder.
  q(
    'connection-failures-trend',
    'blog',
    'vm-connection-failures',
    'Connection failures trend',
    'Failed connections of one computer by hour of day, to see whether the failure rate is stable or changing.',
    [
      'VMConnection',
      '| where Computer == "${1:acme-demo}"',
      '| extend bythehour = datetime_part("hour", TimeGenerated)',
      '| project bythehour, LinksFailed',
      '| summarize failCount = count() by bythehour',
      '| sort by bythehour asc',
      '| render timechart',
    ],
  ),
  // The docs' version; the blog gives the same query without the time filter.
  q(
    'link-status-trend',
    'docs',
    'vm-link-status',
    'Link status trends',
    'Established, live, failed and terminated links of one computer per hour, to analyse its connection behaviour.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24hr})',
      '| where Computer == "${2:acme-demo}"',
      '| summarize  dcount(LinksEstablished), dcount(LinksLive), dcount(LinksFailed), dcount(LinksTerminated) by bin(TimeGenerated, ${3:1h})',
      '| render timechart',
    ],
  ),
  q(
    'known-machines',
    'docs',
    'vm-machines',
    'List all known machines',
    'The most recent inventory record of every machine.',
    ['ServiceMapComputer_CL | summarize arg_max(TimeGenerated, *) by ResourceId'],
  ),
  q(
    'last-reboot',
    'docs',
    'vm-last-reboot',
    'When was the VM last rebooted',
    'Days since each computer last booted, oldest boot first.',
    [
      'let Today = now(); ServiceMapComputer_CL | extend DaysSinceBoot = Today - BootTime_t | summarize by Computer, DaysSinceBoot, BootTime_t | sort by BootTime_t asc',
    ],
  ),
  q(
    'azure-vm-summary',
    'docs',
    'vm-azure-summary',
    'Summary of Azure VMs by image, location, and SKU',
    'Azure VMs with their image offering, location and SKU.',
    [
      'ServiceMapComputer_CL | where AzureLocation_s != "" | summarize by ComputerName_s, AzureImageOffering_s, AzureLocation_s, AzureImageSku_s',
    ],
  ),
  q(
    'physical-memory',
    'docs',
    'vm-memory',
    'List the physical memory capacity of all managed computers',
    'Physical memory (MB) of every managed computer, from its most recent record.',
    [
      'ServiceMapComputer_CL | summarize arg_max(TimeGenerated, *) by ResourceId | project PhysicalMemory_d, ComputerName_s',
    ],
  ),
  q(
    'computer-inventory',
    'docs',
    'vm-inventory',
    'List computer name, DNS, IP, and OS',
    'Name, operating system, DNS names and IPv4 addresses of every computer.',
    [
      'ServiceMapComputer_CL | summarize arg_max(TimeGenerated, *) by ResourceId | project ComputerName_s, OperatingSystemFullName_s, DnsNames_s, Ipv4Addresses_s',
    ],
  ),
  q(
    'sql-processes',
    'docs',
    'vm-processes-sql',
    'Find all processes with "sql" in the command line',
    'Processes whose command line contains "sql" (case-sensitive), most recent record each.',
    [
      'ServiceMapProcess_CL | where CommandLine_s contains_cs "${1:sql}" | summarize arg_max(TimeGenerated, *) by ResourceId',
    ],
  ),
  q(
    'machine-by-resource-name',
    'docs',
    'vm-find-machine',
    'Find a machine (most recent record) by resource name',
    'The most recent inventory record of the machine with this resource name (m-{GUID}).',
    [
      'search in (ServiceMapComputer_CL) "${1:m-4b9c93f9-bc37-46df-b43c-899ba829e07b}" | summarize arg_max(TimeGenerated, *) by ResourceId',
    ],
  ),
  q(
    'machine-by-ip',
    'docs',
    'vm-find-machine-ip',
    'Find a machine (most recent record) by IP address',
    'The most recent inventory record of the machine with this IP address.',
    ['search in (ServiceMapComputer_CL) "${1:10.229.243.232}" | summarize arg_max(TimeGenerated, *) by ResourceId'],
  ),
  q(
    'machine-processes',
    'docs',
    'vm-machine-processes',
    'List all known processes on a specified machine',
    'The most recent record of every process on one machine.',
    [
      'ServiceMapProcess_CL | where MachineResourceName_s == "${1:m-559dbcd8-3130-454d-8d1d-f624e57961bc}" | summarize arg_max(TimeGenerated, *) by ResourceId',
    ],
  ),
  // The docs' "\*sql\*" is a markdown escape of "*sql*".
  q(
    'sql-server-computers',
    'docs',
    'vm-sql-servers',
    'List all computers running SQL Server',
    'Computers with a process matching *sql*.',
    [
      'ServiceMapComputer_CL | where ResourceName_s in ((search in (ServiceMapProcess_CL) "*sql*" | distinct MachineResourceName_s)) | distinct ComputerName_s',
    ],
  ),
  q(
    'curl-versions',
    'docs',
    'vm-curl-versions',
    'List all unique product versions of curl in my datacenter',
    'Distinct product versions of an executable (curl) across the datacenter.',
    ['ServiceMapProcess_CL | where ExecutableName_s == "${1:curl}" | distinct ProductVersion_s'],
  ),
  q(
    'centos-computers',
    'docs',
    'vm-centos',
    'Create a computer group of all computers running CentOS',
    'Computers whose operating system name contains CentOS (case-sensitive).',
    ['ServiceMapComputer_CL | where OperatingSystemFullName_s contains_cs "${1:CentOS}" | distinct ComputerName_s'],
  ),
  // Kusto's parser refuses the docs' count(BytesSent) (count takes a predicate); the title means sum.
  q(
    'top-transmitting-vms',
    'docs',
    'vm-top-transmitters',
    'Which Azure VMs are transmitting the most bytes',
    'Bytes sent per computer and Azure VM size, largest first.',
    [
      'VMConnection | join kind=fullouter(ServiceMapComputer_CL) on \\$left.Computer == \\$right.ComputerName_s | summarize sum(BytesSent) by Computer, AzureVMSize_s | sort by sum_BytesSent desc',
    ],
  ),
  q(
    'bound-ports-of-computer',
    'docs',
    'vm-bound-ports',
    'Bound Ports',
    'Ports and processes bound on one computer in the time window.',
    [
      'VMBoundPort',
      '| where TimeGenerated >= ago(${1:24hr})',
      "| where Computer == '${2:admdemo-appsvr}'",
      '| distinct Port, ProcessName',
    ],
  ),
  q(
    'process-port-score',
    'docs',
    'vm-process-ports',
    'Score processes in your workspace by the number of ports they have open',
    'Processes ranked by the number of ports they have open.',
    [
      'VMBoundPort',
      '| where Ip != "127.0.0.1"',
      '| summarize by ProcessName, Port, Protocol',
      '| summarize OpenPorts=count() by ProcessName',
      '| order by OpenPorts desc',
    ],
  ),
  q(
    'outbound-dependencies',
    'docs',
    'vm-outbound-dependencies',
    'Summarize the outbound connections from a group of machines',
    'Connections of a group of machines, each with the remote machine and the process bound to the remote port.',
    [
      '// the machines of interest',
      'let machines = datatable(m: string) ["${1:m-82412a7a-6a32-45a9-a8d6-538354224a25}"];',
      '// map of ip to monitored machine in the environment',
      'let ips=materialize(ServiceMapComputer_CL',
      '| summarize ips=makeset(todynamic(Ipv4Addresses_s)) by MonitoredMachine=ResourceName_s',
      '| mvexpand ips to typeof(string));',
      '// all connections to/from the machines of interest',
      'let out=materialize(VMConnection',
      '| where Machine in (machines)',
      '| summarize arg_max(TimeGenerated, *) by ConnectionId);',
      '// connections to localhost augmented with RemoteMachine',
      'let local=out',
      '| where RemoteIp startswith "127."',
      '| project ConnectionId, Direction, Machine, Process, ProcessName, SourceIp, DestinationIp, DestinationPort, Protocol, RemoteIp, RemoteMachine=Machine;',
      '// connections not to localhost augmented with RemoteMachine',
      'let remote=materialize(out',
      '| where RemoteIp !startswith "127."',
      '| join kind=leftouter (ips) on \\$left.RemoteIp == \\$right.ips',
      '| summarize by ConnectionId, Direction, Machine, Process, ProcessName, SourceIp, DestinationIp, DestinationPort, Protocol, RemoteIp, RemoteMachine=MonitoredMachine);',
      '// the remote machines to/from which we have connections',
      'let remoteMachines = remote | summarize by RemoteMachine;',
      '// all augmented connections',
      '(local)',
      '| union (remote)',
      '//Take all outbound records but only inbound records that come from either //unmonitored machines or monitored machines not in the set for which we are computing dependencies.',
      "| where Direction == 'outbound' or (Direction == 'inbound' and RemoteMachine !in (machines))",
      '| summarize by ConnectionId, Direction, Machine, Process, ProcessName, SourceIp, DestinationIp, DestinationPort, Protocol, RemoteIp, RemoteMachine',
      '// identify the remote port',
      "| extend RemotePort=iff(Direction == 'outbound', DestinationPort, 0)",
      "// construct the join key we'll use to find a matching port",
      "| extend JoinKey=strcat_delim(':', RemoteMachine, RemoteIp, RemotePort, Protocol)",
      '// find a matching port',
      '| join kind=leftouter (VMBoundPort',
      '| where Machine in (remoteMachines)',
      '| summarize arg_max(TimeGenerated, *) by PortId',
      "| extend JoinKey=strcat_delim(':', Machine, Ip, Port, Protocol)) on JoinKey",
      '// aggregate the remote information',
      "| summarize Remote=makeset(iff(isempty(RemoteMachine), todynamic('{\\}'), pack('Machine', RemoteMachine, 'Process', Process1, 'ProcessName', ProcessName1))) by ConnectionId, Direction, Machine, Process, ProcessName, SourceIp, DestinationIp, DestinationPort, Protocol",
    ],
  ),
];

/**
 * The network workbooks of VM insights, each reduced to the query behind its main chart. Their
 * parameters (time range, its grain, the computers) are tab stops; the computers default to the two the
 * seed documents name.
 */
const workbookQueries: readonly SampleQuery[] = [
  q(
    'wb-connections-overview',
    'workbook',
    'vm-wb-connections-overview',
    'Workbook: Connections overview',
    'Inbound and outbound connections established by the selected computers over time, one line per direction.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| summarize Connections = sum(LinksEstablished) by Direction, bin(TimeGenerated, ${4:1h})',
      '| render timechart',
    ],
  ),
  q(
    'wb-connections-top-remotes',
    'workbook',
    'vm-wb-top-remotes',
    'Workbook: Connections overview, top remote endpoints',
    'The remote endpoints the selected computers connect to most, with the remote process port.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| summarize Connections = sum(LinksEstablished) by RemoteEndpoint = strcat(RemoteIp, ":", DestinationPort)',
      '| top ${4:10} by Connections desc',
      '| render barchart',
    ],
  ),
  q(
    'wb-failed-connections',
    'workbook',
    'vm-wb-failed-connections',
    'Workbook: Failed connections',
    'Percentage of failed connections (LinksFailed over LinksEstablished) per computer over time, to see whether failures are rising.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| summarize Failed = sum(LinksFailed), Established = sum(LinksEstablished) by Computer, bin(TimeGenerated, ${4:1h})',
      '| extend FailedPercent = iff(Established == 0, 0.0, 100.0 * Failed / Established)',
      '| project TimeGenerated, Computer, FailedPercent',
      '| render timechart',
    ],
  ),
  q(
    'wb-failed-connections-by-machine',
    'workbook',
    'vm-wb-failed-by-machine',
    'Workbook: Failed connections per machine',
    'Count of failed connections of each selected computer in the time range.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| summarize FailedConnections = sum(LinksFailed) by Computer',
      '| sort by FailedConnections desc',
      '| render columnchart',
    ],
  ),
  q(
    'wb-tcp-traffic',
    'workbook',
    'vm-wb-tcp-traffic',
    'Workbook: TCP traffic',
    "Bytes sent and received by the selected computers over time (the workbook's documented query).",
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| summarize Sent = sum(BytesSent), Received = sum(BytesReceived) by bin(TimeGenerated, ${4:1h})',
      '| render timechart',
    ],
  ),
  q(
    'wb-traffic-comparison',
    'workbook',
    'vm-wb-traffic-comparison',
    'Workbook: Traffic comparison',
    'Total bytes (sent plus received) of each selected computer side by side over the same period.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| extend TotalBytes = BytesSent + BytesReceived',
      '| summarize TotalBytes = sum(TotalBytes) by Computer, bin(TimeGenerated, ${4:1h})',
      '| render timechart',
    ],
  ),
  q(
    'wb-active-ports',
    'workbook',
    'vm-wb-active-ports',
    'Workbook: Active ports',
    'Number of ports with traffic or live links on each selected computer over time.',
    [
      'VMBoundPort',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| where BytesSent > 0 or BytesReceived > 0 or LinksLive > 0',
      '| summarize ActivePorts = dcount(PortId) by Computer, bin(TimeGenerated, ${4:1h})',
      '| render timechart',
    ],
  ),
  q(
    'wb-open-ports',
    'workbook',
    'vm-wb-open-ports',
    'Workbook: Open ports',
    'Number of ports open on each selected computer in the time range.',
    [
      'VMBoundPort',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| where Ip != "127.0.0.1"',
      '| summarize by Computer, Port, Protocol',
      '| summarize OpenPorts = count() by Computer',
      '| sort by OpenPorts desc',
      '| render columnchart',
    ],
  ),
  q(
    'wb-malicious-connections',
    'workbook',
    'vm-wb-malicious',
    'Workbook: Security and audit, malicious connections',
    'Connections to IPs with known malicious activity, by threat type.',
    [
      'VMConnection',
      '| where TimeGenerated >= ago(${1:24h})',
      WORKBOOK_COMPUTERS,
      '| where isnotempty(MaliciousIp)',
      '| summarize Connections = sum(LinksEstablished) by IndicatorThreatType',
      '| render piechart',
    ],
  ),
];

export const SAMPLE_QUERIES: readonly SampleQuery[] = [...seedQueries, ...workbookQueries];

export function findSampleQuery(id: string): SampleQuery | undefined {
  return SAMPLE_QUERIES.find((s) => s.id === id);
}

/**
 * Expands VS Code snippet syntax to plain text: each tab stop becomes its default (recursively), bare
 * `$n` / `${n}` stops become empty, and the `\$`, `\}`, `\\` escapes are undone.
 */
export function expandSnippet(body: string): string {
  let i = 0;
  function parse(insidePlaceholder: boolean): string {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && insidePlaceholder) {
        i++;
        return out;
      } else if (c === '$') {
        const stop = /^\$(?:(\d+)|\{(\d+)([:}]))/.exec(body.slice(i, i + 12));
        if (!stop) {
          out += c;
          i++;
        } else if (stop[1] !== undefined || stop[3] === '}') {
          i += stop[0].length;
        } else {
          i += stop[0].length;
          out += parse(true);
        }
      } else {
        out += c;
        i++;
      }
    }
    if (insidePlaceholder) {
      throw new Error(`Unterminated snippet placeholder in: ${body}`);
    }
    return out;
  }
  return parse(false);
}

/**
 * What each sample-workspace default becomes in a snippet. A snippet is static (VS Code reads it from
 * the package), so it cannot know the workspace it is typed in: a sample machine name there would be a
 * real-looking name that silently matches nothing in the user's own workspace. The placeholders say
 * what to type and, left as they are, still parse (each sits inside a string literal).
 */
export const SNIPPET_PLACEHOLDERS: Readonly<Record<keyof typeof SAMPLE_DEFAULTS, string>> = {
  computer: '<computer name>',
  appServer: '<another computer name>',
  machineByName: '<machine id, m-GUID>',
  machineWithProcesses: '<machine id, m-GUID>',
  machineGroup: '<machine id, m-GUID>',
  ip: '<IP address>',
};

/** The query as a snippet: its tab stops keep the time windows' defaults, machines become placeholders. */
export function snippetBody(query: SampleQuery): string {
  const placeholder = new Map(
    Object.entries(SAMPLE_DEFAULTS).map(([k, v]) => [
      v as string,
      SNIPPET_PLACEHOLDERS[k as keyof typeof SAMPLE_DEFAULTS],
    ]),
  );
  return query.body.replace(/\$\{(\d+):([^}$\\]*)\}/g, (stop, n: string, value: string) => {
    const text = placeholder.get(value);
    return text === undefined ? stop : `\${${n}:${text}}`;
  });
}

/** The query as it runs: placeholders replaced by their defaults, snippet escapes undone. */
export function sampleQueryText(query: SampleQuery): string {
  return expandSnippet(query.body);
}
