/**
 * The server's side of the start-up trace (src/protocol/startupTrace.ts). Imported first by main.ts, so
 * `scriptStart` is when Node began evaluating the bundle; from the snapshot the deserialisation has
 * already happened, and snapshot.ts records when its main function ran.
 */
import * as fs from 'node:fs';
import { StartupTrace } from '../protocol/startupTrace';

export const serverTrace = new StartupTrace();

/**
 * When the kernel started this process, on the epoch clock: its age from /proc (10 ms ticks) taken from
 * now. Node's own `performance.timeOrigin` is not that moment in a process started from a snapshot.
 */
function processStartedAt(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Field 22 (starttime, in clock ticks since boot), counted after the command name's closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const uptime = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const ageMs = (uptime - startTicks / 100) * 1000;
    return Number.isFinite(ageMs) && ageMs >= 0 ? Date.now() - ageMs : undefined;
  } catch {
    return undefined; // Not Linux: the trace starts at Node's time origin.
  }
}

const started = processStartedAt();
if (started !== undefined) serverTrace.mark('processStart', started);
serverTrace.mark('nodeTimeOrigin', performance.timeOrigin);
const deserialised = (globalThis as { __kqlDeserialisedAt?: number }).__kqlDeserialisedAt;
if (deserialised !== undefined) serverTrace.mark('snapshotMain', deserialised);
serverTrace.mark('scriptStart');

/**
 * CPU the process's main thread has used, in ms (Linux: /proc, 10 ms ticks), or undefined elsewhere.
 * `process.cpuUsage()` adds V8's background threads (garbage collection, optimizing compilation), which
 * a busy machine's other cores may absorb; the main thread's is what the first diagnostics wait on.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime), counted after the command name's closing paren.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
