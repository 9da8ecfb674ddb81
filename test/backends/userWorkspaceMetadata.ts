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
