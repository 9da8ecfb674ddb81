/**
 * The Machines view asks whether the process tables exist each time a machine's Processes branch opens.
 * On Log Analytics each schema() is a metadata API request of hundreds of tables: the list is read once
 * for a while per backend, not once per machine (before: one metadata request per expansion). A failed
 * read is not kept, and the local engine's in-memory schema, which changes with its data folder, is
 * read each time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceSchema } from '../../src/schema/workspaceSchema';
import { missingTables, PROCESS_TABLES, TABLE_LIST_TTL_MS } from '../../src/ui/machines/missingTables';

function countingBackend(id: 'logAnalytics' | 'local', tables: string[], fail = false) {
  const backend = {
    id,
    reads: 0,
    async schema(): Promise<WorkspaceSchema> {
      backend.reads++;
      if (fail) throw new Error('429 Too Many Requests');
      return {
        source: { kind: 'logAnalytics', label: 'test', fetchedAt: '2026-12-06T00:00:00Z' },
        tables: tables.map((name) => ({ name, description: '', group: 'Other', columns: [] })),
        functions: [],
      };
    },
  };
  return backend;
}

test("ten machines' Processes on Log Analytics read the workspace's tables once", async () => {
  const backend = countingBackend('logAnalytics', ['VMConnection', 'ServiceMapProcess_CL']);
  const t0 = 1_000_000;
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) => missingTables(backend, PROCESS_TABLES, undefined, t0 + i * 1000)),
  );
  assert.equal(backend.reads, 1);
  for (const a of answers) assert.deepEqual(a, ['VMProcess']);
  await missingTables(backend, PROCESS_TABLES, undefined, t0 + TABLE_LIST_TTL_MS - 1);
  assert.equal(backend.reads, 1);
  await missingTables(backend, PROCESS_TABLES, undefined, t0 + TABLE_LIST_TTL_MS);
  assert.equal(backend.reads, 2, 'read again once the list is old');
  // A rebuilt backend (new settings, new sign-in) has its own list.
  const rebuilt = countingBackend('logAnalytics', ['VMProcess']);
  assert.deepEqual(await missingTables(rebuilt, PROCESS_TABLES, undefined, t0 + 1), ['ServiceMapProcess_CL']);
  assert.equal(rebuilt.reads, 1);
});

test('a failed read says nothing and is not kept; the local engine is read each time', async () => {
  const failing = countingBackend('logAnalytics', [], true);
  assert.equal(await missingTables(failing, PROCESS_TABLES, undefined, 5), undefined);
  await new Promise((r) => setImmediate(r));
  assert.equal(await missingTables(failing, PROCESS_TABLES, undefined, 6), undefined);
  assert.equal(failing.reads, 2);
  const local = countingBackend('local', ['VMProcess']);
  await missingTables(local, PROCESS_TABLES, undefined, 5);
  await missingTables(local, PROCESS_TABLES, undefined, 6);
  assert.equal(local.reads, 2);
});
