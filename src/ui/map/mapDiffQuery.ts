/**
 * "What changed between two windows" as one KQL query, so it runs unchanged on the local engine and on
 * Log Analytics and can be pasted into a notebook cell. Pure (no vscode). Per row: a connection that is
 * new, vanished, or whose failure rate rose (worse); a listening port that is new or lost; a process
 * that is new. Both windows are datetime literals in the text, so the query needs no time range of
 * its own: the caller runs it over a range covering both windows.
 */
import { JOIN_MONITORED_IPS, MONITORED_IPS, OPTIONAL_CONNECTION_COLUMNS } from '../machines/fleetQueries';

export interface TimeWindow {
  /** ISO-8601 instants, start inclusive, end exclusive. */
  readonly start: string;
  readonly end: string;
}

/** A failure rate (failed / attempted) must rise by this much to count as worse… */
export const WORSE_RATE_RISE = 0.05;
/** …with at least this many failures in the later window, so a handful of retries is not a change. */
export const WORSE_MIN_FAILURES = 5;

/** The diff's columns, in order; every part of the union projects all of them. */
export const DIFF_COLUMNS = [
  'Change',
  'Kind',
  'Machine',
  'Computer',
  'ProcessName',
  'RemoteIp',
  'RemoteMachine',
  'Port',
  'Protocol',
  'LinksBefore',
  'LinksAfter',
  'FailedBefore',
  'FailedAfter',
  'BytesBefore',
  'BytesAfter',
] as const;

/** A window's bound as a KQL datetime literal; refuses anything that is not an instant. */
export function kqlDatetime(iso: string): string {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(iso) || Number.isNaN(ms)) {
    throw new Error(`"${iso}" is not a UTC ISO-8601 instant such as 2026-11-23T00:00:00Z`);
  }
  return `datetime(${new Date(ms).toISOString()})`;
}

export function validateWindows(before: TimeWindow, after: TimeWindow): void {
  for (const [name, w] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (Date.parse(w.end) <= Date.parse(w.start)) {
      throw new Error(`The ${name} window ends before it starts (${w.start} … ${w.end}).`);
    }
  }
}

/** The time range a backend must apply so both windows' rows are in reach. */
export function coveringRange(before: TimeWindow, after: TimeWindow): { start: string; end: string } {
  const start = Math.min(Date.parse(before.start), Date.parse(after.start));
  const end = Math.max(Date.parse(before.end), Date.parse(after.end));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/**
 * The parts compared besides connections; a part whose table the workspace lacks is left out (its
 * `let` too: a fuzzy union of two absent tables fails, and so does a read of an absent VMBoundPort).
 */
export interface DiffParts {
  readonly ports: boolean;
  readonly processes: boolean;
}

export function mapDiffQuery(
  before: TimeWindow,
  after: TimeWindow,
  parts: DiffParts = { ports: true, processes: true },
): string {
  validateWindows(before, after);
  const columns = DIFF_COLUMNS.join(', ');
  const compared = [
    'connections',
    ...(parts.ports ? ['listening ports'] : []),
    ...(parts.processes ? ['processes'] : []),
  ];
  return [
    `// What changed between two windows: ${compared.join(', ')}`,
    `let beforeStart = ${kqlDatetime(before.start)};`,
    `let beforeEnd = ${kqlDatetime(before.end)};`,
    `let afterStart = ${kqlDatetime(after.start)};`,
    `let afterEnd = ${kqlDatetime(after.end)};`,
    `let worseBy = ${WORSE_RATE_RISE};`,
    `let worseMinFailures = ${WORSE_MIN_FAILURES};`,
    ...MONITORED_IPS,
    'let edges = (windowStart: datetime, windowEnd: datetime) {',
    '    VMConnection',
    `    ${OPTIONAL_CONNECTION_COLUMNS}`,
    '    | where TimeGenerated >= windowStart and TimeGenerated < windowEnd and Direction == "outbound"',
    '    | summarize Links = sum(LinksEstablished), Failed = sum(LinksFailed), Bytes = sum(BytesSent) + sum(BytesReceived)',
    '        by Machine, Computer, ProcessName, RemoteIp, Port = DestinationPort, Protocol',
    '};',
    'let connectionChanges = edges(beforeStart, beforeEnd)',
    '| join kind=fullouter (edges(afterStart, afterEnd)) on Machine, ProcessName, RemoteIp, Port, Protocol',
    '| extend Known = isnotempty(Machine), Seen = isnotempty(Machine1)',
    '| extend Machine = iff(Known, Machine, Machine1), Computer = iff(Known, Computer, Computer1), ProcessName = iff(Known, ProcessName, ProcessName1),',
    '    RemoteIp = iff(Known, RemoteIp, RemoteIp1), Port = iff(Known, Port, Port1), Protocol = iff(Known, Protocol, Protocol1),',
    '    LinksBefore = coalesce(Links, 0), LinksAfter = coalesce(Links1, 0), FailedBefore = coalesce(Failed, 0), FailedAfter = coalesce(Failed1, 0),',
    '    BytesBefore = coalesce(Bytes, 0), BytesAfter = coalesce(Bytes1, 0)',
    '| extend RateBefore = todouble(FailedBefore) / max_of(LinksBefore + FailedBefore, 1), RateAfter = todouble(FailedAfter) / max_of(LinksAfter + FailedAfter, 1)',
    '| extend Change = case(not(Known), "new", not(Seen), "vanished", FailedAfter >= worseMinFailures and RateAfter > RateBefore + worseBy, "worse", "")',
    '| where isnotempty(Change)',
    JOIN_MONITORED_IPS,
    '| extend Kind = "connection", RemoteMachine = coalesce(RemoteMachine, "");',
    ...(parts.ports ? PORT_LETS : []),
    ...(parts.processes ? PROCESS_LETS : []),
    'union',
    [
      `    (connectionChanges | project ${columns})`,
      ...(parts.ports
        ? [
            `    (portChanges | extend RemoteIp = "", RemoteMachine = "", LinksBefore = 0, LinksAfter = 0, FailedBefore = 0, FailedAfter = 0, BytesBefore = 0, BytesAfter = 0 | project ${columns})`,
          ]
        : []),
      ...(parts.processes
        ? [
            `    (processChanges | extend RemoteIp = "", RemoteMachine = "", Port = int(null), Protocol = "", LinksBefore = 0, LinksAfter = 0, FailedBefore = 0, FailedAfter = 0, BytesBefore = 0, BytesAfter = 0 | project ${columns})`,
          ]
        : []),
    ].join(',\n'),
    '| order by Kind asc, Change asc, Computer asc, ProcessName asc, RemoteIp asc, Port asc',
  ].join('\n');
}

const PORT_LETS: readonly string[] = [
  'let ports = (windowStart: datetime, windowEnd: datetime) {',
  '    VMBoundPort',
  // A minimal export (machine, Ip, Port, Protocol) still compares its ports.
  '    | extend Computer = column_ifexists("Computer", ""), ProcessName = column_ifexists("ProcessName", "")',
  '    | where TimeGenerated >= windowStart and TimeGenerated < windowEnd',
  '    | summarize arg_max(TimeGenerated, Computer, ProcessName) by Machine, Port, Protocol',
  '};',
  'let portChanges = ports(beforeStart, beforeEnd)',
  '| join kind=fullouter (ports(afterStart, afterEnd)) on Machine, Port, Protocol',
  '| where isempty(Machine) or isempty(Machine1)',
  '| extend Change = iff(isempty(Machine), "new", "lost"), Kind = "listening port",',
  '    Computer = iff(isempty(Machine), Computer1, Computer), ProcessName = iff(isempty(Machine), ProcessName1, ProcessName),',
  '    Port = iff(isempty(Machine), Port1, Port), Protocol = iff(isempty(Machine), Protocol1, Protocol), Machine = iff(isempty(Machine), Machine1, Machine);',
];

const PROCESS_LETS: readonly string[] = [
  'let processes = (windowStart: datetime, windowEnd: datetime) {',
  '    union isfuzzy=true',
  '        (VMProcess | where TimeGenerated >= windowStart and TimeGenerated < windowEnd | summarize by Machine, Computer, ProcessName = ExecutableName),',
  '        (ServiceMapProcess_CL | where TimeGenerated >= windowStart and TimeGenerated < windowEnd',
  '        | summarize by Machine = MachineResourceName_s, Computer = "", ProcessName = ExecutableName_s)',
  '    | summarize Computer = max(Computer) by Machine, ProcessName',
  '};',
  'let processChanges = processes(afterStart, afterEnd)',
  '| join kind=leftanti (processes(beforeStart, beforeEnd)) on Machine, ProcessName',
  '| extend Change = "new", Kind = "process";',
];
