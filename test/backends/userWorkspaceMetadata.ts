/**
 * A user's own workspace as the metadata API describes it, for the QA walk: the busy workspace of
 * metadataFixture.ts, where VMConnection has a column the documentation's table lacks (`Team_s`, added
 * by a transformation) and lacks one it has (`BytesReceived`, dropped by one), plus a few wide custom
 * tables of 250 columns each.
 */
import { type MetadataFixture, metadataFixture } from './metadataFixture';

export const EXTRA_VMCONNECTION_COLUMN = 'Team_s';
export const DROPPED_VMCONNECTION_COLUMN = 'BytesReceived';
export const WIDE_TABLES = ['WideAudit_CL', 'WideInventory_CL', 'WideTelemetry_CL'];
export const WIDE_COLUMN_COUNT = 250;

export function userWorkspaceMetadata(): MetadataFixture {
  const base = metadataFixture();
  const tables = base.tables.map((t) =>
    t.name === 'VMConnection'
      ? {
          ...t,
          columns: [
            ...t.columns.filter((c) => c.name !== DROPPED_VMCONNECTION_COLUMN),
            { name: EXTRA_VMCONNECTION_COLUMN, type: 'string', description: 'The owning team, set at ingestion.' },
          ],
        }
      : t,
  );
  for (const name of WIDE_TABLES) {
    tables.push({
      id: `tables/${name}`,
      name,
      description: `${name} records.`,
      columns: [
        { name: 'TimeGenerated', type: 'datetime' },
        ...Array.from({ length: WIDE_COLUMN_COUNT - 1 }, (_, i) => ({
          name: `Attr${String(i + 1).padStart(3, '0')}_s`,
          type: 'string',
        })),
      ],
      related: { solutions: ['solutions/LogManagement'] },
    });
  }
  return { ...base, tables };
}

/** A custom table whose columns a user's ingestion named freely, with every Kusto type the API sends. */
export const ODD_TABLE = 'OrderEvents_CL';
export const ODD_COLUMNS: readonly { name: string; type: string }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Request Id', type: 'string' },
  { name: 'Größe_d', type: 'real' },
  { name: '注文番号_s', type: 'string' },
  { name: 'CorrelationId', type: 'guid' },
  { name: 'Elapsed', type: 'timespan' },
  { name: 'Payload', type: 'dynamic' },
  { name: 'SequenceNumber', type: 'long' },
  { name: 'Amount', type: 'decimal' },
  { name: 'Retries', type: 'int' },
  { name: 'Shipped', type: 'bool' },
];

/**
 * The user's workspace without VM insights' Map (no VMBoundPort: the Dependency agent was never
 * installed) and with ODD_TABLE and a 500-column custom table.
 */
export function workspaceWithoutBoundPorts(): MetadataFixture {
  const base = userWorkspaceMetadata();
  const related = { solutions: ['solutions/LogManagement'] };
  return {
    ...base,
    tables: [
      ...base.tables.filter((t) => t.name !== 'VMBoundPort'),
      {
        id: `tables/${ODD_TABLE}`,
        name: ODD_TABLE,
        description: 'Orders as the shop logs them.',
        columns: [...ODD_COLUMNS],
        related,
      },
      {
        id: 'tables/Inventory500_CL',
        name: 'Inventory500_CL',
        description: 'A table of 500 columns.',
        columns: Array.from({ length: 500 }, (_, i) => ({
          name: `Slot${String(i).padStart(3, '0')}_s`,
          type: 'string',
        })),
        related,
      },
    ],
  };
}
