/**
 * The one catalogue of the VM insights tables. Completion, hover, the TextMate grammar's column list,
 * the sample workspace, file loaders and the machines tree all read it from here.
 *
 * Descriptions are those of the seed document (Azure Monitor "How to query logs from VM insights"),
 * with its typos mended; columns the seed queries use but its tables omit carry descriptions written
 * from the Azure Monitor table reference.
 */
import type { ColumnSchema, KqlType, TableSchema } from './types';

type ColumnRow = readonly [name: string, type: KqlType, description: string];

function columns(rows: readonly ColumnRow[]): ColumnSchema[] {
  return rows.map(([name, type, description]) => ({ name, type, description }));
}

const common: readonly ColumnRow[] = [
  ['TenantId', 'string', 'The Log Analytics workspace ID.'],
  ['TimeGenerated', 'datetime', 'The start of the 1-minute interval the record describes (UTC).'],
  ['Computer', 'string', 'Fully-qualified domain name of the reporting machine.'],
  ['AgentId', 'string', 'The unique identifier for a machine with the Log Analytics agent.'],
  [
    'Machine',
    'string',
    'Name of the Azure Resource Manager resource for the machine exposed by ServiceMap, of the form m-{GUID}, where GUID is the same GUID as AgentId.',
  ],
  [
    'Process',
    'string',
    'Name of the Azure Resource Manager resource for the process exposed by ServiceMap, of the form p-{hex string}. Unique within a machine; combine Machine and Process for an id unique across machines.',
  ],
  ['ProcessName', 'string', 'Executable name of the reporting process.'],
];

const linkMetrics: readonly ColumnRow[] = [
  [
    'LinksEstablished',
    'long',
    'The number of physical network connections that have been established during the reporting time window.',
  ],
  [
    'LinksTerminated',
    'long',
    'The number of physical network connections that have been terminated during the reporting time window.',
  ],
  [
    'LinksLive',
    'long',
    'The number of physical network connections that were open at the end of the reporting time window.',
  ],
];

const trafficMetrics: readonly ColumnRow[] = [
  ['BytesSent', 'long', 'Total number of bytes that have been sent during the reporting time window.'],
  ['BytesReceived', 'long', 'Total number of bytes that have been received during the reporting time window.'],
  ['Responses', 'long', 'The number of responses observed during the reporting time window.'],
  [
    'ResponseTimeMax',
    'long',
    'The largest response time (milliseconds) observed during the reporting time window. If no value, the property is blank.',
  ],
  [
    'ResponseTimeMin',
    'long',
    'The smallest response time (milliseconds) observed during the reporting time window. If no value, the property is blank.',
  ],
  [
    'ResponseTimeSum',
    'long',
    'The sum of all response times (milliseconds) observed during the reporting time window. If no value, the property is blank.',
  ],
];

const recordTail: readonly ColumnRow[] = [
  ['SourceSystem', 'string', 'The agent that collected the record.'],
  ['Type', 'string', 'The name of the table.'],
  ['_ResourceId', 'string', 'The Azure resource id of the machine the record comes from.'],
];

export const VmConnectionSchema: TableSchema = {
  name: 'VMConnection',
  group: 'VM insights',
  description:
    'Inbound and outbound TCP connections of monitored machines, one record per logical connection per 1-minute interval, reported by the Dependency agent.',
  columns: columns([
    ...common,
    [
      'ConnectionId',
      'string',
      'The identity of the logical connection; use it to find the records of one connection across time.',
    ],
    ['Direction', 'string', 'Direction of the connection, value is inbound or outbound.'],
    ['SourceIp', 'string', 'IP address of the source.'],
    ['DestinationIp', 'string', 'IP address of the destination.'],
    ['DestinationPort', 'int', 'Port number of the destination.'],
    ['Protocol', 'string', 'Protocol used for the connection. Value is tcp.'],
    [
      'RemoteIp',
      'string',
      'IP address of the remote end of the connection: the SourceIp for inbound connections, the DestinationIp for outbound ones.',
    ],
    ['RemoteClassification', 'string', 'Reserved for future use.'],
    ['RemoteDnsQuestions', 'dynamic', 'Reserved for future use.'],
    ['RemoteDnsCanonicalNames', 'dynamic', 'The DNS canonical names reported by the machine for RemoteIp.'],
    ['RemoteCountry', 'string', 'The name of the country/region hosting RemoteIp. For example, United States.'],
    ['RemoteLatitude', 'real', 'The geolocation latitude. For example, 47.68.'],
    ['RemoteLongitude', 'real', 'The geolocation longitude. For example, -122.12.'],
    ['MaliciousIp', 'string', 'The RemoteIp address, when it is identified as malicious; empty otherwise.'],
    [
      'IndicatorThreatType',
      'string',
      'Threat indicator detected, one of Botnet, C2, CryptoMining, Darknet, DDos, MaliciousUrl, Malware, Phishing, Proxy, PUA, Watchlist.',
    ],
    ['Description', 'string', 'Description of the observed threat.'],
    ['TLPLevel', 'string', 'Traffic Light Protocol (TLP) Level, one of White, Green, Amber, Red.'],
    ['Confidence', 'string', 'Confidence of the threat indicator, 0 - 100.'],
    [
      'Severity',
      'int',
      'Severity of the threat, 0 - 5, where 5 is the most severe and 0 is not severe at all. Default value is 3.',
    ],
    ['FirstReportedDateTime', 'string', 'The first time the provider reported the indicator.'],
    ['LastReportedDateTime', 'string', 'The last time the indicator was seen by Interflow.'],
    ['IsActive', 'string', 'Indicates whether the indicator is active (True) or deactivated (False).'],
    ['ReportReferenceLink', 'string', 'Links to reports related to a given observable.'],
    ['AdditionalInformation', 'string', 'Provides additional information, if applicable, about the observed threat.'],
    ...linkMetrics,
    [
      'LinksFailed',
      'long',
      'The number of physical network connections that have failed during the reporting time window. Currently available only for outbound connections.',
    ],
    ...trafficMetrics,
    ...recordTail,
  ]),
};

export const VmBoundPortSchema: TableSchema = {
  name: 'VMBoundPort',
  group: 'VM insights',
  description:
    'Ports on monitored machines that accept incoming traffic or could accept it but are idle, one record per port per 1-minute interval.',
  columns: columns([
    ...common,
    ['Ip', 'string', 'Port IP address (can be the wildcard IP, 0.0.0.0).'],
    ['Port', 'int', 'The port number.'],
    ['Protocol', 'string', 'The protocol, for example tcp or udp (only tcp is currently supported).'],
    [
      'IsWildcardBind',
      'bool',
      'True when the port is exposed over every interface of the machine (a wildcard record for the same process, port and protocol was folded into this one); False when bound only on this interface.',
    ],
    [
      'PortId',
      'string',
      'The identity of the port, derived from Machine, Process, Ip, Port and Protocol; use it to find the records of one port across time.',
    ],
    ...linkMetrics,
    ...trafficMetrics,
    ...recordTail,
  ]),
};

export const ServiceMapComputerSchema: TableSchema = {
  name: 'ServiceMapComputer_CL',
  group: 'Service Map (legacy)',
  description:
    'Inventory of servers with the Dependency agent: one record per machine per hour, and when it starts or is onboarded. Fields map to the Machine resource of the ServiceMap Resource Manager API.',
  columns: columns([
    ['TimeGenerated', 'datetime', 'When the record was generated (UTC).'],
    ['Computer', 'string', 'Fully-qualified domain name of the reporting machine.'],
    ['Type', 'string', 'ServiceMapComputer_CL'],
    ['SourceSystem', 'string', 'OpsManager'],
    ['ResourceId', 'string', 'The unique identifier for a machine within the workspace.'],
    [
      'ResourceName_s',
      'string',
      'The unique identifier for a machine within the workspace (m-{GUID}); matches the name of the Resource Manager resource.',
    ],
    ['ComputerName_s', 'string', 'The computer FQDN.'],
    ['Ipv4Addresses_s', 'string', "A list of the server's IPv4 addresses (a JSON array as text)."],
    ['Ipv6Addresses_s', 'string', "A list of the server's IPv6 addresses (a JSON array as text)."],
    ['DnsNames_s', 'string', 'An array of DNS names (a JSON array as text).'],
    ['OperatingSystemFamily_s', 'string', 'Windows or Linux.'],
    ['OperatingSystemFullName_s', 'string', 'The full name of the operating system.'],
    ['Bitness_s', 'string', 'The bitness of the machine (32-bit or 64-bit).'],
    ['PhysicalMemory_d', 'real', 'The physical memory in MB.'],
    ['Cpus_d', 'real', 'The number of CPUs.'],
    ['CpuSpeed_d', 'real', 'The CPU speed in MHz.'],
    ['VirtualizationState_s', 'string', 'unknown, physical, virtual or hypervisor.'],
    ['VirtualMachineType_s', 'string', 'hyperv, vmware, and so on.'],
    ['VirtualMachineNativeMachineId_g', 'guid', 'The VM ID as assigned by its hypervisor.'],
    ['VirtualMachineName_s', 'string', 'The name of the VM.'],
    ['BootTime_t', 'datetime', 'The boot time.'],
    ['AzureLocation_s', 'string', 'The Azure region of the VM; empty for machines outside Azure.'],
    ['AzureImageOffering_s', 'string', 'The offer of the Azure Marketplace image the VM was created from.'],
    ['AzureImageSku_s', 'string', 'The SKU of the Azure Marketplace image the VM was created from.'],
    ['AzureImagePublisher_s', 'string', 'The publisher of the Azure Marketplace image the VM was created from.'],
    ['AzureVMSize_s', 'string', 'The size of the Azure VM, for example Standard_D2s_v3.'],
    ['AzureResourceGroup_s', 'string', 'The resource group of the Azure VM.'],
    ['AzureSubscriptionId_g', 'guid', 'The subscription of the Azure VM.'],
    ['AzureVmId_g', 'guid', 'The unique id of the Azure VM.'],
  ]),
};

export const ServiceMapProcessSchema: TableSchema = {
  name: 'ServiceMapProcess_CL',
  group: 'Service Map (legacy)',
  description:
    'Inventory of TCP-connected processes on servers with the Dependency agent: one record per process per hour, and when it starts. Fields map to the Process resource of the ServiceMap Resource Manager API.',
  columns: columns([
    ['TimeGenerated', 'datetime', 'When the record was generated (UTC).'],
    ['Computer', 'string', 'Fully-qualified domain name of the machine the process runs on.'],
    ['Type', 'string', 'ServiceMapProcess_CL'],
    ['SourceSystem', 'string', 'OpsManager'],
    ['ResourceId', 'string', 'The unique identifier for a process within the workspace.'],
    ['ResourceName_s', 'string', 'The unique identifier for a process within the machine on which it is running.'],
    ['MachineResourceName_s', 'string', 'The resource name of the machine.'],
    ['ExecutableName_s', 'string', 'The name of the process executable.'],
    ['StartTime_t', 'datetime', 'The process pool start time.'],
    ['FirstPid_d', 'real', 'The first PID in the process pool.'],
    ['Description_s', 'string', 'The process description.'],
    ['CompanyName_s', 'string', 'The name of the company.'],
    ['InternalName_s', 'string', 'The internal name.'],
    ['ProductName_s', 'string', 'The name of the product.'],
    ['ProductVersion_s', 'string', 'The product version.'],
    ['FileVersion_s', 'string', 'The file version.'],
    ['CommandLine_s', 'string', 'The command line.'],
    ['ExecutablePath_s', 'string', 'The path to the executable file.'],
    ['WorkingDirectory_s', 'string', 'The working directory.'],
    ['UserName', 'string', 'The account under which the process is executing.'],
    ['UserDomain', 'string', 'The domain under which the process is executing.'],
  ]),
};

export const VmComputerSchema: TableSchema = {
  name: 'VMComputer',
  group: 'VM insights',
  description:
    'Inventory of machines with the Dependency agent (the successor of ServiceMapComputer_CL): one record per machine per hour.',
  columns: columns([
    ['TenantId', 'string', 'The Log Analytics workspace ID.'],
    ['TimeGenerated', 'datetime', 'When the record was generated (UTC).'],
    ['Computer', 'string', 'Fully-qualified domain name of the machine.'],
    ['AgentId', 'string', 'The unique identifier for a machine with the Log Analytics agent.'],
    ['Machine', 'string', 'Name of the ServiceMap machine resource, m-{GUID}.'],
    ['DisplayName', 'string', 'The display name of the machine.'],
    ['FullDisplayName', 'string', 'The full display name of the machine.'],
    ['HostName', 'string', 'The host name, without the domain.'],
    ['BootTime', 'datetime', 'The boot time.'],
    ['TimeZone', 'string', 'The normalized time zone.'],
    ['Ipv4Addresses', 'dynamic', "The machine's IPv4 addresses."],
    ['Ipv4SubnetMasks', 'dynamic', 'The IPv4 subnet masks, in the order of Ipv4Addresses.'],
    ['Ipv4DefaultGateways', 'dynamic', 'The IPv4 default gateways.'],
    ['Ipv6Addresses', 'dynamic', "The machine's IPv6 addresses."],
    ['MacAddresses', 'dynamic', 'The MAC addresses.'],
    ['DnsNames', 'dynamic', 'The DNS names of the machine.'],
    ['DependencyAgentVersion', 'string', 'The version of the Dependency agent.'],
    ['OperatingSystemFamily', 'string', 'Windows or Linux.'],
    ['OperatingSystemFullName', 'string', 'The full name of the operating system.'],
    ['Bitness', 'string', '32bit or 64bit.'],
    ['PhysicalMemoryMB', 'long', 'The physical memory in MB.'],
    ['Cpus', 'int', 'The number of CPUs.'],
    ['CpuSpeed', 'int', 'The CPU speed in MHz.'],
    ['VirtualizationState', 'string', 'unknown, physical, virtual or hypervisor.'],
    ['VirtualMachineType', 'string', 'hyperv, vmware, and so on.'],
    ['VirtualMachineNativeId', 'string', 'The VM ID as assigned by its hypervisor.'],
    ['VirtualMachineNativeName', 'string', 'The name of the VM.'],
    ['HostingProvider', 'string', 'azure for Azure VMs, empty otherwise.'],
    ['AzureLocation', 'string', 'The Azure region of the VM.'],
    ['AzureSize', 'string', 'The size of the Azure VM.'],
    ['AzureImagePublisher', 'string', 'The publisher of the Azure Marketplace image.'],
    ['AzureImageOffering', 'string', 'The offer of the Azure Marketplace image.'],
    ['AzureImageSku', 'string', 'The SKU of the Azure Marketplace image.'],
    ['AzureResourceGroup', 'string', 'The resource group of the Azure VM.'],
    ['AzureSubscriptionId', 'string', 'The subscription of the Azure VM.'],
    ['AzureVmId', 'string', 'The unique id of the Azure VM.'],
    ['Type', 'string', 'VMComputer'],
    ['_ResourceId', 'string', 'The Azure resource id of the machine.'],
  ]),
};

export const VmProcessSchema: TableSchema = {
  name: 'VMProcess',
  group: 'VM insights',
  description:
    'Inventory of TCP-connected processes (the successor of ServiceMapProcess_CL): one record per process per hour.',
  columns: columns([
    ['TenantId', 'string', 'The Log Analytics workspace ID.'],
    ['TimeGenerated', 'datetime', 'When the record was generated (UTC).'],
    ['Computer', 'string', 'Fully-qualified domain name of the machine the process runs on.'],
    ['AgentId', 'string', 'The unique identifier for a machine with the Log Analytics agent.'],
    ['Machine', 'string', 'Name of the ServiceMap machine resource, m-{GUID}.'],
    ['Process', 'string', 'Name of the ServiceMap process resource, p-{hex string}; unique within the machine.'],
    ['ExecutableName', 'string', 'The name of the process executable.'],
    ['DisplayName', 'string', 'The display name of the process.'],
    ['Role', 'string', 'The role of the process: webServer, appServer, databaseServer, ldapServer, smbServer.'],
    ['Group', 'string', 'The process group name.'],
    ['StartTime', 'datetime', 'The process pool start time.'],
    ['FirstPid', 'int', 'The first PID in the process pool.'],
    ['Description', 'string', 'The process description.'],
    ['CompanyName', 'string', 'The name of the company.'],
    ['InternalName', 'string', 'The internal name.'],
    ['ProductName', 'string', 'The name of the product.'],
    ['ProductVersion', 'string', 'The product version.'],
    ['FileVersion', 'string', 'The file version.'],
    ['ExecutablePath', 'string', 'The path to the executable file.'],
    ['CommandLine', 'string', 'The command line.'],
    ['WorkingDirectory', 'string', 'The working directory.'],
    ['Services', 'dynamic', 'The services the process hosts (Windows).'],
    ['UserName', 'string', 'The account under which the process is executing.'],
    ['UserDomain', 'string', 'The domain under which the process is executing.'],
    ['Type', 'string', 'VMProcess'],
    ['_ResourceId', 'string', 'The Azure resource id of the machine.'],
  ]),
};

/** Every table of the catalogue, in the order the UI lists them. */
export const CATALOGUE: readonly TableSchema[] = [
  VmConnectionSchema,
  VmBoundPortSchema,
  ServiceMapComputerSchema,
  ServiceMapProcessSchema,
  VmComputerSchema,
  VmProcessSchema,
];

const byName = new Map(CATALOGUE.map((t) => [t.name.toLowerCase(), t]));

/** Looks a table up by name; KQL table names are case-sensitive, but users' files are not always. */
export function findTable(name: string): TableSchema | undefined {
  return byName.get(name.toLowerCase());
}

export function findColumn(table: TableSchema, column: string): ColumnSchema | undefined {
  return table.columns.find((c) => c.name === column);
}

/** All distinct column names across the catalogue (for the grammar and completion). */
export function allColumnNames(): string[] {
  return [...new Set(CATALOGUE.flatMap((t) => t.columns.map((c) => c.name)))].sort();
}
