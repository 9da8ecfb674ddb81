/**
 * The local engine's side of `bench/e2e.ts`: where a start's first Run went (the engine's start-up trace,
 * which the extension logs after the first answer: src/backends/local/startupTrace.ts), and who had the
 * machine's 2 cores meanwhile (bench/startupCpu.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTraceLine, type StartupTrace, tracePhases } from '../src/backends/local/startupTrace';
import { type CpuShares, sharesLine } from './startupCpu';

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
    console.log(
      `    ${sharesLine("CPU while the first Run's lens was awaited, clicked and answered", shares, os.cpus().length)}`,
    );
  }
}
