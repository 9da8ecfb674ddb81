/**
 * The Machines view and the map on a user's own exports at their edges (QA walk, e2e 106): machines known
 * only by IPv6 addresses, and a VMConnection export without ProcessName. Before: an IPv6-only machine showed
 * no address and its peers' connections to it read "Not a monitored machine" (the inventory read only
 * Ipv4Addresses); an export without ProcessName failed Outbound dependencies, Inbound clients and the whole
 * map with "Could not load: VMConnection has no column 'ProcessName'".
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { dependencyMapQuery } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows } from '../../src/ui/machines/fleetRows';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { engineWorkerScript } from '../builtBundle';

const NOW_MS = Date.parse('2026-12-05T12:00:00Z');
const T = '2026-12-05T10:00:00Z';
const last24h = { timeRange: { start: '2026-12-04T12:00:00Z', end: '2026-12-05T12:00:00Z' } };

function folder(files: Record<string, string[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-own-fleet-edges-'));
  for (const [name, lines] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), lines.join('\n'));
  }
  return dir;
}

const CONNECTION_HEADER =
  'TimeGenerated,Computer,Machine,ProcessName,Process,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,BytesSent,BytesReceived';

async function labels(model: MachinesModel, node: FleetNode, group: string): Promise<string[]> {
  const groups = await model.children(node);
  const kids = await model.children(groups.find((g) => viewOf(g).label === group));
  return kids.map((k) => viewOf(k).label);
}

describe("the Machines view and the map at the edges of a user's own exports", () => {
  const worker = engineWorkerScript();
  let ipv6: LocalBackend;
  let noProcessName: LocalBackend;
  before(() => {
    ipv6 = new LocalBackend({
      source: {
        kind: 'folder',
        dir: folder({
          'VMComputer.csv': [
            'TimeGenerated,Computer,Machine,Ipv4Addresses,Ipv6Addresses',
            `${T},app-v6,m-app,"[]","[""fd00::1""]"`,
            `${T},db-v6,m-db,"[]","[""fd00::2"",""2001:db8::2""]"`,
            `${T},cache,m-cache,"[""10.0.0.7""]","[]"`,
          ],
          'VMConnection.csv': [
            CONNECTION_HEADER,
            `${T},app-v6,m-app,java,p-1,outbound,fd00::2,5432,tcp,2,100,200`,
            // Another spelling of db-v6's address, and an IPv4-mapped one of a machine's IPv4 address.
            `${T},app-v6,m-app,java,p-1,outbound,fd00:0::2,6432,tcp,1,10,20`,
            `${T},db-v6,m-db,pg,p-2,outbound,::ffff:10.0.0.7,8080,tcp,1,10,20`,
          ],
        }),
      },
      workerScript: worker,
    });
    noProcessName = new LocalBackend({
      source: {
        kind: 'folder',
        dir: folder({
          'VMConnection.csv': [
            'TimeGenerated,Computer,Machine,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished',
            `${T},web-01,m-web,outbound,10.0.0.5,5432,tcp,2`,
            `${T},web-01,m-web,inbound,10.0.0.9,443,tcp,1`,
          ],
        }),
      },
      workerScript: worker,
    });
  });
  after(() => {
    ipv6.dispose();
    noProcessName.dispose();
  });

  test('an IPv6-only machine shows its address and its peers resolve to it', async () => {
    const model = new MachinesModel({ backend: () => ipv6, runOptions: () => last24h, now: () => NOW_MS });
    const machines = await model.children();
    assert.deepEqual(
      machines.map((m) => [viewOf(m).label, viewOf(m).description]),
      [
        ['app-v6', 'fd00::1'],
        ['cache', '10.0.0.7'],
        ['db-v6', 'fd00::2'],
      ],
    );
    assert.match(String(viewOf(machines[2]!).tooltip), /\nIPv6: fd00::2, 2001:db8::2\n/);
    // Compared as addresses: fd00:0::2 is db-v6's fd00::2 (before: an unmonitored endpoint), and named so.
    assert.deepEqual(await labels(model, machines[0]!, 'Outbound dependencies'), [
      'db-v6 ([fd00::2]:5432/tcp)',
      'db-v6 ([fd00::2]:6432/tcp)',
    ]);
    const rows = mapConnectionRows(await ipv6.run(dependencyMapQuery([]), last24h));
    assert.deepEqual(rows.map((r) => [r.computer, r.remoteIp, r.remoteComputer]).sort(), [
      ['app-v6', 'fd00:0::2', 'db-v6'],
      ['app-v6', 'fd00::2', 'db-v6'],
      ['db-v6', '::ffff:10.0.0.7', 'cache'],
    ]);
    // The filter finds a machine by its IPv6 address too.
    model.setFilter('2001:db8');
    assert.deepEqual(
      (await model.children()).map((m) => viewOf(m).label),
      ['db-v6'],
    );
  });

  test('a VMConnection export without ProcessName lists connections and draws the map', async () => {
    const model = new MachinesModel({ backend: () => noProcessName, runOptions: () => last24h, now: () => NOW_MS });
    const [web] = await model.children();
    assert.deepEqual(await labels(model, web!, 'Outbound dependencies'), ['10.0.0.5:5432/tcp']);
    assert.deepEqual(await labels(model, web!, 'Inbound clients'), ['10.0.0.9 → :443/tcp']);
    const rows = mapConnectionRows(await noProcessName.run(dependencyMapQuery([]), last24h));
    assert.deepEqual(
      rows.map((r) => [r.computer, r.processName, r.remoteIp]),
      [['web-01', '', '10.0.0.5']],
    );
  });
});
