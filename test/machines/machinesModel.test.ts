import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueryBackend, RunOptions } from '../../src/backends/queryBackend';
import type { QueryResult, ResultColumn, WireValue } from '../../src/results/queryResult';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';

function table(columns: [string, ResultColumn['type']][], rows: WireValue[][]): QueryResult {
  return {
    tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }],
    stats: { backend: 'local', durationMs: 0, rowCount: rows.length, truncated: false },
    warnings: [],
  };
}

const machines = table(
  [
    ['Machine', 'string'],
    ['Computer', 'string'],
    ['OsFamily', 'string'],
    ['Os', 'string'],
    ['Ipv4Addresses', 'dynamic'],
    ['ResourceId', 'string'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksFailed', 'long'],
    ['MaliciousIps', 'dynamic'],
    ['Threats', 'dynamic'],
  ],
  [
    ['m-1', 'acme-demo', 'Linux', 'Ubuntu 22.04', ['10.0.0.4'], '/subscriptions/s/vm/acme', 2048, 1024, 0, [''], ['']],
    [
      'm-2',
      'admdemo-appsvr',
      'Windows',
      'Windows Server 2022',
      '["10.0.0.5"]',
      '',
      10,
      20,
      3,
      ['', '203.0.113.9'],
      ['Botnet', ''],
    ],
  ],
);
const ports = table(
  [
    ['Ip', 'string'],
    ['Port', 'int'],
    ['Protocol', 'string'],
    ['ProcessName', 'string'],
    ['Process', 'string'],
    ['IsWildcardBind', 'bool'],
    ['LinksLive', 'long'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksFailed', 'long'],
  ],
  [
    ['0.0.0.0', 22, 'tcp', 'sshd', 'p-1', true, 1, 10, 10, null],
    ['10.0.0.4', 443, 'tcp', 'nginx', 'p-2', false, 5, 100, 100, 4],
    ['127.0.0.1', 5432, 'tcp', 'postgres', 'p-3', false, 2, 1, 1, 0],
  ],
);
const processes = table(
  [
    ['Process', 'string'],
    ['ExecutableName', 'string'],
    ['DisplayName', 'string'],
    ['CommandLine', 'string'],
    ['UserName', 'string'],
    ['UserDomain', 'string'],
    ['ExecutablePath', 'string'],
  ],
  [['p-2', 'nginx', 'nginx', 'nginx -g daemon off;', 'www-data', '', '/usr/sbin/nginx']],
);
const outbound = table(
  [
    ['RemoteIp', 'string'],
    ['Port', 'int'],
    ['Protocol', 'string'],
    ['ProcessName', 'string'],
    ['RemoteMachine', 'string'],
    ['RemoteComputer', 'string'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksEstablished', 'long'],
    ['LinksFailed', 'long'],
    ['MaliciousIps', 'dynamic'],
    ['Threats', 'dynamic'],
  ],
  [
    ['10.0.0.5', 1433, 'tcp', 'nginx', 'm-2', 'admdemo-appsvr', 5000, 7000, 12, 0, [''], ['']],
    ['203.0.113.9', 80, 'tcp', 'curl', null, null, 10, 0, 1, 2, ['203.0.113.9'], ['Botnet']],
  ],
);

/** Answers the fleet queries from the tables above and records what it was asked. */
class RecordingBackend implements QueryBackend {
  readonly id = 'local' as const;
  readonly label = 'test fleet';
  readonly queries: string[] = [];
  readonly options: (RunOptions | undefined)[] = [];
  failNext = false;
  async run(query: string, options?: RunOptions): Promise<QueryResult> {
    this.queries.push(query);
    this.options.push(options);
    if (this.failNext) {
      this.failNext = false;
      throw new Error("'VMProcess' is not a table in this workspace");
    }
    if (query.includes('let traffic')) {
      return machines;
    }
    if (query.includes('VMProcess')) {
      return processes;
    }
    if (query.includes('VMBoundPort')) {
      return ports;
    }
    return query.includes('"outbound"') ? outbound : table([['RemoteIp', 'string']], []);
  }
}

function model(backend: RecordingBackend): MachinesModel {
  return new MachinesModel({ backend: () => backend, runOptions: () => ({ timeRange: { duration: 'PT4H' } }) });
}

async function group(m: MachinesModel, machine: FleetNode, label: string): Promise<FleetNode> {
  const groups = await m.children(machine);
  return groups.find((g) => viewOf(g).label === label)!;
}

describe('machines tree model', () => {
  test('lists the machines with one query, in the time range, flagging the one with a malicious remote', async () => {
    const backend = new RecordingBackend();
    const m = model(backend);
    const roots = await m.children();
    assert.equal(backend.queries.length, 1);
    // The time range, and the signal a refresh or Cancel aborts the query with.
    const { signal, ...options } = backend.options[0]!;
    assert.deepEqual(options, { timeRange: { duration: 'PT4H' } });
    assert.ok(signal instanceof AbortSignal && !signal.aborted);
    const views = roots.map(viewOf);
    assert.deepEqual(
      views.map((v) => v.label),
      ['acme-demo', 'admdemo-appsvr'],
    );
    assert.deepEqual(
      views.map((v) => v.warning),
      [false, true],
    );
    assert.equal(views[0]!.description, 'Linux · 10.0.0.4');
    assert.equal(views[1]!.description, 'Windows · 10.0.0.5');
    assert.match(views[1]!.tooltip, /Connected to malicious IP 203\.0\.113\.9 \(Botnet\)/);
    assert.match(views[1]!.tooltip, /3 failed links/);
    assert.equal(views[1]!.contextValue, 'machineWarning');
    assert.equal(views[0]!.contextValue, 'machine');
    // A screen reader hears what the row is before its name, and the warning the icon's colour shows.
    assert.equal(views[0]!.ariaLabel, 'Machine acme-demo, Linux, 10.0.0.4');
    assert.match(
      views[1]!.ariaLabel,
      /^Machine admdemo-appsvr, Windows, 10\.0\.0\.5, 3 failed links, warning: Connected to malicious IP 203\.0\.113\.9 \(Botnet\)\.$/,
    );
  });

  test('a machine has four groups without querying; each group queries once, on expansion', async () => {
    const backend = new RecordingBackend();
    const m = model(backend);
    const [acme] = await m.children();
    const groups = await m.children(acme);
    assert.deepEqual(
      groups.map((g) => viewOf(g).label),
      ['Processes', 'Bound ports', 'Outbound dependencies', 'Inbound clients'],
    );
    assert.equal(backend.queries.length, 1);
    const procs = await m.children(groups[0]);
    assert.equal(backend.queries.length, 2);
    assert.match(backend.queries[1]!, /where Machine == "m-1"/);
    await m.children(groups[0]);
    assert.equal(backend.queries.length, 2, 'a loaded level is cached');
    const p = viewOf(procs[0]!);
    assert.equal(p.label, 'nginx');
    assert.equal(p.description, 'www-data');
    assert.match(p.tooltip, /Command line: nginx -g daemon off;/);
    assert.equal(p.ariaLabel, 'Process nginx, user www-data');
    assert.equal(viewOf(groups[0]!).ariaLabel, 'Processes of acme-demo');
  });

  test('bound ports: wildcard marked, failed links warned, loopback binds in their own group', async () => {
    const m = model(new RecordingBackend());
    const [acme] = await m.children();
    const portNodes = await m.children(await group(m, acme!, 'Bound ports'));
    const views = portNodes.map(viewOf);
    assert.deepEqual(
      views.map((v) => v.label),
      ['0.0.0.0:22/tcp', '10.0.0.4:443/tcp', 'Loopback only'],
    );
    assert.equal(views[0]!.description, 'wildcard · sshd');
    assert.match(views[0]!.tooltip, /Wildcard bind/);
    assert.deepEqual(
      views.map((v) => v.warning),
      [false, true, false],
    );
    assert.deepEqual([views[1]!.icon, views[1]!.flag], ['debug-disconnect', 'failed']);
    assert.match(views[1]!.tooltip, /4 failed inbound links/);
    assert.deepEqual(
      views.map((v) => v.ariaLabel),
      [
        'Bound port 0.0.0.0:22/tcp, wildcard bind, process sshd',
        'Bound port 10.0.0.4:443/tcp, process nginx, warning: 4 failed inbound links',
        'Loopback only: 1 port bound to a loopback address',
      ],
    );
    const loopback = await m.children(portNodes[2]);
    assert.deepEqual(
      loopback.map((n) => viewOf(n).label),
      ['127.0.0.1:5432/tcp'],
    );
    assert.equal(m.parent(loopback[0]!), portNodes[2]);
    assert.equal(m.parent(m.parent(portNodes[2]!)!), acme);
    assert.equal(m.parent(acme!), undefined);
  });

  test('outbound dependencies name the monitored remote machine, and warn on failed links and malicious IPs', async () => {
    const m = model(new RecordingBackend());
    const [acme] = await m.children();
    const deps = (await m.children(await group(m, acme!, 'Outbound dependencies'))).map(viewOf);
    // The flagged remote first, with the malicious shield rather than the failed-links icon.
    assert.deepEqual(
      deps.map((d) => d.label),
      ['203.0.113.9:80/tcp', 'admdemo-appsvr (10.0.0.5:1433/tcp)'],
    );
    assert.deepEqual(
      deps.map((d) => d.icon),
      ['shield', 'vm-connect'],
    );
    assert.deepEqual(
      deps.map((d) => d.flag),
      ['malicious', undefined],
    );
    assert.equal(deps[1]!.description, '11.7 KB');
    assert.match(deps[0]!.tooltip, /2 failed links/);
    assert.match(deps[0]!.tooltip, /malicious IP 203\.0\.113\.9 \(Botnet\)/);
    const inbound = await m.children(await group(m, acme!, 'Inbound clients'));
    assert.deepEqual(
      inbound.map((n) => viewOf(n).label),
      ['No inbound connections in this time range.'],
    );
  });

  test('a failing query shows its error in the tree and is retried on the next expansion', async () => {
    const backend = new RecordingBackend();
    const m = model(backend);
    const [acme] = await m.children();
    const procGroup = await group(m, acme!, 'Processes');
    backend.failNext = true;
    const failed = await m.children(procGroup);
    assert.equal(viewOf(failed[0]!).icon, 'error');
    assert.match(viewOf(failed[0]!).label, /Could not load: 'VMProcess' is not a table/);
    const again = await m.children(procGroup);
    assert.equal(viewOf(again[0]!).label, 'nginx');
  });

  test('the filter goes into the machines query as a string literal, and refresh queries again', async () => {
    const backend = new RecordingBackend();
    const m = model(backend);
    await m.children();
    m.setFilter('  ubuntu "22" ');
    assert.equal(m.filterText, 'ubuntu "22"');
    await m.children();
    assert.equal(backend.queries.length, 2);
    assert.match(backend.queries[1]!, /Computer contains "ubuntu \\"22\\"" or/);
    m.setFilter(undefined);
    await m.children();
    assert.doesNotMatch(backend.queries[2]!, /contains/);
  });
});
