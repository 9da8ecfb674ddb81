/**
 * A Log Analytics workspace that has VMConnection but neither VMComputer, VMBoundPort nor a process
 * table (VM insights' Map never enabled; connections from another source): its metadata answer, and
 * the Machines view's root answer of two machines known only by their connections. Shared by the unit
 * test of the tree (logAnalyticsTree.test.ts) and e2e scenario 86.
 */
import type { RecordedRequest } from '../backends/logAnalytics/loopbackServer';
import { type MetadataFixture, metadataFixture } from '../backends/metadataFixture';
import { MACHINES_ANSWER_COLUMNS } from './machinesAnswerColumns';

/** The tables a workspace without VMComputer, VMBoundPort and a process table lacks. */
const ABSENT = new Set(['VMComputer', 'VMBoundPort', 'VMProcess', 'ServiceMapComputer_CL', 'ServiceMapProcess_CL']);

/** The machines query's answer: two machines known only by their connections. */
export const MACHINES = {
  status: 200,
  body: {
    tables: [
      {
        name: 'PrimaryResult',
        columns: MACHINES_ANSWER_COLUMNS.map(([name, type]) => ({ name, type })),
        rows: [
          ['m-web', 'web-01', '', '', '[]', '[]', '', 1200, 3400, 0, '[""]', '[""]', 1, 1],
          ['m-sql', 'sql-01', '', '', '[]', '[]', '', 500, 100, 2, '[""]', '[""]', 1, 1],
        ],
      },
    ],
  },
};

/** The Machines view's root query (its inventory `let`). */
export const isMachinesQuery = (r: RecordedRequest): boolean => /let inventory/.test(r.body.query ?? '');

export function connectionOnlyMetadata(): MetadataFixture {
  const metadata = metadataFixture();
  return { ...metadata, tables: metadata.tables.filter((t) => !ABSENT.has(t.name)) };
}
