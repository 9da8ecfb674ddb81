import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/kql';
import { globalsForSchema } from '../../src/kql/globals';
import {
  parseMetadataJson,
  schemaFromMetadata,
  schemaToMetadata,
  SchemaFileError,
  metadataType,
} from '../../src/schema/metadataJson';
import {
  CATALOGUE_SCHEMA,
  describeLoadedTable,
  groupedTables,
  hasColumn,
  hasTable,
  missingColumns,
  schemaFingerprint,
  schemaFunction,
} from '../../src/schema/workspaceSchema';
import { cancellationToken, items, kusto } from '../../src/kql';
import { metadataFixture } from '../backends/metadataFixture';

const SOURCE = { kind: 'logAnalytics' as const, label: 'test', fetchedAt: '2026-12-01T00:00:00Z' };

function errors(schema: ReturnType<typeof schemaFromMetadata>, query: string): string[] {
  const code = kusto().KustoCode.ParseAndAnalyze(query, globalsForSchema(schema), cancellationToken())!;
  return [...items(code.GetDiagnostics(cancellationToken()))]
    .filter((d) => d.Severity === 'Error')
    .map((d) => `${d.Start}: ${d.Message}`);
}

test('the catalogue schema answers hasTable/hasColumn/missingColumns', () => {
  assert.equal(hasTable(CATALOGUE_SCHEMA, 'VMConnection'), true);
  assert.equal(hasTable(CATALOGUE_SCHEMA, 'Heartbeat'), false);
  assert.equal(hasColumn(CATALOGUE_SCHEMA, 'VMComputer', 'OperatingSystemFamily'), true);
  assert.equal(hasColumn(CATALOGUE_SCHEMA, 'VMComputer', 'Nope'), false);
  assert.equal(hasColumn(CATALOGUE_SCHEMA, 'Nope', 'Computer'), false);
  assert.deepEqual(missingColumns(CATALOGUE_SCHEMA, 'VMComputer', ['Computer', 'Nope', 'Machine']), ['Nope']);
});

test('a loaded table keeps its own columns and takes catalogue descriptions where names match', () => {
  const t = describeLoadedTable('VMComputer', [
    { name: 'Computer', type: 'string' },
    { name: 'Extra', type: 'long' },
  ]);
  assert.match(t.columns[0]!.description, /domain name/);
  assert.equal(t.columns[1]!.description, '');
  assert.equal(t.group, 'VM insights');
  assert.equal(describeLoadedTable('Heartbeat', [{ name: 'Computer', type: 'string' }]).group, 'Other tables');
});

test('the metadata fixture reads into 300+ tables grouped by solution, with functions', () => {
  const schema = schemaFromMetadata(metadataFixture(), SOURCE);
  assert.ok(schema.tables.length >= 300, `${schema.tables.length} tables`);
  assert.equal(hasColumn(schema, 'Heartbeat', 'OSType'), true);
  assert.equal(schema.tables.find((t) => t.name === 'SecurityEvent')!.group, 'Security');
  assert.equal(schemaFunction(schema, 'HeartbeatOf')!.parameters, 'computer:string');
  assert.ok(
    groupedTables(schema).some((g) => g.group === 'Log Management' && g.tables.some((t) => t.name === 'Heartbeat')),
  );
});

test('metadata column types map to KQL types; unknown ones to dynamic', () => {
  assert.equal(metadataType('System.Int64'), 'long');
  assert.equal(metadataType('Boolean'), 'bool');
  assert.equal(metadataType('geo'), 'dynamic');
  assert.equal(metadataType(undefined), 'dynamic');
});

test('bad metadata says where it is wrong', () => {
  assert.throws(() => schemaFromMetadata([], SOURCE), /\$: expected a JSON object/);
  assert.throws(() => schemaFromMetadata({}, SOURCE), /\$\.tables: missing/);
  assert.throws(
    () => schemaFromMetadata({ tables: [{ name: 'A', columns: [{ type: 'string' }] }] }, SOURCE),
    (e: unknown) => e instanceof SchemaFileError && /\$\.tables\[0\]\.columns\[0\]\.name: missing/.test(e.message),
  );
  assert.throws(
    () => parseMetadataJson('{"tables": [', { ...SOURCE, label: 'schema.json' }),
    /schema\.json: not valid JSON/,
  );
  assert.throws(
    () => parseMetadataJson('{"tables": [{"name": 3}]}', { ...SOURCE, label: 'schema.json' }),
    /schema\.json \$\.tables\[0\]\.name: expected a string/,
  );
});

test('a schema survives the round trip through the metadata shape (the disk cache format)', () => {
  const schema = schemaFromMetadata(metadataFixture(), SOURCE);
  const again = schemaFromMetadata(JSON.parse(JSON.stringify(schemaToMetadata(schema))), SOURCE);
  assert.equal(schemaFingerprint(again), schemaFingerprint(schema));
  assert.deepEqual(
    again.tables.map((t) => t.group),
    schema.tables.map((t) => t.group),
  );
});

test('the binder knows the schema: tables, functions with bodies, and cross-resource calls', () => {
  const schema = schemaFromMetadata(metadataFixture(), SOURCE);
  assert.deepEqual(errors(schema, 'Heartbeat | summarize count() by Computer'), []);
  assert.deepEqual(errors(schema, 'HeartbeatOf("web-1") | project OSType'), []);
  assert.deepEqual(errors(schema, 'FailedLinks | summarize count() by Computer'), []);
  assert.deepEqual(errors(schema, 'workspace("other").Heartbeat | take 5'), []);
  assert.deepEqual(errors(schema, 'app("shop").requests | take 5'), []);
  assert.deepEqual(errors(schema, 'union workspace("a").Perf, resource("/subscriptions/x/vm").Perf | count'), []);
  assert.deepEqual(errors(schema, 'Heartbeat | where OSTyp == "Linux"'), [
    "18: The name 'OSTyp' does not refer to any known column, table, variable or function.",
  ]);
  assert.deepEqual(errors(schema, 'workspace("other").Heartbeat | where OSTyp == "Linux"'), [
    "37: The name 'OSTyp' does not refer to any known column, table, variable or function.",
  ]);
  // Without the schema the same query is unknown to the catalogue.
  assert.notDeepEqual(
    analyze('Heartbeat | take 1').diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});
