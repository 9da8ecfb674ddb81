import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalBackend } from '../../../src/backends/local';
import { hasColumn, schemaColumn } from '../../../src/schema/workspaceSchema';

const WORKER = path.resolve(__dirname, '../../../src/backends/local/engineWorker.ts');

test('the local schema is the loaded files: extra tables and columns, catalogue descriptions, failed files in the note', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-schema-'));
  fs.writeFileSync(path.join(dir, 'VMComputer.csv'), 'TimeGenerated,Machine,Computer,CostCenter\n2026-11-23T10:00:00Z,m-1,web01,42\n');
  fs.writeFileSync(path.join(dir, 'AppLogs.csv'), 'TimeGenerated,Level\n2026-11-23T10:00:00Z,Error\n');
  // Broken JSON: the file fails as a whole, so its table is not in the schema and the note names it.
  fs.writeFileSync(path.join(dir, 'VMBoundPort.json'), '[{"TimeGenerated":"2026-11-23T10:00:00Z","Port":80},\n{"Port": 81,,}]\n');
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  try {
    const schema = await backend.schema();
    assert.equal(schema.source.kind, 'folder');
    assert.deepEqual(schema.tables.map((t) => t.name).sort(), ['AppLogs', 'VMComputer']);
    assert.ok(hasColumn(schema, 'VMComputer', 'CostCenter'), 'an extra column of a catalogue table');
    assert.ok(!hasColumn(schema, 'VMComputer', 'OperatingSystemFamily'), 'a column the partial export lacks');
    assert.match(schemaColumn(schema, 'VMComputer', 'Computer')!.description, /domain name/);
    assert.ok(hasColumn(schema, 'AppLogs', 'Level'));
    assert.match(schema.source.note ?? '', /VMBoundPort\.json:2:\d+: /);
  } finally {
    backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
