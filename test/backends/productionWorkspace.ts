/**
 * A production-sized Log Analytics workspace for the QA walk of e2e scenario 101: the busy workspace of
 * userWorkspaceMetadata.ts grown to 400 tables, a custom table whose columns were named freely (a space,
 * a dot, reserved words, non-Latin letters), a VMConnection that differs from the catalogue's (a column
 * missing, one extra, one of another type), and the answers of a 10,000-machine fleet.
 */
import { MACHINES_ANSWER_COLUMNS } from '../machines/machinesAnswerColumns';
import type { MetadataFixture } from './metadataFixture';
import { userWorkspaceMetadata } from './userWorkspaceMetadata';

export const TABLE_COUNT = 400;
export const ODD_TABLE = 'ShopOrders_CL';
/** Columns as a Logs Ingestion API client might name them; `title` and `time` are reserved in KQL. */
export const ODD_COLUMNS: readonly { name: string; type: string }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Request Id', type: 'string' },
  { name: 'http.status', type: 'int' },
  { name: 'title', type: 'string' },
  { name: 'time', type: 'datetime' },
  { name: 'Größe_d', type: 'real' },
  { name: '注文番号_s', type: 'string' },
];
/** VMConnection's column that this workspace types differently (real, where the catalogue says long). */
export const RETYPED_VMCONNECTION_COLUMN = 'LinksEstablished';

export function productionMetadata(): MetadataFixture {
  const base = userWorkspaceMetadata();
  const related = { solutions: ['solutions/LogManagement'] };
  const tables = base.tables.map((t) =>
    t.name === 'VMConnection'
      ? {
          ...t,
          columns: t.columns.map((c) => (c.name === RETYPED_VMCONNECTION_COLUMN ? { ...c, type: 'real' } : c)),
        }
      : t,
  );
  tables.push({
    id: `tables/${ODD_TABLE}`,
    name: ODD_TABLE,
    description: 'Orders as the shop logs them.',
    columns: [...ODD_COLUMNS],
    related,
  });
  tables.push(...fillerTables(TABLE_COUNT - tables.length, 'AppTelemetry', ['Message', 'Level']));
  return { ...base, tables };
}

/** `count` custom tables `<prefix>000_CL`…, each of TimeGenerated and the given string columns. */
export function fillerTables(count: number, prefix: string, columns: readonly string[]): MetadataFixture['tables'] {
  const related = { solutions: ['solutions/LogManagement'] };
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const name = `${prefix}${String(i).padStart(3, '0')}_CL`;
    return {
      id: `tables/${name}`,
      name,
      description: `${name} records.`,
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, ...columns.map((c) => ({ name: c, type: 'string' }))],
      related,
    };
  });
}

/** A machine's name in the fleet: `srv-00001` … (sorted as the machines query orders them). */
export const machineName = (i: number): string => `srv-${String(i + 1).padStart(5, '0')}`;

const table = (columns: readonly (readonly [string, string])[], rows: unknown[][]) => ({
  tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }],
});

/** The Machines view's root answer for `count` machines. */
export function fleetMachinesAnswer(count: number): { status: number; body: unknown } {
  const rows = Array.from({ length: count }, (_, i) => [
    `m-${i}`,
    machineName(i),
    i % 3 ? 'linux' : 'windows',
    i % 3 ? 'Ubuntu 22.04' : 'Windows Server 2022',
    JSON.stringify([`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`]),
    '[]',
    '',
    1000 + i,
    2000 + i,
    i % 50 === 0 ? 1 : 0,
    '[""]',
    '[""]',
    1,
    1,
  ]);
  return { status: 200, body: table(MACHINES_ANSWER_COLUMNS, rows) };
}

/** The dependency map's answer: each of `count` machines talks to the next one and to an external host. */
export function fleetMapAnswer(count: number): { status: number; body: unknown } {
  const columns: [string, string][] = [
    ['Machine', 'string'],
    ['Computer', 'string'],
    ['Process', 'string'],
    ['ProcessName', 'string'],
    ['RemoteIp', 'string'],
    ['Port', 'int'],
    ['Protocol', 'string'],
    ['RemoteMachine', 'string'],
    ['RemoteComputer', 'string'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksEstablished', 'long'],
    ['LinksFailed', 'long'],
    ['MaliciousIps', 'dynamic'],
    ['Threats', 'dynamic'],
  ];
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % count;
    const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    rows.push(
      [`m-${i}`, machineName(i), `p-${i}`, 'nginx', ip(next), 443, 'tcp', `m-${next}`, machineName(next)],
      [`m-${i}`, machineName(i), `p-${i}`, 'nginx', '52.10.0.1', 443, 'tcp', '', ''],
    );
  }
  for (const row of rows) row.push(100, 200, 1, 0, '[""]', '[""]');
  return { status: 200, body: table(columns, rows) };
}
