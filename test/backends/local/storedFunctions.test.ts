/**
 * Stored functions in the local backend's worker: a data folder's own (its `.kql` files) and those the
 * editor gives from its schema file, which the folder's own of the same name override; the schema the
 * backend reports lists them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import type { FunctionSchema } from '../../../src/schema/workspaceSchema';

const WORKER = 'src/backends/local/engineWorker.ts';

const given = (name: string, body: string): FunctionSchema => ({
  name,
  parameters: '',
  body,
  description: '',
  group: 'Saved',
});

test("the worker runs the folder's stored functions and those given from the schema file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-local-fns-'));
  fs.writeFileSync(path.join(dir, 'VMBoundPort.csv'), 'Computer,Port\nweb1,80\nweb1,443\ndb1,1433\n');
  fs.writeFileSync(
    path.join(dir, 'ports.kql'),
    '.create-or-alter function WebPorts() { VMBoundPort | where Computer == "web1" }',
  );
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  try {
    assert.deepEqual((await backend.run('WebPorts | count')).tables[0]!.rows, [[2]]);
    await assert.rejects(backend.run('DbPorts | count'), /DbPorts/);
    // The schema file's functions: a new one runs, one the folder defines too stays the folder's.
    backend.useStoredFunctions([
      given('DbPorts', 'VMBoundPort | where Computer == "db1"'),
      given('WebPorts', 'print n = 0'),
    ]);
    assert.deepEqual((await backend.run('DbPorts | count')).tables[0]!.rows, [[1]]);
    assert.deepEqual((await backend.run('WebPorts | count')).tables[0]!.rows, [[2]]);
    const schema = await backend.schema();
    assert.deepEqual(
      schema.functions.map((f) => f.name),
      ['WebPorts', 'DbPorts'],
    );
    backend.useStoredFunctions([]);
    await assert.rejects(backend.run('DbPorts | count'), /DbPorts/);
  } finally {
    backend.dispose();
  }
});
