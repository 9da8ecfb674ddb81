/**
 * Who talks to whom in the sample datacenter, and how much, minute by minute. A link is a logical
 * connection from a client process to a server port. Its per-minute metrics are a pure function of
 * (seed, link, replica, minute), so the VMConnection writer (both ends of a link) and the VMBoundPort
 * writer (the server's port) derive the same numbers independently.
 */
import { bindingIp, type Fleet, type FleetMachine, type FleetProcess, machineNamed, processKeyed } from './fleet';
import { CLIENTS, type ExternalHost, MALICIOUS, SERVICES } from './hosts';
import { unit4 } from './random';

export interface MonitoredEnd {
  readonly machine: FleetMachine;
  readonly process: FleetProcess;
  readonly ip: string;
}

export type LinkEnd = MonitoredEnd | { readonly host: ExternalHost };

export function isMonitored(end: LinkEnd): end is MonitoredEnd {
  return 'machine' in end;
}

export interface Link {
  readonly index: number;
  readonly client: LinkEnd;
  readonly server: LinkEnd;
  readonly port: number;
  /** Probability that the link is active in a minute at the busiest hour. */
  readonly activity: number;
  /** Mean connections established per active minute. */
  readonly connections: number;
  /** Typical long-lived connections open at the end of a minute (pools, keep-alive). */
  readonly persistent: number;
  readonly requestsPerConnection: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly responseTimeMs: number;
  /** Probability that an active minute has failed connection attempts. */
  readonly failure: number;
  /** UTC hours [from, to) in which failures are frequent and connections are refused outright. */
  readonly outageHours?: readonly [number, number];
  /** The first minute the link exists (a dependency that appeared "today"). */
  readonly activeFromMinute?: number;
  /** From this minute on the link fails at FAILING_RATE (a dependency that broke "today"). */
  readonly failingFromMinute?: number;
}

/** Failure probability of an active minute once a link has started failing. */
export const FAILING_RATE = 0.35;

type LinkShape = Omit<Link, 'index' | 'client' | 'server' | 'port' | 'activeFromMinute' | 'failingFromMinute'>;

const SHAPES = {
  web: {
    activity: 0.8,
    connections: 3,
    persistent: 2,
    requestsPerConnection: 6,
    requestBytes: 900,
    responseBytes: 24_000,
    responseTimeMs: 45,
    failure: 0.002,
  },
  api: {
    activity: 0.8,
    connections: 2,
    persistent: 6,
    requestsPerConnection: 12,
    requestBytes: 1_400,
    responseBytes: 6_500,
    responseTimeMs: 18,
    failure: 0.004,
  },
  db: {
    activity: 0.85,
    connections: 1,
    persistent: 10,
    requestsPerConnection: 40,
    requestBytes: 600,
    responseBytes: 4_800,
    responseTimeMs: 4,
    failure: 0.002,
  },
  cache: {
    activity: 0.9,
    connections: 1,
    persistent: 4,
    requestsPerConnection: 80,
    requestBytes: 120,
    responseBytes: 700,
    responseTimeMs: 1,
    failure: 0,
  },
  telemetry: {
    activity: 0.75,
    connections: 1,
    persistent: 1,
    requestsPerConnection: 3,
    requestBytes: 18_000,
    responseBytes: 600,
    responseTimeMs: 120,
    failure: 0.003,
  },
  admin: {
    activity: 0.06,
    connections: 1,
    persistent: 1,
    requestsPerConnection: 30,
    requestBytes: 300,
    responseBytes: 9_000,
    responseTimeMs: 35,
    failure: 0.01,
  },
  download: {
    activity: 0.04,
    connections: 1,
    persistent: 0,
    requestsPerConnection: 2,
    requestBytes: 500,
    responseBytes: 2_500_000,
    responseTimeMs: 210,
    failure: 0.02,
  },
  directory: {
    activity: 0.25,
    connections: 2,
    persistent: 1,
    requestsPerConnection: 4,
    requestBytes: 400,
    responseBytes: 1_800,
    responseTimeMs: 3,
    failure: 0.001,
  },
  hostile: {
    activity: 0.08,
    connections: 4,
    persistent: 0,
    requestsPerConnection: 1,
    requestBytes: 250,
    responseBytes: 120,
    responseTimeMs: 30,
    failure: 0,
  },
} satisfies Record<string, LinkShape>;

/**
 * Builds the link list of a fleet: same fleet, same links, same order. `changeMinute` is when the
 * sample's one change happens (its UTC midnight: "yesterday" before it, "today" after): acme-app02
 * starts calling acme-redis01:6379, and acme-app01 → acme-pg01:5432 starts failing. The new link comes
 * last, so every other link keeps its index and its random stream.
 */
export function buildLinks(fleet: Fleet, changeMinute?: number): Link[] {
  const links: Link[] = [];
  const m = (name: string, key: string): MonitoredEnd => {
    const machine = machineNamed(fleet, name);
    return { machine, process: processKeyed(machine, key), ip: machine.ips[0]! };
  };
  /** A server end: the IP its binding of `port` accepts connections on. */
  const srv = (name: string, key: string, port: number): MonitoredEnd => {
    const end = m(name, key);
    const binding = end.process.ports.find((p) => p.port === port);
    if (!binding) {
      throw new Error(`${name}/${key} does not listen on ${port}`);
    }
    return { ...end, ip: bindingIp(end.machine, binding.bind) };
  };
  const ext = (host: ExternalHost) => ({ host });
  const add = (
    client: LinkEnd,
    server: LinkEnd,
    port: number,
    shape: LinkShape,
    tweak: Partial<LinkShape> = {},
    change: Pick<Link, 'activeFromMinute' | 'failingFromMinute'> = {},
  ) => {
    if (isMonitored(client) && isMonitored(server) && server.ip === '127.0.0.1') {
      client = { ...client, ip: '127.0.0.1' };
    }
    const t = { ...shape, ...tweak };
    // Every field explicitly and in one order: linkMinute reads links in the innermost loop.
    links.push({
      index: links.length,
      client,
      server,
      port,
      activity: t.activity,
      connections: t.connections,
      persistent: t.persistent,
      requestsPerConnection: t.requestsPerConnection,
      requestBytes: t.requestBytes,
      responseBytes: t.responseBytes,
      responseTimeMs: t.responseTimeMs,
      failure: t.failure,
      outageHours: t.outageHours,
      activeFromMinute: change.activeFromMinute,
      failingFromMinute: change.failingFromMinute,
    });
  };

  // Customers browse the public web tier.
  CLIENTS.forEach((c, i) => {
    add(ext(c), srv('acme-demo', 'web', 443), 443, SHAPES.web);
    if (i % 3 === 0) add(ext(c), srv('acme-demo', 'web', 80), 80, SHAPES.web, { activity: 0.15, responseBytes: 400 });
    add(ext(c), srv(i % 2 ? 'acme-nginx01' : 'acme-nginx02', 'web', 443), 443, SHAPES.web);
    if (i % 2 === 0)
      add(ext(c), srv(i % 4 ? 'acme-web01' : 'acme-web02', 'web', 443), 443, SHAPES.web, { activity: 0.35 });
    if (i % 3 === 1) add(ext(c), srv('acme-httpd01', 'web', 443), 443, SHAPES.web, { activity: 0.3 });
    if (i < 2) add(ext(c), srv('onprem-web01', 'web', 80), 80, SHAPES.web, { activity: 0.2 });
  });

  // acme-demo's storefront and its back ends; the payment API and acme-sql02 fail now and then.
  add(m('acme-demo', 'web'), srv('admdemo-appsvr', 'app', 8080), 8080, SHAPES.api);
  add(m('acme-demo', 'web'), srv('acme-sql01', 'sql', 1433), 1433, SHAPES.db);
  add(m('acme-demo', 'web'), srv('acme-sql02', 'sql', 1433), 1433, SHAPES.db, {
    activity: 0.5,
    failure: 0.03,
    outageHours: [2, 5],
  });
  add(m('acme-demo', 'web'), ext(SERVICES.paymentsApi), 443, SHAPES.api, {
    activity: 0.4,
    persistent: 1,
    responseTimeMs: 240,
    failure: 0.08,
  });
  add(m('acme-demo', 'web'), srv('acme-redis01', 'cache', 6379), 6379, SHAPES.cache);
  add(m('acme-demo', 'web'), srv('acme-mail01', 'smtp', 587), 587, SHAPES.directory, {
    activity: 0.2,
    requestBytes: 6_000,
  });

  // The Windows app server behind it.
  add(m('admdemo-appsvr', 'app'), srv('acme-sql02', 'sql', 1433), 1433, SHAPES.db, {
    outageHours: [2, 5],
    failure: 0.01,
  });
  add(m('admdemo-appsvr', 'app'), srv('acme-dc01', 'ldap', 389), 389, SHAPES.directory);
  add(m('admdemo-appsvr', 'app'), srv('acme-file01', 'smb', 445), 445, SHAPES.directory, {
    activity: 0.1,
    responseBytes: 250_000,
  });
  add(m('admdemo-appsvr', 'app'), srv('acme-kafka01', 'kafka', 9092), 9092, SHAPES.api, { activity: 0.5 });
  add(m('onprem-erp01', 'erp'), srv('admdemo-appsvr', 'app', 8443), 8443, SHAPES.api, {
    activity: 0.3,
    responseTimeMs: 60,
  });

  // The Linux tier: nginx → tomcat → postgres / mysql / kafka / redis on loopback.
  for (const proxy of ['acme-nginx01', 'acme-nginx02']) {
    add(m(proxy, 'web'), srv('acme-app01', 'app', 8080), 8080, SHAPES.api);
    add(m(proxy, 'web'), srv('acme-app02', 'app', 8080), 8080, SHAPES.api);
    add(m(proxy, 'web'), srv('acme-app03', 'app', 8080), 8080, SHAPES.api, { activity: 0.4 });
  }
  add(m('acme-app01', 'app'), srv('acme-app01', 'cache', 6379), 6379, SHAPES.cache);
  add(m('acme-app01', 'app'), srv('acme-pg01', 'db', 5432), 5432, SHAPES.db, {}, { failingFromMinute: changeMinute });
  add(m('acme-app02', 'app'), srv('acme-pg01', 'db', 5432), 5432, SHAPES.db);
  add(m('acme-app03', 'app'), srv('acme-mysql01', 'db', 3306), 3306, SHAPES.db, { activity: 0.7 });
  for (const app of ['acme-app01', 'acme-app02', 'acme-app03']) {
    add(m(app, 'app'), srv('acme-kafka01', 'kafka', 9092), 9092, SHAPES.api, { activity: 0.4 });
  }
  add(m('acme-app01', 'app'), ext(SERVICES.paymentsApi), 443, SHAPES.api, {
    activity: 0.2,
    persistent: 1,
    responseTimeMs: 240,
    failure: 0.05,
  });
  add(m('acme-kafka01', 'kafka'), srv('acme-kafka01', 'zk', 2181), 2181, SHAPES.directory, { activity: 0.6 });
  add(m('acme-httpd01', 'web'), srv('acme-httpd01', 'php', 9000), 9000, SHAPES.cache, { activity: 0.7 });
  add(m('acme-httpd01', 'web'), srv('acme-mysql01', 'db', 3306), 3306, SHAPES.db, { activity: 0.5 });
  add(m('acme-web01', 'web'), srv('acme-sql01', 'sql', 1433), 1433, SHAPES.db, { activity: 0.7 });
  add(m('acme-web02', 'web'), srv('acme-sql01', 'sql', 1433), 1433, SHAPES.db, { activity: 0.7 });
  add(m('acme-web01', 'web'), srv('acme-dc01', 'ldap', 389), 389, SHAPES.directory, { activity: 0.1 });

  // Monitoring, CI, administration.
  for (const app of ['acme-app01', 'acme-app02', 'acme-app03', 'acme-nginx01']) {
    add(
      m('acme-mon01', 'prom'),
      srv(app, app === 'acme-nginx01' ? 'web' : 'app', app === 'acme-nginx01' ? 80 : 8080),
      app === 'acme-nginx01' ? 80 : 8080,
      SHAPES.directory,
      { activity: 0.9, connections: 1, persistent: 0 },
    );
  }
  add(m('acme-build01', 'ci'), ext(SERVICES.github), 443, SHAPES.download, { activity: 0.25, responseBytes: 350_000 });
  for (const target of ['acme-sql01', 'acme-sql02', 'acme-dc01', 'acme-demo', 'admdemo-appsvr']) {
    add(m('acme-jump01', 'mstsc'), srv(target, 'rdp', 3389), 3389, SHAPES.admin);
  }
  for (const target of ['acme-app01', 'acme-app02', 'acme-pg01', 'acme-build01', 'acme-kafka01']) {
    add(m('acme-bastion01', 'sshclient'), srv(target, 'ssh', 22), 22, SHAPES.admin);
  }
  add(m('acme-mail01', 'smtp'), ext(SERVICES.mailRelay), 587, SHAPES.directory, { activity: 0.2, requestBytes: 6_000 });

  // curl on several machines, each a different version, fetching packages.
  add(m('acme-build01', 'curl'), ext(SERVICES.packageMirror), 443, SHAPES.download, { activity: 0.08 });
  add(m('acme-mon01', 'curl'), ext(SERVICES.ubuntuArchive), 80, SHAPES.download);
  add(m('acme-app03', 'curl'), ext(SERVICES.centosMirror), 80, SHAPES.download);
  add(m('onprem-web01', 'curl'), ext(SERVICES.centosMirror), 80, SHAPES.download, { activity: 0.02 });

  // On premises.
  add(m('onprem-erp01', 'erp'), srv('onprem-ora01', 'db', 1521), 1521, SHAPES.db, { activity: 0.6 });
  add(m('onprem-erp01', 'erp'), srv('onprem-dc02', 'ldap', 389), 389, SHAPES.directory);
  add(m('onprem-hv01', 'vmms'), srv('onprem-backup01', 'backup', 9102), 9102, SHAPES.download, { activity: 0.1 });

  // Every machine's agent ships its telemetry to Azure Monitor.
  for (const machine of fleet.machines) {
    add(m(machine.name, 'agent'), ext(SERVICES.monitorIngestion), 443, SHAPES.telemetry);
  }
  for (const name of ['acme-demo', 'acme-web01', 'acme-file01', 'onprem-hv01']) {
    add(m(name, 'agent'), ext(SERVICES.windowsUpdate), 443, SHAPES.download, { activity: 0.03 });
  }

  // Known-malicious traffic: an RDP brute force, a port scan, a backdoor calling home, a miner.
  add(ext(MALICIOUS.rdpBruteForce), srv('acme-demo', 'rdp', 3389), 3389, SHAPES.hostile);
  add(ext(MALICIOUS.scanner), srv('acme-nginx01', 'ssh', 22), 22, SHAPES.hostile, { activity: 0.04 });
  add(m('onprem-web01', 'curl'), ext(MALICIOUS.commandAndControl), 443, SHAPES.telemetry, { activity: 0.1 });
  add(m('acme-build01', 'ci'), ext(MALICIOUS.miningPool), 4444, SHAPES.telemetry, { activity: 0.05 });

  // The change between yesterday and today (see changeMinute).
  if (changeMinute !== undefined) {
    add(
      m('acme-app02', 'app'),
      srv('acme-redis01', 'cache', 6379),
      6379,
      SHAPES.cache,
      {},
      { activeFromMinute: changeMinute },
    );
  }
  return links;
}

/** One minute of one link, seen from the client; the server sees sent and received swapped. */
export interface LinkMinute {
  established: number;
  terminated: number;
  live: number;
  failed: number;
  bytesToServer: number;
  bytesToClient: number;
  responses: number;
  responseTimeSum: number;
  responseTimeMin: number;
  responseTimeMax: number;
}

export function emptyLinkMinute(): LinkMinute {
  return {
    established: 0,
    terminated: 0,
    live: 0,
    failed: 0,
    bytesToServer: 0,
    bytesToClient: 0,
    responses: 0,
    responseTimeSum: 0,
    responseTimeMin: 0,
    responseTimeMax: 0,
  };
}

/** Busier in the (US) working day, never idle: a factor per UTC hour. */
export const DIURNAL: readonly number[] = Array.from(
  { length: 24 },
  (_, h) => 0.65 + 0.35 * Math.sin(((h - 11) / 24) * 2 * Math.PI),
);

/**
 * Fills `out` with the link's metrics for one minute and says whether the link was active. The hour is
 * the UTC hour of the minute (it shapes the load); `key` separates replicas of the benchmark scales.
 */
export function linkMinute(
  seed: number,
  link: Link,
  replica: number,
  minute: number,
  hour: number,
  out: LinkMinute,
): boolean {
  const id = link.index * 4096 + replica;
  const d = minute * 16;
  if (
    (link.activeFromMinute !== undefined && minute < link.activeFromMinute) ||
    unit4(seed, id, d, 0) >= link.activity * DIURNAL[hour]!
  ) {
    return false;
  }
  const inOutage = link.outageHours !== undefined && hour >= link.outageHours[0] && hour < link.outageHours[1];
  const failureRate =
    link.failingFromMinute !== undefined && minute >= link.failingFromMinute ? FAILING_RATE : link.failure;
  const failing = unit4(seed, id, d + 1, 0) < (inOutage ? 0.7 : failureRate);
  const failed = failing ? 1 + Math.floor(unit4(seed, id, d + 2, 0) * 3) : 0;
  let established = inOutage && failing ? 0 : Math.round(link.connections * (0.4 + 1.2 * unit4(seed, id, d + 3, 0)));
  const live = inOutage && failing ? 0 : Math.round(link.persistent * (0.6 + 0.8 * unit4(seed, id, d + 4, 0)));
  if (established === 0 && live === 0 && failed === 0) {
    established = 1;
  }
  const terminated = Math.max(0, established - 1 + Math.floor(unit4(seed, id, d + 5, 0) * 3));
  const responses = Math.round((established + live) * link.requestsPerConnection * (0.5 + unit4(seed, id, d + 6, 0)));
  out.established = established;
  out.terminated = terminated;
  out.live = live;
  out.failed = failed;
  out.responses = responses;
  out.bytesToServer =
    Math.round(responses * link.requestBytes * (0.7 + 0.6 * unit4(seed, id, d + 7, 0))) + 74 * (established + failed);
  out.bytesToClient =
    Math.round(responses * link.responseBytes * (0.7 + 0.6 * unit4(seed, id, d + 8, 0))) + 66 * established;
  if (responses > 0) {
    const mean = link.responseTimeMs * (0.6 + 0.8 * unit4(seed, id, d + 9, 0));
    out.responseTimeMin = Math.max(1, Math.round(mean * 0.3));
    out.responseTimeMax = Math.max(out.responseTimeMin, Math.round(mean * (1.5 + 2 * unit4(seed, id, d + 10, 0))));
    out.responseTimeSum = Math.max(Math.round(mean * responses), out.responseTimeMax);
  } else {
    out.responseTimeMin = out.responseTimeMax = out.responseTimeSum = 0;
  }
  return true;
}

/** Whether the server end sees the minute: attempts that failed never reached it. */
export function serverSees(m: LinkMinute): boolean {
  return m.established > 0 || m.live > 0;
}
