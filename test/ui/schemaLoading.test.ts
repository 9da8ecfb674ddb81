/**
 * The workspace schema provider's `loading` state, which the language client turns into the server's
 * "schema pending" (unknown names held): true from the start, through a Log Analytics read whose cached
 * schema comes first and the fresh one after, and over a read replaced by a newer one; false once the
 * last read ends, after its schema was announced, or when it failed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeCachedSchema } from '../../src/backends/logAnalytics';
import { describeLoadedTable, type WorkspaceSchema } from '../../src/schema/workspaceSchema';
import { installFakeVscode } from './fakeVscode';

installFakeVscode();
const { WorkspaceSchemaProvider } =
  // After installFakeVscode, so the provider's `vscode` is the fake.
  require('../../src/ui/workspaceSchemaProvider') as typeof import('../../src/ui/workspaceSchemaProvider');

const WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';

function schema(label: string, ...tables: string[]): WorkspaceSchema {
  return {
    source: { kind: 'logAnalytics', label, fetchedAt: new Date().toISOString() },
    tables: tables.map((t) => describeLoadedTable(t, [{ name: 'Payload_s', type: 'string' }])),
    functions: [],
  };
}

/** A provider over a fake backend whose `schema()` resolves when the test says. */
function provider(id: 'local' | 'logAnalytics', cacheDir: string) {
  const reads: { resolve: (s: WorkspaceSchema) => void; reject: (e: Error) => void; sent?: () => void }[] = [];
  const backend = {
    id,
    schema: (_signal?: AbortSignal, _progress?: unknown, sent?: () => void) =>
      new Promise<WorkspaceSchema>((resolve, reject) => reads.push({ resolve, reject, sent })),
    useStoredFunctions: () => undefined,
  };
  const p = new WorkspaceSchemaProvider({
    backends: { active: backend, onDidChange: () => ({ dispose: () => undefined }) },
    config: { schemaFilePath: () => undefined, workspaceId: WORKSPACE },
    extension: { globalStorageUri: { fsPath: cacheDir } },
  } as never);
  const events: string[] = [];
  p.onDidChange((s) => events.push(`schema ${s.source.label}`));
  p.onDidChangeLoading((l) => events.push(`loading ${l}`));
  return { p, reads, events };
}

const until = async (what: string, ok: () => boolean) => {
  const end = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

test('Log Analytics: loading from the start, through the cached schema, until the fresh one is announced', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-schema-loading-'));
  await writeCachedSchema(dir, WORKSPACE, schema('cached', 'Old_CL'));
  const { p, reads, events } = provider('logAnalytics', dir);
  assert.equal(p.loading, true, 'nothing read yet');
  const done = p.refresh();
  await until('the fetch starts', () => reads.length === 1);
  assert.equal(p.loading, true);
  assert.ok(
    events.some((e) => e.startsWith('schema ')),
    `the cached schema is announced at once: ${events}`,
  );
  reads[0]!.resolve(schema('fresh', 'Old_CL', 'New_CL'));
  await done;
  assert.equal(p.loading, false);
  assert.deepEqual(events.slice(-2), ['schema fresh', 'loading false']);
  p.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a read replaced by a newer one: loading until the newer ends, said once', async () => {
  const { p, reads, events } = provider('local', os.tmpdir());
  const first = p.refresh();
  await until('the first read starts', () => reads.length === 1);
  const second = p.refresh();
  await until('the second read starts', () => reads.length === 2);
  reads[0]!.resolve(schema('stale', 'A_CL'));
  await first;
  assert.equal(p.loading, true, 'the newer read is still going');
  reads[1]!.resolve(schema('folder', 'Hostile_CL'));
  await second;
  assert.equal(p.loading, false);
  assert.deepEqual(events, ['schema folder', 'loading false']);
  p.dispose();
});

test('a read that fails ends the loading too (the server checks with what it has)', async () => {
  const { p, reads, events } = provider('local', os.tmpdir());
  const done = p.refresh();
  await until('the read starts', () => reads.length === 1);
  reads[0]!.reject(new Error('EACCES: the folder cannot be read'));
  await done;
  assert.equal(p.loading, false);
  assert.deepEqual(events, ['loading false']);
  p.dispose();
});

test("Log Analytics: the read is in its sign-in phase until the backend's request goes out, then 'request'", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-schema-phase-'));
  const { p, reads, events } = provider('logAnalytics', dir);
  assert.equal(p.loadingPhase, 'signIn', 'at start, before any read: the server holds without the bound');
  void p.refresh();
  await until('the read', () => reads.length === 1);
  assert.equal(p.loadingPhase, 'signIn');
  reads[0]!.sent?.();
  assert.equal(p.loadingPhase, 'request');
  // The phase's change is told to the server as a loading event (its bound starts now).
  assert.deepEqual(events, ['loading true']);
  reads[0]!.sent?.();
  assert.deepEqual(events, ['loading true'], 'told once');
  reads[0]!.reject(new Error('AADSTS50058: the user cancelled the sign-in'));
  await until('the read ends', () => !p.loading);
  assert.deepEqual(events, ['loading true', 'loading false']);
  // A refresh's read waits on the sign-in again (the token may have expired).
  void p.refresh();
  await until('the second read', () => reads.length === 2);
  assert.equal(p.loadingPhase, 'signIn');
  p.dispose();
});

test('a folder has nothing to sign in to: its read is a request from the start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-schema-phase-'));
  const { p, reads } = provider('local', dir);
  assert.equal(p.loadingPhase, 'request');
  void p.refresh();
  await until('the read', () => reads.length === 1);
  assert.equal(p.loadingPhase, 'request');
  p.dispose();
});
