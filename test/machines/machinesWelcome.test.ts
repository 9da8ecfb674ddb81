/**
 * When the Machines view has nothing to list, the tree shows package.json's welcome text for the reason
 * (kql.machinesWelcome) instead of one item: a folder of other tables (noData), tables without a record in
 * the range (noMachines), Log Analytics signed out (signIn), a data folder not created yet (noFolder). An empty folder, a 403, a filter that matches
 * nothing, a range that hides newer records and a failed load keep their item: their words are specific.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import type { QueryBackend } from '../../src/backends/queryBackend';
import { BackendError } from '../../src/results/errors';
import type { QueryResult } from '../../src/results/queryResult';
import { MachinesModel, welcomeOf } from '../../src/ui/machines/machinesModel';
import { engineWorkerScript } from '../builtBundle';

const worker = engineWorkerScript();

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-machines-welcome-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A backend whose every query fails with `error` (a Log Analytics answer), its schema unreadable. */
function failing(error: Error): QueryBackend {
  return {
    id: 'logAnalytics',
    label: 'Log Analytics (test)',
    run: async (): Promise<QueryResult> => {
      throw error;
    },
  } as unknown as QueryBackend;
}

describe('the Machines view with nothing to list', () => {
  const backends: LocalBackend[] = [];
  const local = (files: Record<string, string>): LocalBackend => {
    const b = new LocalBackend({ source: { kind: 'folder', dir: folder(files) }, workerScript: worker });
    backends.push(b);
    return b;
  };
  let sample: LocalBackend;
  before(() => {
    sample = new LocalBackend({ source: { kind: 'sample' }, workerScript: worker });
    backends.push(sample);
  });
  after(() => backends.forEach((b) => b.dispose()));

  test('a folder of other tables: noData, naming the tables and a file to add', async () => {
    const backend = local({ 'Heartbeat.csv': 'TimeGenerated,Computer\n2026-12-05T09:00:00Z,web-01\n' });
    const roots = await new MachinesModel({ backend: () => backend, runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(roots), 'noData', JSON.stringify(roots));
    const only = roots[0]!;
    assert.ok(only.kind === 'message' && !only.error);
    assert.match(only.text, /none of VMConnection, VMComputer or ServiceMapComputer_CL is in the data folder/);
    assert.match(only.text, /Add VMConnection\.csv/);
  });

  test('an empty data folder keeps its item: the loader says the folder has no files it reads', async () => {
    const backend = local({});
    const roots = await new MachinesModel({ backend: () => backend, runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(roots), undefined);
    assert.ok(roots[0]?.kind === 'message' && roots[0].error);
    assert.match(roots[0].text, /no \.csv, \.json, \.jsonl or \.parquet files/);
  });

  test('VMConnection alone lists its machines: no welcome', async () => {
    const backend = local({
      'VMConnection.csv': 'TimeGenerated,Computer,Machine,RemoteIp\n2026-12-05T09:00:00Z,web-01,m-web,10.0.0.5\n',
    });
    const roots = await new MachinesModel({ backend: () => backend, runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(roots), undefined);
    assert.deepEqual(
      roots.map((n) => n.kind),
      ['machine'],
    );
  });

  test('tables without a record: noMachines; with a filter the item naming it stays', async () => {
    const backend = local({ 'VMConnection.csv': 'TimeGenerated,Computer,Machine,RemoteIp\n' });
    const model = new MachinesModel({ backend: () => backend, runOptions: () => ({}) });
    const roots = await model.children();
    assert.equal(welcomeOf(roots), 'noMachines', JSON.stringify(roots));
    model.setFilter('no-such-machine');
    const filtered = await model.children();
    assert.equal(welcomeOf(filtered), undefined, 'a filter that matches nothing keeps its item naming the filter');
    assert.ok(filtered[0]?.kind === 'message' && filtered[0].text.includes('no-such-machine'));
  });

  test('a range that hides newer records keeps its item: it says when the newest is and opens the picker', async () => {
    const future = { timeRange: { start: '2099-01-01T00:00:00Z', end: '2099-01-02T00:00:00Z' } };
    const roots = await new MachinesModel({ backend: () => sample, runOptions: () => future }).children();
    assert.equal(welcomeOf(roots), undefined);
    assert.ok(roots[0]?.kind === 'message' && roots[0].action === 'selectTimeRange', JSON.stringify(roots));
  });

  test('a data folder that does not exist yet: noFolder, its item naming the folder; no failure', async () => {
    const dir = path.join(os.tmpdir(), `kql-machines-no-folder-${process.pid}`, 'exports');
    const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: worker });
    backends.push(backend);
    const roots = await new MachinesModel({ backend: () => backend, runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(roots), 'noFolder', JSON.stringify(roots));
    const only = roots[0]!;
    assert.ok(only.kind === 'message' && !only.error, 'waiting for the export job is not an error');
    assert.ok(only.text.includes(dir), only.text);
  });

  test('signed out of Log Analytics: signIn; a 403 and other failures keep their item', async () => {
    const signedOut = new BackendError('auth', 'Not signed in to Log Analytics.');
    const roots = await new MachinesModel({ backend: () => failing(signedOut), runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(roots), 'signIn');
    const denied = new BackendError('auth', 'Forbidden', 403);
    const rootsDenied = await new MachinesModel({ backend: () => failing(denied), runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(rootsDenied), undefined);
    assert.match(rootsDenied[0]!.kind === 'message' ? rootsDenied[0]!.text : '', /Reader role/);
    const broken = new BackendError('server', 'The service answered 500.', 500);
    const rootsBroken = await new MachinesModel({ backend: () => failing(broken), runOptions: () => ({}) }).children();
    assert.equal(welcomeOf(rootsBroken), undefined, 'a failed load says why in its item');
  });
});
