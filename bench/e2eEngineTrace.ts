/**
 * The local engine's side of `bench/e2e.ts`: where a start's first Run went (the engine's start-up trace,
 * which the extension logs after the first answer: src/backends/local/startupTrace.ts), and who had the
 * machine's 2 cores meanwhile (CPU per process, read from /proc from the click to the paint).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTraceLine, type StartupTrace, tracePhases } from '../src/backends/local/startupTrace';

/** Files under `dir` whose name contains `part`, depth first. */
export function findFiles(dir: string, part: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, part));
    else if (entry.name.includes(part)) found.push(full);
  }
  return found;
}

/** The start-up trace the extension logged in the session begun at `since`, if it did. */
export function engineTrace(userDataDir: string, since: number): StartupTrace | undefined {
  for (const file of findFiles(userDataDir, 'Connection Analytics')) {
    if (file.includes('Language Server') || fs.statSync(file).mtimeMs < since) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const trace = parseTraceLine(line);
      if (trace) return trace;
    }
  }
  return undefined;
}

/** Which part of the session a process is, from its command line. */
function roleOf(cmdline: string): string | undefined {
  // A build, or its check run from the blob written under a temporary name.
  if (cmdline.includes('--build-snapshot') || /\.tmp\b/.test(cmdline)) return 'snapshot builds';
  if (cmdline.includes('/dist/engineWorker.js')) return 'engine process';
  if (cmdline.includes('/dist/server.js')) return 'language server';
  if (cmdline.includes('extensionHost')) return 'extension host (with the engine thread)';
  if (/chrom/i.test(cmdline)) return 'browser';
  if (cmdline.includes('code-server')) return 'code-server';
  return undefined;
}

interface CpuSample {
  /** Clock ticks per process id, with its role. */
  readonly byPid: Map<number, { role: string; ticks: number }>;
  /** Busy ticks of the whole machine (/proc/stat). */
  readonly machine: number;
}

function sample(): CpuSample {
  const byPid = new Map<number, { role: string; ticks: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const role = roleOf(cmdline);
      if (!role) continue;
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command's name and state.
      byPid.set(Number(name), { role, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while it was read.
    }
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const machine = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
  return { byPid, machine };
}

/** CPU ms by role while `run` ran, and the rest of the machine's (other engineers' work, the bench itself). */
export interface CpuShares {
  readonly wallMs: number;
  readonly byRole: Map<string, number>;
  readonly machineMs: number;
}

export async function cpuDuring<T>(run: () => Promise<T>): Promise<{ value: T; shares: CpuShares }> {
  const before = sample();
  const started = Date.now();
  const value = await run();
  const wallMs = Date.now() - started;
  const after = sample();
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const byRole = new Map<string, number>();
  for (const [pid, now] of after.byPid) {
    const was = before.byPid.get(pid)?.ticks ?? 0;
    byRole.set(now.role, (byRole.get(now.role) ?? 0) + (now.ticks - was) * tick);
  }
  return { value, shares: { wallMs, byRole, machineMs: (after.machine - before.machine) * tick } };
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** The engine's section of the report: its phases for the first Run, and the CPU meanwhile. */
export function reportEngineBreakdown(
  title: string,
  trace: StartupTrace | undefined,
  shares: CpuShares | undefined,
): void {
  console.log(`  the first Run's breakdown, ${title}`);
  if (!trace) {
    console.log('    (the extension logged no start-up trace of the local engine)');
  } else {
    const total = trace.receivedAt - Math.min(trace.requestedAt, trace.runAt);
    console.log(
      `    engine ${trace.kind}; asked for ${ms(trace.runAt - trace.requestedAt)} before the Run reached the backend; answered in the extension host ${ms(trace.receivedAt - trace.runAt)} after it (${ms(total)} after the engine was asked for); grammar ${trace.grammar}${trace.cpuMs !== undefined ? `; the engine ${trace.kind}'s own CPU ${ms(trace.cpuMs)}` : ''}`,
    );
    for (const phase of tracePhases(trace)) console.log(`      ${phase.name.padEnd(42)} ${ms(phase.ms).padStart(9)}`);
  }
  if (shares) {
    const named = [...shares.byRole.values()].reduce((a, b) => a + b, 0);
    const parts = [...shares.byRole]
      .sort((a, b) => b[1] - a[1])
      .map(([role, cpu]) => `${role} ${ms(cpu)}`)
      .concat(`the rest of the machine ${ms(Math.max(0, shares.machineMs - named))}`);
    console.log(
      `    CPU while the first Run's lens was awaited, clicked and answered (${ms(shares.wallMs)} of wall clock, at most ${ms(2 * shares.wallMs)} of CPU on 2 cores): ${parts.join(', ')}`,
    );
  }
}
