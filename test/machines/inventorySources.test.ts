import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadData, runLocalQuery } from '../../src/backends/local';
import type { Database } from '../../src/engine/database';
import { dependenciesQuery, machinesQuery, processesQuery } from '../../src/ui/machines/fleetQueries';
import { dependencyRows, machineRows, processRows } from '../../src/ui/machines/fleetRows';

const NOW_MS = Date.parse('2026-11-23T12:00:00Z');

/** Two machines; web01 talks to db01's second address, which only the inventory knows. */
const CONNECTIONS = [
  {
    TimeGenerated: '2026-11-23T10:00:00Z',
    Machine: 'm-web',
    Computer: 'web01',
    Direction: 'outbound',
    ProcessName: 'nginx',
    RemoteIp: '10.0.0.21',
    DestinationPort: 5432,
    Protocol: 'tcp',
    BytesSent: 100,
    BytesReceived: 900,
    LinksEstablished: 1,
    LinksFailed: 0,
    MaliciousIp: '',
    IndicatorThreatType: '',
  },
];
const PORTS = [
  {
    TimeGenerated: '2026-11-23T10:00:00Z',
    Machine: 'm-db',
    Computer: 'db01',
    ProcessName: 'postgres',
    Ip: '0.0.0.0',
    Port: 5432,
    Protocol: 'tcp',
    IsWildcardBind: true,
    LinksLive: 1,
    BytesSent: 900,
    BytesReceived: 100,
  },
];

/** Service Map's inventory, as the seed documents it: the IPs a JSON array in a string, an older report first. */
const SERVICE_MAP = {
  ServiceMapComputer_CL: [
    {
      TimeGenerated: '2026-11-23T08:00:00Z',
      ResourceName_s: 'm-web',
      ComputerName_s: 'web01-old',
      OperatingSystemFamily_s: 'Linux',
      OperatingSystemFullName_s: 'Ubuntu 20.04',
      Ipv4Addresses_s: '["10.0.0.10"]',
    },
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      ResourceName_s: 'm-web',
      ComputerName_s: 'web01',
      OperatingSystemFamily_s: 'Linux',
      OperatingSystemFullName_s: 'Ubuntu 22.04',
      Ipv4Addresses_s: '["10.0.0.10"]',
    },
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      ResourceName_s: 'm-db',
      ComputerName_s: 'db01',
      OperatingSystemFamily_s: 'Linux',
      OperatingSystemFullName_s: 'Debian 12',
      Ipv4Addresses_s: '["10.0.0.20","10.0.0.21"]',
    },
  ],
  ServiceMapProcess_CL: [
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      ResourceName_s: 'p-pg',
      MachineResourceName_s: 'm-db',
      ExecutableName_s: 'postgres',
      Description_s: 'PostgreSQL server',
      CommandLine_s: 'postgres -D /var/lib/pg',
      UserName: 'postgres',
      UserDomain: '',
      ExecutablePath_s: '/usr/lib/postgresql/bin/postgres',
    },
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      ResourceName_s: 'p-ngx',
      MachineResourceName_s: 'm-web',
      ExecutableName_s: 'nginx',
      Description_s: 'nginx',
      CommandLine_s: 'nginx',
      UserName: 'www-data',
      UserDomain: '',
      ExecutablePath_s: '/usr/sbin/nginx',
    },
  ],
};

/** The same machines as VM insights' own tables report them. */
const VM_INSIGHTS = {
  VMComputer: [
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      Machine: 'm-web',
      Computer: 'web01',
      OperatingSystemFamily: 'linux',
      OperatingSystemFullName: 'Ubuntu 22.04',
      Ipv4Addresses: ['10.0.0.10'],
      _ResourceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/web01',
    },
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      Machine: 'm-db',
      Computer: 'db01',
      OperatingSystemFamily: 'linux',
      OperatingSystemFullName: 'Debian 12',
      Ipv4Addresses: ['10.0.0.20', '10.0.0.21'],
      _ResourceId: '',
    },
  ],
  VMProcess: [
    {
      TimeGenerated: '2026-11-23T11:00:00Z',
      Machine: 'm-db',
      Process: 'p-pg',
      ExecutableName: 'postgres',
      DisplayName: 'PostgreSQL server',
      CommandLine: 'postgres -D /var/lib/pg',
      UserName: 'postgres',
      UserDomain: '',
      ExecutablePath: '/usr/lib/postgresql/bin/postgres',
    },
  ],
};

function workspace(tables: Record<string, readonly object[]>): { dir: string; db: Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-'));
  for (const [name, rows] of Object.entries({ VMConnection: CONNECTIONS, VMBoundPort: PORTS, ...tables })) {
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(rows));
  }
  const loaded = loadData({ kind: 'folder', dir });
  assert.deepEqual(loaded.warnings, []);
  return { dir, db: loaded.database };
}

for (const [label, tables, missing] of [
  ['Service Map tables only (ServiceMapComputer_CL, ServiceMapProcess_CL)', SERVICE_MAP, 'VMComputer'],
  ['VM insights tables only (VMComputer, VMProcess)', VM_INSIGHTS, 'ServiceMapComputer_CL'],
] as const) {
  describe(`machines tree queries on a workspace with ${label}`, () => {
    let ws: { dir: string; db: Database };
    before(() => {
      ws = workspace(tables);
    });
    after(() => fs.rmSync(ws.dir, { recursive: true, force: true }));
    const run = (query: string) => runLocalQuery(ws.db, query, { nowMs: NOW_MS, timeRange: { duration: 'P1D' } });

    test('lists each machine once, from its latest inventory record, and warns about the missing table', () => {
      const result = run(machinesQuery());
      assert.deepEqual(
        machineRows(result).map((m) => [m.machine, m.computer, m.osFamily, m.os, m.ips.join(' ')]),
        [
          ['m-db', 'db01', 'linux', 'Debian 12', '10.0.0.20 10.0.0.21'],
          ['m-web', 'web01', 'linux', 'Ubuntu 22.04', '10.0.0.10'],
        ],
      );
      assert.ok(
        result.warnings.some((w) => w.includes(`'${missing}'`)),
        result.warnings.join('\n'),
      );
      assert.deepEqual(
        machineRows(run(machinesQuery({ text: 'debian' }))).map((m) => m.computer),
        ['db01'],
        'the filter reads the inventory',
      );
    });

    test("a machine's processes come from the process table it has", () => {
      const rows = processRows(run(processesQuery('m-db')));
      assert.deepEqual(
        rows.map((p) => [p.process, p.executable, p.displayName, p.commandLine]),
        [['p-pg', 'postgres', 'PostgreSQL server', 'postgres -D /var/lib/pg']],
      );
    });

    test('a remote IP resolves to the monitored machine whose inventory lists it', () => {
      const deps = dependencyRows(run(dependenciesQuery('m-web', 'outbound')));
      assert.deepEqual(
        deps.map((d) => [d.remoteIp, d.remoteMachine, d.remoteComputer]),
        [['10.0.0.21', 'm-db', 'db01']],
      );
    });
  });
}

describe('machines tree queries on a workspace with no inventory table', () => {
  test('list the machines its connections name (an export of VMConnection alone), and their connections', () => {
    const ws = workspace({});
    try {
      const run = (query: string) => runLocalQuery(ws.db, query, { nowMs: NOW_MS, timeRange: { duration: 'P1D' } });
      assert.deepEqual(
        machineRows(run(machinesQuery())).map((m) => [m.machine, m.computer, m.osFamily]),
        [['m-web', 'web01', '']],
      );
      assert.equal(run(dependenciesQuery('m-web', 'outbound')).tables[0]!.rows.length, 1);
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});

describe('machines tree queries on a partial export', () => {
  test('VMComputer without OperatingSystemFamily and VMConnection without IndicatorThreatType still list the machines', () => {
    const partialComputers = VM_INSIGHTS.VMComputer.map(({ OperatingSystemFamily: _family, ...rest }) => rest);
    const partialConnections = CONNECTIONS.map(({ IndicatorThreatType: _threat, MaliciousIp: _ip, ...rest }) => rest);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partial-'));
    try {
      fs.writeFileSync(path.join(dir, 'VMComputer.json'), JSON.stringify(partialComputers));
      fs.writeFileSync(path.join(dir, 'VMConnection.json'), JSON.stringify(partialConnections));
      fs.writeFileSync(path.join(dir, 'VMBoundPort.json'), JSON.stringify(PORTS));
      const { database } = loadData({ kind: 'folder', dir });
      const run = (query: string) => runLocalQuery(database, query, { nowMs: NOW_MS, timeRange: { duration: 'P1D' } });
      assert.deepEqual(
        machineRows(run(machinesQuery())).map((m) => [m.machine, m.computer, m.osFamily, m.os]),
        [
          ['m-db', 'db01', '', 'Debian 12'],
          ['m-web', 'web01', '', 'Ubuntu 22.04'],
        ],
      );
      const deps = dependencyRows(run(dependenciesQuery('m-web', 'outbound')));
      assert.deepEqual(
        deps.map((d) => [d.remoteIp, d.remoteMachine]),
        [['10.0.0.21', 'm-db']],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
