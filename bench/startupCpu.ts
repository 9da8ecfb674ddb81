/**
 * Who had the machine's cores while the editor started (bench/e2e.ts): every process of the session's CPU
 * (utime + stime from /proc/<pid>/stat) sampled every ~50 ms, so any window between two of the start-up's
 * moments (activation, the first diagnostics, the first Run's answer) can be split by process afterwards.
 * Why sampled rather than read at both ends: the moments are known only once the logs are read back, after
 * the start, and a process that starts inside a window (the language server, the engine) counts from zero.
 */
import * as fs from 'node:fs';

/** Which part of the session a process is, from its command line; undefined for the rest of the machine. */
export function roleOf(cmdline: string): string | undefined {
  // A build, or its check run from the blob written under a temporary name.
  if (cmdline.includes('--build-snapshot') || /\.tmp\b/.test(cmdline)) return 'snapshot builds';
  if (cmdline.includes('/dist/engineWorker.js')) return 'engine process';
  if (cmdline.includes('/dist/server.js')) return 'language server';
  if (cmdline.includes('extensionHost')) return 'extension host';
  if (/chrom/i.test(cmdline)) {
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    if (type === 'renderer') return 'browser renderer';
    if (type === 'gpu-process') return 'browser GPU';
    return 'browser (other)';
  }
  if (cmdline.includes('code-server')) return 'code-server server';
  return undefined;
}

/** Clock ticks per process id, with its role. */
export type ProcessTicks = Map<number, { role: string; ticks: number }>;

/**
 * A main thread's scheduler figures (/proc/<pid>/task/<pid>/schedstat), in ms: time on a core and time
 * runnable but waiting for one. The rest of a window it slept: waiting for a message, a timer or a file.
 */
export interface Sched {
  readonly runMs: number;
  readonly queuedMs: number;
}

export interface CpuSample {
  /** Date.now() when it was read. */
  readonly at: number;
  readonly byPid: ProcessTicks;
  /** The language server's main thread, by pid (see Sched). */
  readonly serverSched: Map<number, Sched>;
  /** Busy ticks of the whole machine (/proc/stat). */
  readonly machine: number;
  /** This process's own CPU (the bench: Playwright's driver and this sampler), in ms. */
  readonly selfMs: number;
}

/** USER_HZ is 100 on Linux: a tick is 10 ms. */
export const TICK_MS = 10;

/**
 * Roles by pid and start time, read once per process: a command line does not change after exec, and reading
 * it is most of a sample. Keyed with the start time so a reused pid is read again.
 */
const roles = new Map<string, string | null>();

/** A process younger than this may not have exec'd yet: its command line is still its parent's. */
const SETTLED_MS = 1000;

interface Stat {
  readonly ticks: number;
  /** Clock ticks after boot at which the process started. */
  readonly startTicks: number;
}

function statOf(pid: string): Stat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime and starttime: fields 14, 15 and 22 of stat, 12, 13 and 20 after the name and state.
    return { ticks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
  } catch {
    return undefined; // the process ended while it was read
  }
}

function roleOfPid(pid: string, stat: Stat, uptimeTicks: number): string | null | undefined {
  const key = `${pid}:${stat.startTicks}`;
  const known = roles.get(key);
  if (known !== undefined) return known;
  let role: string | null;
  try {
    role = roleOf(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')) ?? null;
  } catch {
    return undefined;
  }
  // A child forked by the extension host is, until it execs, a copy of it: ask again next time.
  if ((uptimeTicks - stat.startTicks) * TICK_MS >= SETTLED_MS) roles.set(key, role);
  return role;
}

export function schedOf(pid: string): Sched | undefined {
  try {
    const [run, queued] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(queued) ? { runMs: run! / 1e6, queuedMs: queued! / 1e6 } : undefined;
  } catch {
    return undefined; // ended, or a kernel without schedstats
  }
}

export function sample(): CpuSample {
  const byPid: ProcessTicks = new Map();
  const serverSched = new Map<number, Sched>();
  const uptimeTicks = (Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000) / TICK_MS;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(name);
    if (!stat) continue;
    const role = roleOfPid(name, stat, uptimeTicks);
    if (role) byPid.set(Number(name), { role, ticks: stat.ticks });
    const sched = role === 'language server' ? schedOf(name) : undefined;
    if (sched) serverSched.set(Number(name), sched);
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const machine = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
  const self = process.cpuUsage();
  return { at: Date.now(), byPid, serverSched, machine, selfMs: (self.user + self.system) / 1000 };
}

/** CPU ms by role between two samples, and the machine's rest (other work on the machine). */
export interface CpuShares {
  readonly wallMs: number;
  readonly byRole: Map<string, number>;
  readonly machineMs: number;
  /** The language server's main thread over the window (summed over servers, counted from zero when new). */
  readonly server: Sched;
}

export function sharesBetween(before: CpuSample, after: CpuSample): CpuShares {
  const byRole = new Map<string, number>();
  for (const [pid, now] of after.byPid) {
    // A process started since `before` (or a pid reused since) counts from zero; one that ended before
    // `after` is lost (rare: the session's processes live through the start).
    const was = before.byPid.get(pid);
    const since = was && was.role === now.role && was.ticks <= now.ticks ? was.ticks : 0;
    byRole.set(now.role, (byRole.get(now.role) ?? 0) + (now.ticks - since) * TICK_MS);
  }
  byRole.set('bench (Playwright, sampler)', after.selfMs - before.selfMs);
  let runMs = 0;
  let queuedMs = 0;
  for (const [pid, now] of after.serverSched) {
    const was = before.serverSched.get(pid);
    const from = was && was.runMs <= now.runMs ? was : { runMs: 0, queuedMs: 0 };
    runMs += now.runMs - from.runMs;
    queuedMs += now.queuedMs - from.queuedMs;
  }
  return {
    wallMs: after.at - before.at,
    byRole,
    machineMs: (after.machine - before.machine) * TICK_MS,
    server: { runMs, queuedMs },
  };
}

/** Samples every `intervalMs` until stopped; `between` splits any window of it by process. */
export class CpuTimeline {
  private readonly samples: CpuSample[] = [sample()];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.samples.push(sample()), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.samples.push(sample());
  }

  /** The shares from the last sample at or before `from` to the first at or after `to` (epoch ms). */
  between(from: number, to: number): CpuShares | undefined {
    const before = this.samples.filter((s) => s.at <= from).pop();
    const after = this.samples.find((s) => s.at >= to);
    return before && after ? sharesBetween(before, after) : undefined;
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** One line: the window, then each process's CPU, largest first, then the machine's rest and its idle. */
export function sharesLine(title: string, shares: CpuShares | undefined, cores: number): string {
  if (!shares) return `${title}: (not sampled)`;
  const named = [...shares.byRole.values()].reduce((a, b) => a + b, 0);
  const parts = [...shares.byRole]
    .sort((a, b) => b[1] - a[1])
    .map(([role, cpu]) => `${role} ${ms(cpu)}`)
    .concat(
      `the rest of the machine ${ms(Math.max(0, shares.machineMs - named))}`,
      `idle ${ms(Math.max(0, cores * shares.wallMs - shares.machineMs))}`,
    );
  return `${title} (${ms(shares.wallMs)} of wall clock, ${ms(cores * shares.wallMs)} of CPU on ${cores} cores): ${parts.join(', ')}`;
}

/** Steps shorter than this are not split: the sampler's 50 ms would be most of it. */
export const SHORTEST_STEP_MS = 100;

/** The processes of one kind summed: the browser's several, the rest each its own. */
function groupOf(role: string): string {
  return role.startsWith('browser') ? 'browser' : role;
}

/** What the language server's main thread did over a window, by the largest part. */
export type ServerState = 'running' | 'starved' | 'asleep';

/**
 * The server's main thread over a window: on a core, runnable but waiting for one (the cores were
 * others'), or asleep (waiting for a message, a timer, a file: ours to look at), whichever was longest.
 * The thread's time before its process existed counts as asleep.
 */
export function serverState(shares: CpuShares): { state: ServerState; sleptMs: number } {
  const { runMs, queuedMs } = shares.server;
  const sleptMs = Math.max(0, shares.wallMs - runMs - queuedMs);
  const state = sleptMs >= runMs && sleptMs >= queuedMs ? 'asleep' : queuedMs > runMs ? 'starved' : 'running';
  return { state, sleptMs };
}

/**
 * One step of the start-up trace (`stepMs` long): the language server's main thread (on a core, waiting
 * for one, asleep) and which processes had the cores, largest first, over the samples around the step.
 */
export function stepLine(shares: CpuShares | undefined, cores: number, stepMs: number): string | undefined {
  if (!shares || stepMs < SHORTEST_STEP_MS) return undefined;
  const grouped = new Map<string, number>();
  for (const [role, cpu] of shares.byRole) grouped.set(groupOf(role), (grouped.get(groupOf(role)) ?? 0) + cpu);
  const named = [...shares.byRole.values()].reduce((a, b) => a + b, 0);
  const { state, sleptMs } = serverState(shares);
  const cpu = [...grouped]
    .filter(([, used]) => used >= TICK_MS)
    .sort((a, b) => b[1] - a[1])
    .map(([role, used]) => `${role} ${ms(used)}`)
    .concat(
      `rest of the machine ${ms(Math.max(0, shares.machineMs - named))}`,
      `idle ${ms(Math.max(0, cores * shares.wallMs - shares.machineMs))}`,
    );
  // The samples around a step span more than it (the sampler's 50 ms, and more when it waits for a core
  // itself): the window's length is printed so a short step's figures are read as the window's.
  return `[${ms(shares.wallMs)} of samples: server's main thread ${state.toUpperCase()}: on a core ${ms(shares.server.runMs)}, waiting for one ${ms(shares.server.queuedMs)}, asleep ${ms(sleptMs)} | CPU: ${cpu.join(', ')}]`;
}
