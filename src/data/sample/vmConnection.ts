/**
 * VMConnection: one record per logical connection end per active minute over the last 24 hours. Both
 * ends of a link between monitored machines report it (outbound at the client, inbound at the server)
 * with matching bytes and links; failed attempts appear only outbound. Rows are written straight into
 * typed arrays: at the benchmark scales this is 10M rows.
 */
import { type Column, NumberColumn } from '../../engine/column';
import { Table } from '../../engine/table';
import type { DynamicValue } from '../../engine/values';
import { VmConnectionSchema } from '../../schema/catalogue';
import { InstanceGather } from './columns';
import type { Fleet, FleetMachine } from './fleet';
import { type ExternalHost, extraClient } from './hosts';
import { hash4 } from './random';
import {
  emptyLinkMinute,
  isMonitored,
  type Link,
  type LinkEnd,
  linkMinute,
  type MonitoredEnd,
  serverSees,
} from './traffic';
import { type SampleClock, machineResourceId, MINUTES_PER_DAY } from './time';

/** The constant part of a connection end's records. */
interface ConnectionEnd {
  readonly local: MonitoredEnd;
  readonly remote: LinkEnd;
  readonly outbound: boolean;
  readonly connectionId: string;
  readonly sourceIp: string;
  readonly destinationIp: string;
  readonly port: number;
}

function remoteIpOf(end: LinkEnd): string {
  return isMonitored(end) ? end.ip : end.host.ip;
}

/** The client end of replica `r` of a link: internet clients multiply, internal ends stay put. */
function clientFor(link: Link, replica: number): LinkEnd {
  if (replica === 0 || isMonitored(link.client) || link.client.host.threat) {
    return link.client;
  }
  return { host: extraClient(link.index * 131 + replica) };
}

function connectionId(seed: number, link: Link, replica: number, outbound: boolean): string {
  const a = hash4(seed, link.index, replica, outbound ? 1 : 2)
    .toString(16)
    .padStart(8, '0');
  const b = hash4(seed, link.index, replica, outbound ? 3 : 4)
    .toString(16)
    .padStart(8, '0');
  return `c-${a}${b}`;
}

function endsOf(seed: number, link: Link, replica: number): [ConnectionEnd | undefined, ConnectionEnd | undefined] {
  const client = clientFor(link, replica);
  const sourceIp = remoteIpOf(client);
  const destinationIp = remoteIpOf(link.server);
  const out = isMonitored(client)
    ? {
        local: client,
        remote: link.server,
        outbound: true,
        connectionId: connectionId(seed, link, replica, true),
        sourceIp,
        destinationIp,
        port: link.port,
      }
    : undefined;
  const inb = isMonitored(link.server)
    ? {
        local: link.server,
        remote: client,
        outbound: false,
        connectionId: connectionId(seed, link, replica, false),
        sourceIp,
        destinationIp,
        port: link.port,
      }
    : undefined;
  return [out, inb];
}

function dnsNames(remote: LinkEnd): string[] {
  if (!isMonitored(remote)) {
    return [...remote.host.dnsNames];
  }
  return remote.ip === '127.0.0.1' ? ['localhost'] : [remote.machine.fqdn];
}

function isoDaysAgo(clock: SampleClock, days: number): string {
  return new Date(clock.nowMs - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

export interface ConnectionTableOptions {
  readonly seed: number;
  readonly fleet: Fleet;
  readonly links: readonly Link[];
  readonly clock: SampleClock;
  /** Replicas of each link: the benchmark scales. */
  readonly scale: number;
}

export function generateVmConnection({ seed, fleet, links, clock, scale }: ConnectionTableOptions): Table {
  const ends: (ConnectionEnd | undefined)[] = [];
  for (const link of links) {
    for (let r = 0; r < scale; r++) {
      ends.push(...endsOf(seed, link, r));
    }
  }
  const m = emptyLinkMinute();
  const minuteCount = MINUTES_PER_DAY;

  // First pass counts rows so every column is allocated once, at its final size.
  let rows = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    const hour = clock.hourOfMinute(minute);
    for (let li = 0; li < links.length; li++) {
      const link = links[li]!;
      for (let r = 0; r < scale; r++) {
        if (linkMinute(seed, link, r, minute, hour, m)) {
          const e = (li * scale + r) * 2;
          rows += (ends[e] ? 1 : 0) + (ends[e + 1] && serverSees(m) ? 1 : 0);
        }
      }
    }
  }

  const instanceOfRow = new Int32Array(rows);
  const time = new Float64Array(rows);
  const established = new Float64Array(rows);
  const terminated = new Float64Array(rows);
  const live = new Float64Array(rows);
  const failed = new Float64Array(rows);
  const sent = new Float64Array(rows);
  const received = new Float64Array(rows);
  const responses = new Float64Array(rows);
  const rtMax = new Float64Array(rows);
  const rtMin = new Float64Array(rows);
  const rtSum = new Float64Array(rows);
  const rtNull = new Uint8Array(rows);
  let row = 0;
  const put = (end: number, outbound: boolean, t: number) => {
    instanceOfRow[row] = end;
    time[row] = t;
    established[row] = m.established;
    terminated[row] = m.terminated;
    live[row] = m.live;
    failed[row] = outbound ? m.failed : 0;
    sent[row] = outbound ? m.bytesToServer : m.bytesToClient;
    received[row] = outbound ? m.bytesToClient : m.bytesToServer;
    responses[row] = m.responses;
    if (m.responses > 0) {
      rtMax[row] = m.responseTimeMax;
      rtMin[row] = m.responseTimeMin;
      rtSum[row] = m.responseTimeSum;
    } else {
      rtNull[row] = 1;
    }
    row++;
  };
  for (let minute = 0; minute < minuteCount; minute++) {
    const hour = clock.hourOfMinute(minute);
    const t = clock.minuteTicks(minute);
    for (let li = 0; li < links.length; li++) {
      const link = links[li]!;
      for (let r = 0; r < scale; r++) {
        if (linkMinute(seed, link, r, minute, hour, m)) {
          const e = (li * scale + r) * 2;
          if (ends[e]) {
            put(e, true, t);
          }
          if (ends[e + 1] && serverSees(m)) {
            put(e + 1, false, t);
          }
        }
      }
    }
  }

  const g = new InstanceGather(instanceOfRow, rows);
  const per = <T>(f: (end: ConnectionEnd) => T, missing: T): T[] => ends.map((e) => (e ? f(e) : missing));
  const host = (e: ConnectionEnd): ExternalHost | undefined => (isMonitored(e.remote) ? undefined : e.remote.host);
  const threat = (e: ConnectionEnd) => host(e)?.threat;
  const machine = (e: ConnectionEnd): FleetMachine => e.local.machine;
  const num = (type: 'int' | 'long', values: Float64Array, nulls?: Uint8Array): Column =>
    new NumberColumn(type, values, nulls);
  const hasNullRt = rtNull.some((x) => x === 1);

  const columns: Record<string, () => Column> = {
    TenantId: () =>
      g.strings(
        'string',
        per(() => fleet.tenantId, ''),
      ),
    TimeGenerated: () => new NumberColumn('datetime', time),
    Computer: () =>
      g.strings(
        'string',
        per((e) => machine(e).name, ''),
      ),
    AgentId: () =>
      g.strings(
        'string',
        per((e) => machine(e).guid, ''),
      ),
    Machine: () =>
      g.strings(
        'string',
        per((e) => machine(e).resourceName, ''),
      ),
    Process: () =>
      g.strings(
        'string',
        per((e) => e.local.process.id, ''),
      ),
    ProcessName: () =>
      g.strings(
        'string',
        per((e) => e.local.process.software.executable, ''),
      ),
    ConnectionId: () =>
      g.strings(
        'string',
        per((e) => e.connectionId, ''),
      ),
    Direction: () =>
      g.strings(
        'string',
        per((e) => (e.outbound ? 'outbound' : 'inbound'), ''),
      ),
    SourceIp: () =>
      g.strings(
        'string',
        per((e) => e.sourceIp, ''),
      ),
    DestinationIp: () =>
      g.strings(
        'string',
        per((e) => e.destinationIp, ''),
      ),
    DestinationPort: () =>
      g.numbers(
        'int',
        per((e) => e.port, 0),
      ),
    Protocol: () =>
      g.strings(
        'string',
        per(() => 'tcp', ''),
      ),
    RemoteIp: () =>
      g.strings(
        'string',
        per((e) => remoteIpOf(e.remote), ''),
      ),
    RemoteClassification: () =>
      g.strings(
        'string',
        per(() => '', ''),
      ),
    RemoteDnsQuestions: () => g.dynamic(per<DynamicValue>((e) => (e.outbound ? dnsNames(e.remote) : []), null)),
    RemoteDnsCanonicalNames: () => g.dynamic(per<DynamicValue>((e) => dnsNames(e.remote), null)),
    RemoteCountry: () =>
      g.strings(
        'string',
        per((e) => host(e)?.country ?? '', ''),
      ),
    RemoteLatitude: () =>
      g.numbers(
        'real',
        per((e) => host(e)?.latitude ?? null, null),
      ),
    RemoteLongitude: () =>
      g.numbers(
        'real',
        per((e) => host(e)?.longitude ?? null, null),
      ),
    MaliciousIp: () =>
      g.strings(
        'string',
        per((e) => (threat(e) ? remoteIpOf(e.remote) : ''), ''),
      ),
    IndicatorThreatType: () =>
      g.strings(
        'string',
        per((e) => threat(e)?.type ?? '', ''),
      ),
    Description: () =>
      g.strings(
        'string',
        per((e) => threat(e)?.description ?? '', ''),
      ),
    TLPLevel: () =>
      g.strings(
        'string',
        per((e) => threat(e)?.tlpLevel ?? '', ''),
      ),
    Confidence: () =>
      g.strings(
        'string',
        per((e) => (threat(e) ? String(threat(e)!.confidence) : ''), ''),
      ),
    Severity: () =>
      g.numbers(
        'int',
        per((e) => threat(e)?.severity ?? null, null),
      ),
    FirstReportedDateTime: () =>
      g.strings(
        'string',
        per((e) => (threat(e) ? isoDaysAgo(clock, threat(e)!.firstReportedDaysAgo) : ''), ''),
      ),
    LastReportedDateTime: () =>
      g.strings(
        'string',
        per((e) => (threat(e) ? isoDaysAgo(clock, threat(e)!.lastReportedDaysAgo) : ''), ''),
      ),
    IsActive: () =>
      g.strings(
        'string',
        per((e) => (threat(e) ? (threat(e)!.isActive ? 'True' : 'False') : ''), ''),
      ),
    ReportReferenceLink: () =>
      g.strings(
        'string',
        per((e) => threat(e)?.reportReferenceLink ?? '', ''),
      ),
    AdditionalInformation: () =>
      g.strings(
        'string',
        per((e) => threat(e)?.additionalInformation ?? '', ''),
      ),
    LinksEstablished: () => num('long', established),
    LinksTerminated: () => num('long', terminated),
    LinksLive: () => num('long', live),
    LinksFailed: () => num('long', failed),
    BytesSent: () => num('long', sent),
    BytesReceived: () => num('long', received),
    Responses: () => num('long', responses),
    ResponseTimeMax: () => num('long', rtMax, hasNullRt ? rtNull : undefined),
    ResponseTimeMin: () => num('long', rtMin, hasNullRt ? rtNull : undefined),
    ResponseTimeSum: () => num('long', rtSum, hasNullRt ? rtNull : undefined),
    SourceSystem: () =>
      g.strings(
        'string',
        per(() => 'Insights', ''),
      ),
    Type: () =>
      g.strings(
        'string',
        per(() => 'VMConnection', ''),
      ),
    _ResourceId: () =>
      g.strings(
        'string',
        per((e) => machineResourceId(fleet, machine(e)), ''),
      ),
  };
  return new Table(
    VmConnectionSchema.columns.map((c) => {
      const make = columns[c.name];
      if (!make) {
        throw new Error(`The VMConnection generator has no values for ${c.name}`);
      }
      return { name: c.name, column: make() };
    }),
    rows,
    'VMConnection',
  );
}
