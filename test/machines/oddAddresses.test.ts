/**
 * The Machines view on a user's exports with addresses spelt every way (oddAddressExports.ts; QA walk,
 * e2e 108). One address is one name on screen, in RFC 5952 form (an IPv4-mapped address as its IPv4
 * address, as the map names it), and one row, however the export spelt it; garbage in an address column
 * neither hides a machine's other addresses nor makes it the owner of every connection without an address;
 * the queries the tree and the map open match every spelling of the address they are about.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalBackend } from '../../src/backends/local';
import { buildFleetGraph } from '../../src/render/fleetGraph';
import { dependencyMapQuery, remoteEndpointQueryFor } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows, RowReader } from '../../src/ui/machines/fleetRows';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines/machinesModel';
import { queryForFleetNode } from '../../src/ui/map/mapNodeQuery';
import { engineWorkerScript } from '../builtBundle';
import { ODD_ADDRESS_MACHINE_ROWS, writeOddAddressExports } from './oddAddressExports';

const NOW_MS = Date.parse('2026-12-05T12:00:00Z');
const last24h = { timeRange: { start: '2026-12-04T12:00:00Z', end: '2026-12-05T12:00:00Z' } };

describe('the Machines view on exports with odd addresses', () => {
  let backend: LocalBackend;
  let model: MachinesModel;
  let machines: FleetNode[];
  const machine = (label: string): FleetNode => machines.find((m) => viewOf(m).label === label)!;
  const group = async (of: string, name: string): Promise<FleetNode[]> => {
    const groups = await model.children(machine(of));
    return model.children(groups.find((g) => viewOf(g).label === name));
  };
  const shown = (nodes: readonly FleetNode[]) => nodes.map((n) => [viewOf(n).label, viewOf(n).description ?? '']);

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-odd-addresses-'));
    writeOddAddressExports(dir, '2026-12-05T10:00:00Z');
    backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: engineWorkerScript() });
    model = new MachinesModel({ backend: () => backend, runOptions: () => last24h, now: () => NOW_MS });
    machines = await model.children();
  });
  after(() => backend.dispose());

  test('each machine shows its first address in RFC 5952 form, garbage cut short, namesakes told apart', () => {
    assert.deepEqual(shown(machines), ODD_ADDRESS_MACHINE_ROWS);
    const tooltip = (label: string) => viewOf(machine(label)).tooltip;
    assert.match(tooltip('dual-01'), /\nIPv4: 10\.0\.0\.5\nIPv6: fd00::5\n/);
    assert.match(tooltip('mapped'), /\nIPv6: ::ffff:10\.0\.0\.7\n/);
    assert.match(tooltip('garbage'), /\nIPv4: not-an-ip\nIPv6: fd00::9\n/);
    assert.match(tooltip('long'), /\nIPv4: x{79}… \(500 characters\)\n/);
    assert.match(viewOf(machine('WEB-01')).ariaLabel, /^Machine WEB-01, linux, 10\.0\.0\.8, machine m-web1/);
  });

  test('one row per address, whatever its spelling, resolved to its machine', async () => {
    const outbound = await group('dual-01', 'Outbound dependencies');
    assert.deepEqual(
      outbound.map((n) => viewOf(n).label),
      [
        'v6-only ([fd00::2]:5432/tcp)',
        'mapped (10.0.0.7:8080/tcp)',
        'garbage ([fd00::9]:443/tcp)',
        'bare (10.0.0.3:445/tcp)',
        'zoned ([fe80::1%eth0]:22/tcp)',
        '[2001:db8::99]:443/tcp',
        '(no address):80/tcp',
        'not-an-ip:81/tcp',
        `${'x'.repeat(39)}…:82/tcp`,
      ],
    );
    // Both spellings' traffic is in the one row, and the tooltip says how the export spelt it.
    const v6 = viewOf(outbound[0]!);
    assert.match(v6.tooltip, /^v6-only \(\[fd00::2\]:5432\/tcp\)\nExported as FD00:0:0:0::2, fd00::2\n/);
    assert.match(v6.tooltip, /\n166 KB sent, 166 KB received, 3 links established/);
    assert.doesNotMatch(viewOf(outbound[2]!).tooltip, /Exported as/);
    assert.equal(new Set(outbound.map((n) => n.id)).size, outbound.length);
    assert.deepEqual(
      (await group('dual-01', 'Inbound clients')).map((n) => viewOf(n).label),
      ['mapped (10.0.0.7 → :8080/tcp)'],
    );
  });

  test('bound ports: one row per address, loopback and wildcard known in any spelling', async () => {
    const ports = await group('dual-01', 'Bound ports');
    assert.deepEqual(shown(ports), [
      ['[::]:80/tcp', 'wildcard · app'],
      ['[fd00::5]:443/tcp', 'app'],
      ['not-an-ip:9000/tcp', 'app'],
      ['Loopback only', '1'],
    ]);
    assert.deepEqual(shown(await model.children(ports[3])), [['127.0.0.1:6379/tcp', 'app']]);
  });

  test('the filter finds a machine by any spelling of its address', async () => {
    const filtered = async (text: string) => {
      model.setFilter(text);
      const found = (await model.children()).map((m) => viewOf(m).label);
      model.setFilter(undefined);
      return found;
    };
    assert.deepEqual(await filtered('fd00::2'), ['v6-only']);
    assert.deepEqual(await filtered('fd00:0000::5'), ['dual-01']);
    assert.deepEqual(await filtered('::ffff:10.0.0.3'), ['bare']);
    assert.deepEqual(await filtered('10.0.0.7'), ['mapped']);
    // Part of an address still matches as text.
    assert.deepEqual(await filtered('fd00:0:'), ['dual-01', 'v6-only']);
    machines = await model.children();
  });

  test('the queries opened for an address match every spelling of it, and garbage only itself', async () => {
    const links = async (query: string) => {
      const r = new RowReader(await backend.run(query, last24h));
      return r.rows.reduce((sum, row) => sum + r.num(row, 'LinksEstablished'), 0);
    };
    assert.equal(await links(remoteEndpointQueryFor('fd00::2', 5432)), 3);
    // Two outbound spellings and the inbound client ::FFFF:10.0.0.7.
    assert.equal(await links(remoteEndpointQueryFor('10.0.0.7', 8080)), 3);
    assert.equal(await links(remoteEndpointQueryFor('fe80::1%eth0', 22)), 1);
    assert.equal(await links(remoteEndpointQueryFor('FE80:0::1%eth0', 22)), 1);
    assert.equal(await links(remoteEndpointQueryFor('not-an-ip', 81)), 1);
    assert.equal(await links(remoteEndpointQueryFor('')), 1);
    // The map's endpoints and groups of endpoints no machine owns open queries that find their rows.
    const rows = mapConnectionRows(await backend.run(dependencyMapQuery([]), last24h));
    const graph = buildFleetGraph(rows);
    const unowned = graph.endpoints.map((e) => e.label).sort();
    assert.deepEqual(unowned, [':80', '[2001:db8::99]:443', 'not-an-ip:81', `${'x'.repeat(500)}:82`]);
    // Port 443's endpoint was exported in two spellings, each with one link.
    for (const node of [...graph.endpoints, ...graph.groups]) {
      assert.equal(await links(queryForFleetNode(graph, node.id)!), node.port === 443 ? 2 : 1, node.label);
    }
  });
});
