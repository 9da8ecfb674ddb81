/**
 * A user's exports whose addresses are spelt every way Log Analytics lets them through (the unit test
 * test/machines/oddAddresses.test.ts and e2e 108 read the same files): one IPv6 address in two spellings,
 * an IPv4-mapped address beside its IPv4 form, an address no machine owns in two spellings, a zone id, a machine with both IPv4 and IPv6, address
 * columns holding garbage (`not-an-ip`, empty, a bare address outside its array, 500 characters) and two
 * machines whose computer names differ only in case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LONG_ADDRESS = 'x'.repeat(500);

const csv = (v: string | number): string =>
  /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
const line = (...values: (string | number)[]): string => values.map(csv).join(',');
const json = (...ips: string[]): string => JSON.stringify(ips);

/** Writes VMComputer.csv, VMConnection.csv and VMBoundPort.csv, every record at `at` (ISO). */
/** The Machines view's rows (label, description) for these exports, as the tree and e2e 108 show them. */
export const ODD_ADDRESS_MACHINE_ROWS: readonly (readonly [string, string])[] = [
  ['bare', 'windows · 10.0.0.3'],
  ['blank', 'windows'],
  ['dual-01', 'linux · 10.0.0.5'],
  ['garbage', 'windows · fd00::9'],
  ['long', `windows · ${'x'.repeat(39)}…`],
  ['mapped', 'linux · 10.0.0.7'],
  ['v6-only', 'linux · fd00::2'],
  ['WEB-01', 'linux · 10.0.0.8 · m-web1'],
  ['web-01', 'linux · 10.0.0.9 · m-web2'],
  ['zoned', 'linux · fe80::1%eth0'],
];

export function writeOddAddressExports(dir: string, at: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,OperatingSystemFamily,Ipv4Addresses,Ipv6Addresses',
      line(at, 'dual-01', 'm-dual', 'linux', json('10.0.0.5'), json('FD00:0:0:0::5')),
      line(at, 'v6-only', 'm-v6', 'linux', json(), json('fd00:0::2')),
      line(at, 'mapped', 'm-mapped', 'linux', json(), json('::ffff:10.0.0.7')),
      line(at, 'zoned', 'm-zone', 'linux', json(), json('fe80::1%eth0')),
      // Garbage where the IPv4 addresses belong: the IPv6 one must still name the machine.
      line(at, 'garbage', 'm-garbage', 'windows', 'not-an-ip', json('fd00::9')),
      line(at, 'blank', 'm-blank', 'windows', json(''), ''),
      // One address written bare, not as an array.
      line(at, 'bare', 'm-bare', 'windows', '10.0.0.3', ''),
      line(at, 'long', 'm-long', 'windows', json(LONG_ADDRESS), json()),
      line(at, 'WEB-01', 'm-web1', 'linux', json('10.0.0.8'), json()),
      line(at, 'web-01', 'm-web2', 'linux', json('10.0.0.9'), json()),
    ].join('\n'),
  );
  const connection = (remoteIp: string, port: number, links: number, bytes: number): string =>
    line(at, 'dual-01', 'm-dual', 'app', 'p-1', 'outbound', remoteIp, port, 'tcp', links, bytes, bytes);
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Process,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,BytesSent,BytesReceived',
      // Distinct byte counts order the tree's rows (largest first).
      connection('FD00:0:0:0::2', 5432, 1, 90_000),
      connection('fd00::2', 5432, 2, 80_000),
      connection('::ffff:10.0.0.7', 8080, 1, 70_000),
      connection('10.0.0.7', 8080, 1, 60_000),
      connection('fd00::9', 443, 1, 50_000),
      connection('10.0.0.3', 445, 1, 40_000),
      connection('fe80::1%eth0', 22, 1, 30_000),
      // An address no machine owns, in two spellings.
      connection('2001:DB8::99', 443, 1, 20_000),
      connection('2001:db8:0::99', 443, 1, 5_000),
      connection('', 80, 1, 3_000),
      connection('not-an-ip', 81, 1, 2_000),
      connection(LONG_ADDRESS, 82, 1, 1_000),
      // An inbound client spelt in upper case, IPv4-mapped.
      line(at, 'dual-01', 'm-dual', 'app', 'p-1', 'inbound', '::FFFF:10.0.0.7', 8080, 'tcp', 1, 10, 10),
    ].join('\n'),
  );
  const port = (ip: string, p: number): string => line(at, 'dual-01', 'm-dual', ip, p, 'tcp', 'app', 'p-1', 1, 10, 10);
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.csv'),
    [
      'TimeGenerated,Computer,Machine,Ip,Port,Protocol,ProcessName,Process,LinksLive,BytesSent,BytesReceived',
      port('FD00:0:0:0::5', 443),
      port('fd00::5', 443),
      port('0:0:0:0:0:0:0:0', 80),
      port('::ffff:127.0.0.1', 6379),
      port('not-an-ip', 9000),
    ].join('\n'),
  );
}
