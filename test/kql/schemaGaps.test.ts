import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaGaps } from '../../src/kql';
import { CATALOGUE_SCHEMA, describeLoadedTable, type WorkspaceSchema } from '../../src/schema/workspaceSchema';
import {
  boundPortsQueryFor,
  connectionsQueryFor,
  machinesQuery,
  trafficChartQueryFor,
} from '../../src/ui/machines/fleetQueries';

/** A partial export: VMComputer without Ipv4Addresses or OperatingSystemFamily, VMConnection without DestinationPort. */
const partial: WorkspaceSchema = {
  source: { kind: 'folder', label: 'Files: exports', fetchedAt: '2026-12-05T00:00:00Z' },
  tables: [
    describeLoadedTable('VMComputer', [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'Machine', type: 'string' },
    ]),
    describeLoadedTable(
      'VMConnection',
      [
        'TimeGenerated',
        'Computer',
        'Machine',
        'Direction',
        'ProcessName',
        'RemoteIp',
        'Protocol',
        'BytesSent',
        'BytesReceived',
        'LinksEstablished',
        'LinksFailed',
      ].map((name) => ({
        name,
        type:
          name === 'TimeGenerated'
            ? ('datetime' as const)
            : /^(Bytes|Links)/.test(name)
              ? ('long' as const)
              : ('string' as const),
      })),
    ),
  ],
  functions: [],
};

test('a query naming a column the workspace lacks: the missing names, in order', () => {
  assert.deepEqual(schemaGaps('VMComputer | project Computer, Ipv4Addresses, OperatingSystemFamily', partial), [
    'Ipv4Addresses',
    'OperatingSystemFamily',
  ]);
  assert.deepEqual(schemaGaps('VMComputer | project Computer, Ipv4Addresses', CATALOGUE_SCHEMA), []);
});

test('generated queries on a partial export: the ones that adapt bind, the others name what they miss', () => {
  // The machines list reads optional columns through column_ifexists: nothing missing.
  assert.deepEqual(
    schemaGaps(machinesQuery(), {
      ...partial,
      tables: [
        ...partial.tables,
        ...CATALOGUE_SCHEMA.tables.filter((t) => !['VMComputer', 'VMConnection'].includes(t.name)),
      ],
    }),
    [],
  );
  assert.deepEqual(schemaGaps(connectionsQueryFor('m-1', 'web-01'), partial), ['DestinationPort']);
  assert.deepEqual(schemaGaps(trafficChartQueryFor(['m-1']), partial), []);
  // A whole table missing is named too.
  assert.deepEqual(schemaGaps(boundPortsQueryFor('m-1', 'web-01'), partial), ['VMBoundPort']);
});
