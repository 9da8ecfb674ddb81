import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadData, runLocalQuery } from '../../src/backends/local';
import type { Database } from '../../src/engine/database';
import { boundPortsQueryFor, connectionsQueryFor, trafficChartQueryFor } from '../../src/ui/machines/fleetQueries';
import { RowReader } from '../../src/ui/machines/fleetRows';

const NAMES = [
  'plain',
  'we"ird',
  "o'brien",
  'back\\slash\\',
  'pipe | take 1',
  'new\nline | where 1 == 1',
  '"; VMConnection | count //',
  'tab\there',
];

describe('generated queries select exactly the machine they name, whatever its name', () => {
  let dir: string;
  let db: Database;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
    const connections = NAMES.map((name, i) => ({
      TimeGenerated: `2026-11-23T1${i % 10}:00:00Z`,
      Machine: name,
      Computer: name,
      Direction: 'outbound',
      ProcessName: 'curl',
      RemoteIp: `10.0.0.${i}`,
      DestinationPort: 443,
      Protocol: 'tcp',
      BytesSent: 100 + i,
      BytesReceived: 1000 + i,
      LinksEstablished: 1,
      LinksFailed: 0,
    }));
    const ports = NAMES.map((name, i) => ({
      TimeGenerated: '2026-11-23T10:00:00Z',
      Machine: name,
      Computer: name,
      ProcessName: 'nginx',
      Ip: '0.0.0.0',
      Port: 8000 + i,
      Protocol: 'tcp',
      IsWildcardBind: true,
      LinksLive: i,
      BytesSent: i,
      BytesReceived: i,
    }));
    fs.writeFileSync(path.join(dir, 'VMConnection.json'), JSON.stringify(connections));
    fs.writeFileSync(path.join(dir, 'VMBoundPort.json'), JSON.stringify(ports));
    const loaded = loadData({ kind: 'folder', dir });
    assert.deepEqual(loaded.warnings, []);
    db = loaded.database;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [i, name] of NAMES.entries()) {
    test(JSON.stringify(name), () => {
      const conn = runLocalQuery(db, connectionsQueryFor(name, name));
      const r = new RowReader(conn);
      assert.deepEqual(
        r.rows.map((row) => r.str(row, 'RemoteIp')),
        [`10.0.0.${i}`],
      );
      const ports = runLocalQuery(db, boundPortsQueryFor(name, name));
      const p = new RowReader(ports);
      assert.deepEqual(
        p.rows.map((row) => p.num(row, 'Port')),
        [8000 + i],
      );
      const chart = runLocalQuery(db, trafficChartQueryFor([name]));
      const c = new RowReader(chart);
      assert.deepEqual(
        c.rows.map((row) => c.num(row, 'BytesSent')),
        [100 + i],
      );
      assert.equal(chart.render?.visualization, 'timechart');
    });
  }
});
