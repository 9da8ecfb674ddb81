/**
 * The KQL behind the machines tree, its context actions and the dependency map. Pure (no vscode): the
 * same text runs on the local engine and on Log Analytics. Every name, IP or id from the data enters a
 * query only through kqlString / kqlStringList, so a hostile machine name stays one string literal.
 */
import { kqlString, kqlStringList } from '../../kql/literals';
import { isIpAddress } from '../../render/ipAddress';

/** A filter typed by the user: matched against the computer name, the OS and the IPv4 and IPv6 addresses. */
export interface MachineFilter {
  readonly text: string;
}

/**
 * The latest inventory record of each machine, from whichever inventory table the workspace has: VM
 * insights' VMComputer, or Service Map's ServiceMapComputer_CL (the tables the seed documents). A
 * fuzzy union leaves out a table the workspace lacks; where both report a machine, VMComputer wins.
 * Only Machine, Computer and TimeGenerated are required of VMComputer: a partial export without the
 * OS or address columns still lists its machines (`column_ifexists` reads a missing column as empty).
 * IPv6 addresses are read beside the IPv4 ones: a machine known only by IPv6 shows an address, and its
 * peers' connections to it resolve to it.
 * A machine neither reports is still known by the connections it made (VMConnection, last): a folder of
 * exports holding only VMConnection lists its machines, where the union of two absent tables failed.
 */
const INVENTORY = [
  'let inventory = union isfuzzy=true',
  '    (VMComputer',
  '    | extend OsFamily = column_ifexists("OperatingSystemFamily", ""), Os = column_ifexists("OperatingSystemFullName", ""),',
  '        Ipv4Addresses = column_ifexists("Ipv4Addresses", dynamic([])), Ipv6Addresses = column_ifexists("Ipv6Addresses", dynamic([])),',
  '        ResourceId = column_ifexists("_ResourceId", "")',
  '    | summarize arg_max(TimeGenerated, Computer, OsFamily, Os, Ipv4Addresses, Ipv6Addresses, ResourceId) by Machine',
  '    | project TimeGenerated, Machine, Computer, OsFamily, Os, Ipv4Addresses, Ipv6Addresses, ResourceId, Preference = 2),',
  '    (ServiceMapComputer_CL',
  '    | extend Ipv6Addresses_s = column_ifexists("Ipv6Addresses_s", "")',
  '    | summarize arg_max(TimeGenerated, ComputerName_s, OperatingSystemFamily_s, OperatingSystemFullName_s, Ipv4Addresses_s, Ipv6Addresses_s)',
  '        by ResourceName_s',
  '    | project TimeGenerated, Machine = ResourceName_s, Computer = ComputerName_s, OsFamily = tolower(OperatingSystemFamily_s), Os = OperatingSystemFullName_s,',
  '        Ipv4Addresses = todynamic(Ipv4Addresses_s), Ipv6Addresses = todynamic(Ipv6Addresses_s), ResourceId = "", Preference = 1),',
  '    (VMConnection',
  '    | summarize arg_max(TimeGenerated, Computer) by Machine',
  '    | project TimeGenerated, Machine, Computer, OsFamily = "", Os = "", Ipv4Addresses = dynamic([]), Ipv6Addresses = dynamic([]),',
  '        ResourceId = "", Preference = 0)',
  '| summarize arg_max(Preference, TimeGenerated, Computer, OsFamily, Os, Ipv4Addresses, Ipv6Addresses, ResourceId) by Machine;',
];

/**
 * An inventory address column as an array: an export may hold one address bare, or garbage, where the
 * array belongs, and array_concat of anything but two arrays is null, which lost the machine's other
 * column's addresses too.
 */
function addressArray(column: string): string {
  return `iff(gettype(${column}) == "array", ${column}, iff(isempty(tostring(${column})), dynamic([]), pack_array(tostring(${column}))))`;
}

/** Every address of an inventory row, IPv4 then IPv6. */
const INVENTORY_ADDRESSES = `array_concat(${addressArray('Ipv4Addresses')}, ${addressArray('Ipv6Addresses')})`;

/** A KQL condition: `column` is an address (IPv4 or IPv6; a zone id, fe80::1%eth0, allowed), not other text. */
function kqlIsAddress(column: string): string {
  return `isnotempty(parse_ipv6(extract("^[^%]*", 0, ${column})))`;
}

/**
 * Remote IPs resolved to monitored machines through the inventory's IPv4 and IPv6 addresses, as the seed's
 * "Summarize the outbound connections from a group of machines" query does with ServiceMapComputer_CL.
 * One machine per IP (the most recent report) so a reused private address cannot multiply rows.
 */
export const MONITORED_IPS: readonly string[] = [
  ...INVENTORY,
  'let monitoredIps = inventory',
  `| mv-expand Ip = ${INVENTORY_ADDRESSES} to typeof(string)`,
  // Only addresses name a machine: an empty entry or garbage in an export's address column would otherwise
  // claim every connection whose RemoteIp is empty or holds the same garbage.
  `| where ${kqlIsAddress('Ip')}`,
  // Keyed by address, not text: VMComputer's fd00::2 is VMConnection's fd00:0::2 (ipAddress.ts).
  `| extend IpKey = ${kqlIpKey('Ip')}`,
  '| summarize arg_max(TimeGenerated, Machine, Computer) by IpKey',
  '| project IpKey, RemoteMachine = Machine, RemoteComputer = Computer;',
];

/**
 * A KQL expression giving `column`'s address key, the same for every spelling of one address and for an
 * IPv4 address and its IPv4-mapped IPv6 form (src/render/ipAddress.ts's ipKey in the query): parse_ipv6's
 * full form, or the text when it is no address. `column` may be a string literal.
 */
export function kqlIpKey(column: string): string {
  return `coalesce(parse_ipv6(${column}), ${column})`;
}

/**
 * A KQL condition true where `column` holds any spelling of one of `ips`: the address keys compared, so
 * a query opened for fd00::2 finds the rows exported as FD00:0:0:0::2 too, whatever the time range
 * (a list of the spellings seen would miss those outside the window the tree or map read). An address
 * with a zone (fe80::1%eth0, which parse_ipv6 refuses) is matched as address and zone; text that is no
 * address matches only itself.
 */
export function kqlIpMatch(column: string, ips: readonly string[]): string {
  const unique = [...new Set(ips)];
  const keys = unique.map((ip) => kqlIpKey(kqlString(ip)));
  const byKey = keys.length === 1 ? `${kqlIpKey(column)} == ${keys[0]}` : `${kqlIpKey(column)} in (${keys.join(', ')})`;
  const zoned = unique
    .filter((ip) => ip.includes('%') && isIpAddress(ip))
    .map((ip) => {
      const [address, zone] = ip.trim().split('%', 2) as [string, string];
      return `(parse_ipv6(extract("^[^%]*", 0, ${column})) == parse_ipv6(${kqlString(address)}) and ${column} endswith_cs ${kqlString(`%${zone}`)})`;
    });
  return zoned.length ? `(${[byKey, ...zoned].join(' or ')})` : byKey;
}

/** Joins rows with an IpKey column (kqlIpKey of RemoteIp) to the monitored machine owning that address. */
const JOIN_ON_IP_KEY = '| join kind=leftouter (monitoredIps) on IpKey';

/** Joins rows with a RemoteIp column to the monitored machine owning that address (MONITORED_IPS). */
export const JOIN_MONITORED_IPS = `| extend IpKey = ${kqlIpKey('RemoteIp')} ${JOIN_ON_IP_KEY}`;

/**
 * Columns of VMConnection that exports often leave out: the threat columns (`MaliciousIp`,
 * `IndicatorThreatType`), `LinksFailed`, `Protocol`, `Process`, `ProcessName` and the byte counts (`BytesSent`,
 * `BytesReceived`: a "who talks to whom" export drops them). Missing, they read as empty, zero or, for
 * the byte counts, null (no failure, no threat is flagged; the map keys a process by its name, and without a name
 * draws the machine's connections under one unnamed process; the tree
 * counts the records with bytes, BYTE_RECORDS, to say the data has none rather than show "0 B") instead
 * of failing the whole tree or map; present, they are read as they are.
 * Put right after each read of VMConnection, before anything uses them.
 */
export const OPTIONAL_CONNECTION_COLUMNS =
  '| extend MaliciousIp = column_ifexists("MaliciousIp", ""), IndicatorThreatType = column_ifexists("IndicatorThreatType", ""),' +
  ' LinksFailed = column_ifexists("LinksFailed", long(0)), Protocol = column_ifexists("Protocol", ""),' +
  ' Process = column_ifexists("Process", ""), ProcessName = column_ifexists("ProcessName", ""),' +
  ' BytesSent = column_ifexists("BytesSent", long(null)),' +
  ' BytesReceived = column_ifexists("BytesReceived", long(null))';

/** Aggregates counting the records that have byte counts: none means the data lacks the column. */
const BYTE_RECORDS = 'SentRecords = countif(isnotnull(BytesSent)), ReceivedRecords = countif(isnotnull(BytesReceived))';

/**
 * Columns of VMBoundPort an export may leave out (a minimal one keeps the machine, Ip, Port and
 * Protocol): missing, they read as empty or zero, so the Bound ports branch lists the ports it has.
 */
export const OPTIONAL_PORT_COLUMNS =
  '| extend ProcessName = column_ifexists("ProcessName", ""), Process = column_ifexists("Process", ""),' +
  ' IsWildcardBind = column_ifexists("IsWildcardBind", false), LinksLive = column_ifexists("LinksLive", long(0)),' +
  ' BytesSent = column_ifexists("BytesSent", long(0)), BytesReceived = column_ifexists("BytesReceived", long(0))';

/** Root level: one row per machine, with what the tree needs to flag it. */
export function machinesQuery(filter?: MachineFilter): string {
  const lines = [
    ...INVENTORY,
    'let traffic = VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksFailed = sum(LinksFailed),',
    `    MaliciousIps = make_set(MaliciousIp, 11), Threats = make_set(IndicatorThreatType, 11), ${BYTE_RECORDS} by Machine;`,
  ];
  const text = filter?.text.trim();
  // A whole address finds its machine however the export spelt it (fd00::2 finds fd00:0::2); part of
  // one still matches as text.
  const address = text && isIpAddress(text);
  if (address) {
    lines.push(
      'let addressOwners = inventory',
      `| mv-expand Ip = ${INVENTORY_ADDRESSES} to typeof(string)`,
      `| where ${kqlIpMatch('Ip', [text])}`,
      '| project Machine;',
    );
  }
  lines.push('inventory');
  if (text) {
    const t = kqlString(text);
    lines.push(
      `| where Computer contains ${t} or Os contains ${t} or OsFamily contains ${t} or tostring(Ipv4Addresses) contains ${t}` +
        ` or tostring(Ipv6Addresses) contains ${t} or Machine contains ${t}${address ? ' or Machine in (addressOwners)' : ''}`,
    );
  }
  lines.push(
    '| join kind=leftouter (traffic) on Machine',
    '| project Machine, Computer, OsFamily, Os, Ipv4Addresses, Ipv6Addresses, ResourceId, BytesSent, BytesReceived, LinksFailed, MaliciousIps, Threats,',
    '    SentRecords, ReceivedRecords',
    // Names that differ only in case (WEB-01, web-01) side by side.
    '| order by tolower(Computer) asc, Computer asc, Machine asc',
  );
  return lines.join('\n');
}

/**
 * A process's details other than its id: an export may leave any of them out (the user's own VMProcess
 * without UserName or ExecutablePath), and a missing one reads as empty rather than failing the machine's
 * whole Processes branch.
 */
const PROCESS_DETAILS =
  '    | extend ExecutableName = column_ifexists("ExecutableName", ""), DisplayName = column_ifexists("DisplayName", ""),' +
  ' CommandLine = column_ifexists("CommandLine", ""), UserName = column_ifexists("UserName", ""),' +
  ' UserDomain = column_ifexists("UserDomain", ""), ExecutablePath = column_ifexists("ExecutablePath", "")';
const SERVICE_MAP_PROCESS_DETAILS =
  '    | extend ExecutableName_s = column_ifexists("ExecutableName_s", ""), Description_s = column_ifexists("Description_s", ""),' +
  ' CommandLine_s = column_ifexists("CommandLine_s", ""), UserName = column_ifexists("UserName", ""),' +
  ' UserDomain = column_ifexists("UserDomain", ""), ExecutablePath_s = column_ifexists("ExecutablePath_s", "")';

/** A machine's processes from VMProcess or Service Map's ServiceMapProcess_CL, as for the inventory. */
export function processesQuery(machine: string): string {
  const m = kqlString(machine);
  return [
    'union isfuzzy=true',
    '    (VMProcess',
    `    | where Machine == ${m}`,
    PROCESS_DETAILS,
    '    | summarize arg_max(TimeGenerated, ExecutableName, DisplayName, CommandLine, UserName, UserDomain, ExecutablePath) by Process',
    '    | project Process, ExecutableName, DisplayName, CommandLine, UserName, UserDomain, ExecutablePath, Preference = 2),',
    '    (ServiceMapProcess_CL',
    `    | where MachineResourceName_s == ${m}`,
    SERVICE_MAP_PROCESS_DETAILS,
    '    | summarize arg_max(TimeGenerated, ExecutableName_s, Description_s, CommandLine_s, UserName, UserDomain, ExecutablePath_s) by ResourceName_s',
    '    | project Process = ResourceName_s, ExecutableName = ExecutableName_s, DisplayName = Description_s, CommandLine = CommandLine_s,',
    '        UserName, UserDomain, ExecutablePath = ExecutablePath_s, Preference = 1)',
    '| summarize arg_max(Preference, ExecutableName, DisplayName, CommandLine, UserName, UserDomain, ExecutablePath) by Process',
    '| project Process, ExecutableName, DisplayName, CommandLine, UserName, UserDomain, ExecutablePath',
    '| order by ExecutableName asc, Process asc',
  ].join('\n');
}

/** Bound ports with the failed inbound links to each (VMBoundPort itself has no LinksFailed). */
export function boundPortsQuery(machine: string): string {
  const m = kqlString(machine);
  return [
    'let failed = VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where Machine == ${m} and Direction == "inbound"`,
    '| summarize LinksFailed = sum(LinksFailed) by Port = DestinationPort, Protocol;',
    'VMBoundPort',
    `| where Machine == ${m}`,
    OPTIONAL_PORT_COLUMNS,
    // One row per address, however spelt (fd00::5 and FD00:0:0:0::5), with the spellings the export holds.
    `| extend IpKey = ${kqlIpKey('Ip')}`,
    '| summarize arg_max(TimeGenerated, ProcessName, Process, IsWildcardBind, LinksLive), BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived),',
    '    Ips = make_set(Ip, 11) by IpKey, Port, Protocol',
    '| join kind=leftouter (failed) on Port, Protocol',
    '| project Ip = tostring(Ips[0]), Ips, Port, Protocol, ProcessName, Process, IsWildcardBind, LinksLive, BytesSent, BytesReceived, LinksFailed',
    '| order by Port asc, Ip asc',
  ].join('\n');
}

export type ConnectionDirection = 'outbound' | 'inbound';

/**
 * The remote ends of one machine's connections in one direction, aggregated per remote IP, port and
 * local process, with the remote resolved to a monitored machine where its IP is known.
 */
export function dependenciesQuery(machine: string, direction: ConnectionDirection): string {
  return [
    ...MONITORED_IPS,
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where Machine == ${kqlString(machine)} and Direction == ${kqlString(direction)}`,
    // One row per remote address, however spelt, with the spellings the export holds.
    `| extend IpKey = ${kqlIpKey('RemoteIp')}`,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished),',
    `    LinksFailed = sum(LinksFailed), MaliciousIps = make_set(MaliciousIp, 11), Threats = make_set(IndicatorThreatType, 11), ${BYTE_RECORDS},`,
    '    RemoteIps = make_set(RemoteIp, 11) by IpKey, Port = DestinationPort, Protocol, ProcessName',
    JOIN_ON_IP_KEY,
    '| project RemoteIp = tostring(RemoteIps[0]), RemoteIps, Port, Protocol, ProcessName, RemoteMachine, RemoteComputer, BytesSent, BytesReceived,',
    '    LinksEstablished, LinksFailed, MaliciousIps, Threats,',
    '    SentRecords, ReceivedRecords',
    '| extend TotalBytes = BytesSent + BytesReceived',
    '| order by TotalBytes desc, RemoteIp asc, Port asc',
  ].join('\n');
}

/**
 * Outbound connections of the chosen machines (all when the list is empty) for the dependency map:
 * machine → process → remote endpoint, with the remote resolved through the monitored IPs.
 */
export function dependencyMapQuery(machines: readonly string[]): string {
  return [
    ...MONITORED_IPS,
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    '| where Direction == "outbound"' + (machines.length ? ` and Machine in ${kqlStringList(machines)}` : ''),
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished),',
    '    LinksFailed = sum(LinksFailed), MaliciousIps = make_set(MaliciousIp, 11), Threats = make_set(IndicatorThreatType, 11)',
    '    by Machine, Computer, Process, ProcessName, RemoteIp, Port = DestinationPort, Protocol',
    JOIN_MONITORED_IPS,
    '| project Machine, Computer, Process, ProcessName, RemoteIp, Port, Protocol, RemoteMachine, RemoteComputer,',
    '    BytesSent, BytesReceived, LinksEstablished, LinksFailed, MaliciousIps, Threats',
  ].join('\n');
}

// Queries opened in an editor for the user to read and change: the seed queries' shape.

export function connectionsQueryFor(machine: string, computer: string): string {
  return [
    '// Connections of one machine, by direction, process and remote endpoint',
    `let computer = ${kqlString(computer)};`,
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where Machine == ${kqlString(machine)} or (isempty(Machine) and Computer == computer)`,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished), LinksFailed = sum(LinksFailed)',
    '    by Direction, ProcessName, RemoteIp, DestinationPort, Protocol',
    '| extend TotalBytes = BytesSent + BytesReceived',
    '| order by TotalBytes desc',
  ].join('\n');
}

export function boundPortsQueryFor(machine: string, computer: string): string {
  return [
    '// Ports bound on one machine, with their traffic and live links',
    `let computer = ${kqlString(computer)};`,
    'VMBoundPort',
    `| where Machine == ${kqlString(machine)} or (isempty(Machine) and Computer == computer)`,
    OPTIONAL_PORT_COLUMNS,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), arg_max(TimeGenerated, LinksLive) by ProcessName, Ip, Port, Protocol, IsWildcardBind',
    '| project-away TimeGenerated',
    '| order by Port asc, Ip asc',
  ].join('\n');
}

export function trafficChartQueryFor(machines: readonly string[]): string {
  return [
    '// Bytes sent and received per hour by the selected machines',
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where Machine in ${kqlStringList(machines)}`,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived) by bin(TimeGenerated, 1h)',
    '| order by TimeGenerated asc',
    '| render timechart',
  ].join('\n');
}

/** The connections of one process of one machine, or to one remote endpoint: what a map node opens. */
export function processConnectionsQueryFor(machine: string, processName: string): string {
  return [
    '// Connections of one process of one machine',
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where Machine == ${kqlString(machine)} and ProcessName == ${kqlString(processName)}`,
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished), LinksFailed = sum(LinksFailed)',
    '    by Direction, RemoteIp, DestinationPort, Protocol',
    '| extend TotalBytes = BytesSent + BytesReceived',
    '| order by TotalBytes desc',
  ].join('\n');
}

export function remoteEndpointQueryFor(remoteIp: string, port?: number): string {
  return [
    '// Connections to one remote endpoint, by local machine and process',
    'VMConnection',
    OPTIONAL_CONNECTION_COLUMNS,
    `| where ${kqlIpMatch('RemoteIp', [remoteIp])}` +
      (port !== undefined && Number.isInteger(port) ? ` and DestinationPort == ${port}` : ''),
    '| summarize BytesSent = sum(BytesSent), BytesReceived = sum(BytesReceived), LinksEstablished = sum(LinksEstablished), LinksFailed = sum(LinksFailed),',
    '    MaliciousIp = make_set(MaliciousIp, 11) by Computer, ProcessName, Direction',
    '| extend TotalBytes = BytesSent + BytesReceived',
    '| order by TotalBytes desc',
  ].join('\n');
}
