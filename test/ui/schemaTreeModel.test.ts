import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFromMetadata } from '../../src/schema/metadataJson';
import { CATALOGUE_SCHEMA, describeLoadedTable, type WorkspaceSchema } from '../../src/schema/workspaceSchema';
import {
  ageText,
  queryThisTable,
  schemaChildren,
  type SchemaNode,
  schemaNodeId,
  schemaRoots,
  tableDescription,
} from '../../src/ui/schemaView/schemaTreeModel';
import { metadataFixture } from '../backends/metadataFixture';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const schema = schemaFromMetadata(metadataFixture(), {
  kind: 'logAnalytics',
  label: 'Log Analytics metadata API',
  fetchedAt: '2026-12-01T09:00:00Z',
});

test('the top says where the schema came from and how old it is', () => {
  const [source] = schemaRoots(schema, '', NOW);
  assert.deepEqual(source && source.kind === 'source' && [source.label, source.description], [
    'Log Analytics metadata API',
    '312 tables, 3 functions · 3 h ago',
  ]);
  const [sample] = schemaRoots(CATALOGUE_SCHEMA, '', NOW);
  assert.equal(sample?.kind === 'source' && sample.description, '6 tables · bundled');
  assert.equal(ageText('2026-12-01T11:59:30Z', NOW), 'just now');
  assert.equal(ageText('2026-11-28T12:00:00Z', NOW), '3 days ago');
});

test('tables are grouped by solution, then columns with type; functions sit in their group', () => {
  const groups = schemaRoots(schema, '', NOW).slice(1);
  assert.deepEqual(
    groups.map((g) => g.kind === 'group' && g.label),
    ['Change Tracking', 'Container Insights', 'Log Management', 'Security', 'Service Map', 'Updates', 'VMInsights'],
  );
  const logManagement = groups.find((g) => g.kind === 'group' && g.label === 'Log Management')!;
  const children = schemaChildren(logManagement);
  assert.deepEqual(
    children.slice(0, 2).map((c) => c.kind === 'function' && c.fn.name),
    ['HeartbeatOf', 'BusyMachines'],
  );
  const heartbeat = children.find((c) => c.kind === 'table' && c.table.name === 'Heartbeat')!;
  const columns = schemaChildren(heartbeat);
  assert.equal(columns.length, 15);
  assert.deepEqual(columns[4]?.kind === 'column' && [columns[4].column.name, columns[4].column.type], [
    'OSType',
    'string',
  ]);
});

test('the filter keeps tables whose name or columns match, showing only the matching columns', () => {
  const groups = schemaRoots(schema, 'ostype', NOW).slice(1);
  assert.deepEqual(
    groups.map((g) => g.kind === 'group' && g.label),
    ['Log Management'],
  );
  const [heartbeat] = schemaChildren(groups[0]!, 'ostype');
  assert.deepEqual(
    schemaChildren(heartbeat!, 'ostype').map((c) => c.kind === 'column' && c.column.name),
    ['OSType'],
  );
  assert.match(
    schemaRoots(schema, 'ostype', NOW)[0]!.kind === 'source'
      ? (schemaRoots(schema, 'ostype', NOW)[0] as { description: string }).description
      : '',
    /filter "ostype"/,
  );
});

test('"Query this table" writes the table and a sample; odd names are quoted', () => {
  assert.equal(queryThisTable('Heartbeat'), 'Heartbeat\n| take 100');
  assert.equal(queryThisTable("My Table's"), "['My Table\\'s']\n| take 100");
  assert.equal(queryThisTable('union'), "['union']\n| take 100", 'a reserved word is bracketed too');
});

test('a partial export: a loaded VM insights table names the catalogue columns its file lacks; other tables do not', () => {
  const folder: WorkspaceSchema = {
    source: { kind: 'folder', label: 'Files: /exports/data', fetchedAt: '2026-12-01T12:00:00Z' },
    tables: [
      describeLoadedTable('VMComputer', [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Computer', type: 'string' },
        { name: 'Site', type: 'string' },
      ]),
      describeLoadedTable('Heartbeat', [{ name: 'Computer', type: 'string' }]),
    ],
    functions: [],
  };
  const [source, ...groups] = schemaRoots(folder, '', NOW);
  assert.deepEqual(source?.kind === 'source' && [source.label, source.description], [
    'Files: data',
    '2 tables · just now',
  ]);
  const broken = { ...folder, source: { ...folder.source, note: '/data/MyApp_CL.json:3:71: invalid JSON' } };
  assert.equal(
    schemaRoots(broken, '', NOW)[0]?.kind === 'source' &&
      (schemaRoots(broken, '', NOW)[0] as { description: string }).description,
    '2 tables, 1 file failed · just now',
  );
  const tables = groups.flatMap((g) => schemaChildren(g));
  const vmComputer = tables.find((t) => t.kind === 'table' && t.table.name === 'VMComputer')!;
  const heartbeat = tables.find((t) => t.kind === 'table' && t.table.name === 'Heartbeat')!;
  assert.equal(vmComputer.kind === 'table' && tableDescription(vmComputer), '3 columns · 36 missing');
  assert.equal(heartbeat.kind === 'table' && tableDescription(heartbeat), '1 columns');
  const children = schemaChildren(vmComputer);
  assert.deepEqual(
    children.slice(0, 3).map((c) => c.kind === 'column' && [c.column.name, c.missing ?? false]),
    [
      ['TimeGenerated', false],
      ['Computer', false],
      ['Site', false],
    ],
  );
  const missing = children[3]!;
  assert.equal(missing.kind, 'missing');
  const marked = schemaChildren(missing);
  assert.equal(marked.length, 36);
  assert.deepEqual(
    marked.slice(0, 2).map((c) => c.kind === 'column' && [c.column.name, c.missing]),
    [
      ['TenantId', true],
      ['AgentId', true],
    ],
  );
  assert.deepEqual(
    schemaChildren(heartbeat).map((c) => c.kind),
    ['column'],
  );
  // The same table from the sample or Log Analytics is what it is: nothing marked.
  const la = schemaChildren(
    schemaRoots({ ...folder, source: { ...folder.source, kind: 'logAnalytics' } }, '', NOW)[2]!,
  );
  assert.ok(la.every((t) => t.kind !== 'table' || !t.missing));
});

test('a schema read that failed shows under the source line, with the schema kept; broken tables are counted', () => {
  const failure = 'Log Analytics failed (500 Internal Server Error): The metadata store is down.';
  const roots = schemaRoots(CATALOGUE_SCHEMA, '', NOW, failure);
  assert.equal(roots[0]?.kind, 'source');
  const failed = roots[1];
  assert.ok(failed?.kind === 'failure', JSON.stringify(failed));
  assert.equal(failed.label, 'Could not read the workspace schema');
  assert.equal(failed.description, 'Log Analytics failed (500 Internal Server Error)');
  assert.match(
    failed.tooltip,
    /The metadata store is down\.\n\nShowing the schema of Sample workspace \(6 tables\) until then: click to try again\.$/,
  );
  assert.equal(roots.length, schemaRoots(CATALOGUE_SCHEMA, '', NOW).length + 1);
  // Under a filter too: the user filtering for their own table must see why it is not there.
  assert.equal(schemaRoots(CATALOGUE_SCHEMA, 'zzz', NOW, failure)[1]?.kind, 'failure');

  const withUnread = {
    ...schema,
    source: { ...schema.source, unreadTables: ['Broken_CL', 'HalfWritten_CL'], note: '2 tables left out: …' },
  };
  const [source, unread] = schemaRoots(withUnread, '', NOW);
  assert.equal(source?.kind === 'source' && source.description, '312 tables, 3 functions · 3 h ago');
  // Its own row: at the side bar's usual width the source line's end is cut off.
  assert.ok(unread?.kind === 'failure', JSON.stringify(unread));
  assert.equal(unread.label, '2 tables could not be read');
  assert.equal(unread.description, 'Broken_CL, HalfWritten_CL');
  assert.match(unread.tooltip, /^2 tables left out: …\n\nClick to read the schema again\.$/);
});

test("a row's id differs per filter, so a filter applied with the view open shows its matches expanded", () => {
  // VS Code keeps the collapse state of a row it has drawn: the same id under a filter stayed collapsed.
  const ids = (filter: string): string[] => {
    const out: string[] = [];
    const walk = (nodes: readonly SchemaNode[]): void => {
      for (const n of nodes) {
        out.push(schemaNodeId(n, filter));
        walk(schemaChildren(n, filter));
      }
    };
    walk(schemaRoots(schema, filter, NOW));
    return out;
  };
  const all = ids('');
  assert.equal(new Set(all).size, all.length, 'unique in the tree');
  const filtered = ids('ostype');
  assert.equal(new Set(filtered).size, filtered.length);
  assert.ok(
    filtered.every((id) => !all.includes(id)),
    'no id of the unfiltered view is reused under the filter',
  );
  assert.deepEqual(ids(''), all, 'the same rows keep their ids');
});
