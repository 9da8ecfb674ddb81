/**
 * Run in a child process by optimizerHold.test.ts (V8's flags are process-wide): `node
 * --allow-natives-syntax --import tsx optimizerHoldProbe.ts MODE`, printing one JSON line.
 *   analysis  held from the start: whether V8 optimizes while held, and after the first analysis ends
 *   failed    the same, the first analysis thrown (cancelled) instead of answered
 *   timer     no analysis: the timer ends the hold
 *   own       the process was given its own --max-opt: no hold
 */

import { holdUntilFirstAnalysis } from '../../src/cli/optimizerHold';
import { analyze } from '../../src/kql';
import { optimized } from '../v8Optimization';

const mode = process.argv[2];
const out: Record<string, unknown> = {};
let releasedMs: number | undefined;
const told = (ms: number) => (releasedMs = ms);
async function main(): Promise<void> {
  if (mode === 'own') {
    out.held = holdUntilFirstAnalysis({}, ['--max-opt=2'], 60_000, told);
    out.optimized = optimized((x) => x * 7 + 3);
  } else {
    out.held = holdUntilFirstAnalysis({}, [], mode === 'timer' ? 50 : 60_000, told);
    out.optimizedWhileHeld = optimized((x) => x * 3 + 1);
    if (mode === 'analysis') {
      out.errors = analyze('print x = 1 | where nosuchcolumn > 0').diagnostics.length;
    } else if (mode === 'failed') {
      try {
        analyze('print 1', { isCancelled: () => true });
        out.threw = false;
      } catch {
        out.threw = true;
      }
    } else {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    out.releasedMs = releasedMs;
    out.optimizedAfter = optimized((x) => x * 5 + 2);
    // A later analysis is not held again.
    analyze('print 2');
    out.optimizedLater = optimized((x) => x * 11 + 4);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
