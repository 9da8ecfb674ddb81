import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE_QUERIES } from '../../src/schema/sampleQueries';
import { machine, records, runSeed } from './workspace';
import { plainBags } from '../engine/bagData';

test("outbound-dependencies resolves acme-app01's connections to the remote machine and its listening process", () => {
  const r = runSeed('outbound-dependencies');
  const app01 = machine('acme-app01');
  const pg01 = machine('acme-pg01');
  const nginx01 = machine('acme-nginx01');
  const mine = records('VMConnection', ['Machine', 'ConnectionId', 'Direction', 'RemoteIp']).filter(
    (x) => x.Machine === app01.resourceName,
  );
  // Inbound connections from app01 itself (its loopback redis) are left out: the remote is one of "machines".
  const expected = new Set(
    mine.filter((x) => !(x.Direction === 'inbound' && x.RemoteIp === '127.0.0.1')).map((x) => x.ConnectionId),
  );
  assert.equal(r.rows.length, expected.size);
  assert.deepEqual(new Set(r.objects.map((o) => o.ConnectionId)), expected);
  assert.ok(r.objects.every((o) => o.Machine === app01.resourceName));

  const toPostgres = r.objects.find((o) => o.Direction === 'outbound' && o.DestinationPort === 5432)!;
  const pgProcess = pg01.processes.find((p) => p.key === 'db')!;
  assert.equal(toPostgres.DestinationIp, pg01.ips[0]);
  assert.deepEqual(plainBags(toPostgres.Remote), [
    { Machine: pg01.resourceName, Process: pgProcess.id, ProcessName: 'postgres' },
  ]);

  const toInternet = r.objects.find((o) => o.Direction === 'outbound' && o.DestinationIp === '54.187.174.169')!;
  assert.deepEqual(plainBags(toInternet.Remote), [{}]);

  const fromNginx = r.objects.find((o) => o.Direction === 'inbound' && o.SourceIp === nginx01.ips[0])!;
  assert.deepEqual(plainBags(fromNginx.Remote), [{ Machine: nginx01.resourceName, Process: '', ProcessName: '' }]);
});

test('every sample query has a value test in this folder', () => {
  const dir = path.dirname(__filename);
  const text = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const missing = SAMPLE_QUERIES.map((q) => q.id).filter((id) => !text.includes(`runSeed('${id}')`));
  assert.deepEqual(missing, []);
});
