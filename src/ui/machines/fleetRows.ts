/**
 * Typed rows from the fleet queries' results (wire form). Pure; tolerant of the two forms a dynamic
 * cell arrives in (parsed JSON from Log Analytics, JSON text from exported files) and of nulls from
 * left-outer joins.
 */
import { ipKey, isLoopbackIp } from '../../render/ipAddress';
import type { QueryResult, WireValue } from '../../results/queryResult';

export interface MachineRow {
  readonly machine: string;
  readonly computer: string;
  readonly osFamily: string;
  readonly os: string;
  readonly ips: readonly string[];
  /** IPv6 addresses (absent from the rows of queries that do not read them). */
  readonly ipv6s?: readonly string[];
  readonly resourceId: string;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly linksFailed: number;
  readonly maliciousIps: readonly string[];
  readonly threats: readonly string[];
  /** The byte columns no record of the machine's connections has (an export without BytesSent). */
  readonly unmeasured?: readonly ByteColumn[];
}

export type ByteColumn = 'BytesSent' | 'BytesReceived';

export interface ProcessRow {
  readonly process: string;
  readonly executable: string;
  readonly displayName: string;
  readonly commandLine: string;
  readonly user: string;
  readonly path: string;
}

export interface PortRow {
  readonly ip: string;
  /** Every spelling of `ip` the export holds (one row per address), when the query gathers them. */
  readonly ips?: readonly string[];
  readonly port: number;
  readonly protocol: string;
  readonly processName: string;
  readonly process: string;
  readonly wildcard: boolean;
  readonly linksLive: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly linksFailed: number;
}

export interface DependencyRow {
  readonly remoteIp: string;
  /** Every spelling of `remoteIp` the export holds (one row per address), when the query gathers them. */
  readonly remoteIps?: readonly string[];
  readonly port: number;
  readonly protocol: string;
  readonly processName: string;
  /** The monitored machine that owns RemoteIp, when the inventory knows it. */
  readonly remoteMachine: string;
  readonly remoteComputer: string;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly linksEstablished: number;
  readonly linksFailed: number;
  readonly maliciousIps: readonly string[];
  readonly threats: readonly string[];
  /** As MachineRow's: the byte columns none of these connections' records has. */
  readonly unmeasured?: readonly ByteColumn[];
}

export interface MapConnectionRow extends DependencyRow {
  readonly machine: string;
  readonly computer: string;
  readonly process: string;
}

/** Reads cells of the primary table by column name; a missing column reads as null. */
export class RowReader {
  private readonly index = new Map<string, number>();
  readonly rows: readonly (readonly WireValue[])[];

  constructor(result: QueryResult) {
    const table = result.tables[0];
    this.rows = table?.rows ?? [];
    table?.columns.forEach((c, i) => this.index.set(c.name, i));
  }

  cell(row: readonly WireValue[], column: string): WireValue {
    const i = this.index.get(column);
    return i === undefined ? null : (row[i] ?? null);
  }

  str(row: readonly WireValue[], column: string): string {
    const v = this.cell(row, column);
    return v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  num(row: readonly WireValue[], column: string): number {
    const v = this.cell(row, column);
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : 0;
  }

  bool(row: readonly WireValue[], column: string): boolean {
    const v = this.cell(row, column);
    return v === true || v === 1 || (typeof v === 'string' && v.toLowerCase() === 'true');
  }

  /** A dynamic array of strings, without empty entries (make_set keeps the empty string). */
  strings(row: readonly WireValue[], column: string): string[] {
    let v = this.cell(row, column);
    if (typeof v === 'string') {
      const t = v.trim();
      if (t.startsWith('[')) {
        try {
          v = JSON.parse(t) as WireValue;
        } catch {
          return [t];
        }
      } else {
        return t ? [t] : [];
      }
    }
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  }
}

export function machineRows(result: QueryResult): MachineRow[] {
  const r = new RowReader(result);
  return r.rows.map((row) => ({
    machine: r.str(row, 'Machine'),
    computer: r.str(row, 'Computer'),
    osFamily: r.str(row, 'OsFamily'),
    os: r.str(row, 'Os'),
    ips: r.strings(row, 'Ipv4Addresses'),
    ipv6s: r.strings(row, 'Ipv6Addresses'),
    resourceId: r.str(row, 'ResourceId'),
    bytesSent: r.num(row, 'BytesSent'),
    bytesReceived: r.num(row, 'BytesReceived'),
    linksFailed: r.num(row, 'LinksFailed'),
    maliciousIps: r.strings(row, 'MaliciousIps'),
    threats: r.strings(row, 'Threats'),
    unmeasured: unmeasured(r, row),
  }));
}

/**
 * The byte columns counted in no record: a count of 0 (records, none with bytes), not a null (no
 * connection at all, from the left-outer join), nor an absent count (a query that does not count).
 */
function unmeasured(r: RowReader, row: readonly WireValue[]): ByteColumn[] {
  const none = (column: string) => {
    const v = r.cell(row, column);
    return v !== null && Number(v) === 0;
  };
  return [
    ...(none('SentRecords') ? (['BytesSent'] as const) : []),
    ...(none('ReceivedRecords') ? (['BytesReceived'] as const) : []),
  ];
}

export function processRows(result: QueryResult): ProcessRow[] {
  const r = new RowReader(result);
  return r.rows.map((row) => {
    const user = r.str(row, 'UserName');
    const domain = r.str(row, 'UserDomain');
    return {
      process: r.str(row, 'Process'),
      executable: r.str(row, 'ExecutableName') || r.str(row, 'DisplayName'),
      displayName: r.str(row, 'DisplayName'),
      commandLine: r.str(row, 'CommandLine'),
      user: domain && user ? `${domain}\\${user}` : user,
      path: r.str(row, 'ExecutablePath'),
    };
  });
}

export function portRows(result: QueryResult): PortRow[] {
  const r = new RowReader(result);
  return r.rows.map((row) => ({
    ip: r.str(row, 'Ip'),
    ips: r.strings(row, 'Ips'),
    port: r.num(row, 'Port'),
    protocol: r.str(row, 'Protocol') || 'tcp',
    processName: r.str(row, 'ProcessName'),
    process: r.str(row, 'Process'),
    wildcard: r.bool(row, 'IsWildcardBind'),
    linksLive: r.num(row, 'LinksLive'),
    bytesSent: r.num(row, 'BytesSent'),
    bytesReceived: r.num(row, 'BytesReceived'),
    linksFailed: r.num(row, 'LinksFailed'),
  }));
}

function dependencyRow(r: RowReader, row: readonly WireValue[]): DependencyRow {
  return {
    remoteIp: r.str(row, 'RemoteIp'),
    remoteIps: r.strings(row, 'RemoteIps'),
    port: r.num(row, 'Port'),
    protocol: r.str(row, 'Protocol') || 'tcp',
    processName: r.str(row, 'ProcessName'),
    remoteMachine: r.str(row, 'RemoteMachine'),
    remoteComputer: r.str(row, 'RemoteComputer'),
    bytesSent: r.num(row, 'BytesSent'),
    bytesReceived: r.num(row, 'BytesReceived'),
    linksEstablished: r.num(row, 'LinksEstablished'),
    linksFailed: r.num(row, 'LinksFailed'),
    maliciousIps: r.strings(row, 'MaliciousIps'),
    threats: r.strings(row, 'Threats'),
    unmeasured: unmeasured(r, row),
  };
}

export function dependencyRows(result: QueryResult): DependencyRow[] {
  const r = new RowReader(result);
  return r.rows.map((row) => dependencyRow(r, row));
}

export function mapConnectionRows(result: QueryResult): MapConnectionRow[] {
  const r = new RowReader(result);
  return r.rows.map((row) => ({
    ...dependencyRow(r, row),
    machine: r.str(row, 'Machine'),
    computer: r.str(row, 'Computer'),
    process: r.str(row, 'Process'),
  }));
}

/** Loopback binds (127.0.0.0/8, ::1, in any spelling: ::ffff:127.0.0.1, 0:0:0:0:0:0:0:1) serve only the machine itself. */
export function isLoopback(ip: string): boolean {
  return isLoopbackIp(ip) || ip === 'localhost';
}

/** Binds to every interface, in any spelling (0:0:0:0:0:0:0:0, ::ffff:0.0.0.0). */
export function isWildcardIp(ip: string): boolean {
  const key = ipKey(ip);
  return key === '0.0.0.0' || key === '::' || key === '*';
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
