/**
 * A Log Analytics metadata API answer for a busy workspace: the VM insights tables, common Azure Monitor
 * tables with their real columns, a few hundred generated solution tables and custom `_CL` tables, and
 * saved functions — 300+ tables in all. Deterministic, so tests can name what is in it.
 */
import { CATALOGUE } from '../../src/schema/catalogue';

type Col = [name: string, type: string];

const COMMON: Record<string, Col[]> = {
  Heartbeat: [
    ['TenantId', 'string'],
    ['TimeGenerated', 'datetime'],
    ['Computer', 'string'],
    ['ComputerIP', 'string'],
    ['OSType', 'string'],
    ['OSName', 'string'],
    ['Version', 'string'],
    ['Category', 'string'],
    ['ResourceGroup', 'string'],
    ['SubscriptionId', 'string'],
    ['RemoteIPCountry', 'string'],
    ['IsGatewayInstalled', 'bool'],
    ['ComputerEnvironment', 'string'],
    ['Solutions', 'string'],
    ['_ResourceId', 'string'],
  ],
  Perf: [
    ['TimeGenerated', 'datetime'],
    ['Computer', 'string'],
    ['ObjectName', 'string'],
    ['CounterName', 'string'],
    ['InstanceName', 'string'],
    ['CounterValue', 'real'],
    ['CounterPath', 'string'],
    ['_ResourceId', 'string'],
  ],
  InsightsMetrics: [
    ['TimeGenerated', 'datetime'],
    ['Computer', 'string'],
    ['Origin', 'string'],
    ['Namespace', 'string'],
    ['Name', 'string'],
    ['Val', 'real'],
    ['Tags', 'dynamic'],
    ['AgentId', 'string'],
    ['_ResourceId', 'string'],
  ],
  SecurityEvent: [
    ['TimeGenerated', 'datetime'],
    ['Computer', 'string'],
    ['EventID', 'int'],
    ['Activity', 'string'],
    ['Account', 'string'],
    ['AccountType', 'string'],
    ['LogonType', 'int'],
    ['IpAddress', 'string'],
  ],
  Syslog: [
    ['TimeGenerated', 'datetime'],
    ['Computer', 'string'],
    ['Facility', 'string'],
    ['SeverityLevel', 'string'],
    ['SyslogMessage', 'string'],
    ['ProcessName', 'string'],
    ['HostIP', 'string'],
  ],
  AppRequests_CL: [
    ['TimeGenerated', 'datetime'],
    ['Url_s', 'string'],
    ['DurationMs_d', 'real'],
    ['Success_b', 'bool'],
  ],
};

const SOLUTIONS = [
  'LogManagement',
  'Security',
  'Updates',
  'ChangeTracking',
  'ServiceMap',
  'VMInsights',
  'ContainerInsights',
];

export interface MetadataFixture {
  readonly tables: {
    id: string;
    name: string;
    description: string;
    columns: { name: string; type: string; description?: string }[];
    related: { solutions: string[] };
  }[];
  readonly functions: {
    id: string;
    name: string;
    parameters: string;
    body: string;
    displayName: string;
    description: string;
    related: { solutions: string[] };
  }[];
  readonly solutions: { id: string; name: string; displayName: string; related: { tables: string[] } }[];
  readonly categories: { id: string; displayName: string; related: { tables: string[] } }[];
}

export const GENERATED_TABLE_COUNT = 300;

export function metadataFixture(): MetadataFixture {
  const tables: MetadataFixture['tables'] = [];
  const add = (name: string, columns: Col[], solution: string, description = `${name} records.`): void => {
    tables.push({
      id: `tables/${name}`,
      name,
      description,
      columns: columns.map(([n, type]) => ({ name: n, type, description: `${n} of ${name}.` })),
      related: { solutions: [`solutions/${solution}`] },
    });
  };
  for (const t of CATALOGUE) {
    add(
      t.name,
      t.columns.map((c) => [c.name, c.type]),
      t.name.startsWith('ServiceMap') ? 'ServiceMap' : 'VMInsights',
      t.description,
    );
  }
  for (const [name, cols] of Object.entries(COMMON)) {
    add(name, cols, name.endsWith('_CL') ? 'LogManagement' : name === 'SecurityEvent' ? 'Security' : 'LogManagement');
  }
  for (let i = 0; i < GENERATED_TABLE_COUNT; i++) {
    const name = i % 3 === 0 ? `Custom${String(i).padStart(3, '0')}_CL` : `Solution${String(i).padStart(3, '0')}Events`;
    const cols: Col[] = [
      ['TimeGenerated', 'datetime'],
      ['Computer', 'string'],
    ];
    for (let j = 0; j < 10 + (i % 20); j++)
      cols.push([`Field${j}`, ['string', 'long', 'real', 'bool', 'dynamic', 'datetime'][j % 6]!]);
    add(name, cols, SOLUTIONS[i % SOLUTIONS.length]!);
  }
  const functions: MetadataFixture['functions'] = [
    {
      id: 'functions/HeartbeatOf',
      name: 'HeartbeatOf',
      parameters: 'computer:string',
      displayName: 'Heartbeats of a machine',
      description: 'Heartbeats of one machine.',
      body: 'Heartbeat | where Computer == computer',
      related: { solutions: ['solutions/LogManagement'] },
    },
    {
      id: 'functions/BusyMachines',
      name: 'BusyMachines',
      parameters: 'threshold:real = 80.0',
      displayName: 'Busy machines',
      description: 'Machines whose processor time exceeded a threshold.',
      body: 'Perf | where CounterName == "% Processor Time" and CounterValue > threshold | distinct Computer',
      related: { solutions: ['solutions/LogManagement'] },
    },
    {
      id: 'functions/FailedLinks',
      name: 'FailedLinks',
      parameters: '',
      displayName: 'Failed links',
      description: 'Connections that failed.',
      body: '{ VMConnection | where LinksFailed > 0 }',
      related: { solutions: ['solutions/VMInsights'] },
    },
  ];
  const solutions = SOLUTIONS.map((s) => ({
    id: `solutions/${s}`,
    name: s,
    displayName: s.replace(/([a-z])([A-Z])/g, '$1 $2'),
    related: { tables: tables.filter((t) => t.related.solutions.includes(`solutions/${s}`)).map((t) => t.id) },
  }));
  return { tables, functions, solutions, categories: [] };
}
