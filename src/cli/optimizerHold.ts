/**
 * The `kql` command without its startup snapshot holds V8's optimizing compiler, as the language server
 * does (src/server/optimizerHold.ts, which sets and keeps the flag), from its start to the end of its first
 * analysis: Kusto.Language's load and first parse and bind run once, and TurboFan compiling them on
 * background threads is CPU spent for nothing. Ended at the first analysis, not the first answer: the
 * engine's own work (the sample fleet, the query's operators) is hot code that TurboFan pays for. `node
 * dist/cli.js` over the sample, in turns with `KQL_HOLD_OPTIMIZER=0`, medians of 9 at load 14–24: `print 1`
 * 0.77× the CPU (553 against 716 ms), a seed query (a join and a summarize) 0.78× (734 against 942 ms);
 * the whole run under `--no-turbofan` made the seed query 1.19× slower. From the startup snapshot (the
 * library's start done at build time) the same hold gave 1.02× and 1.03×, so the snapshot's entry, and
 * the engine's process that starts from one, do not hold; the engine's worker thread in the extension
 * host must not (V8's flags are the whole process's: VS Code's and every extension's code). Only over
 * the sample workspace: with `--data`, files may be loaded (in worker threads too) before any analysis.
 * `kql check` is not held either: it analyses a whole file, where the optimizer earns its keep. A timer
 * ends the hold if no analysis comes.
 */
import { onFirstAnalysisEnd } from '../kql/analyze';
import { holdOptimizer, releaseOptimizer } from '../server/optimizerHold';

/** `KQL_HOLD_OPTIMIZER=0` turns the hold off (the measurement's other variant). */
export const CLI_OPTIMIZER_HOLD_ENV = 'KQL_HOLD_OPTIMIZER';

/** How long the hold may last when no analysis ends it (a run that fails before its first query). */
export const CLI_HOLD_TIMEOUT_MS = 10_000;

/**
 * Holds the optimizer until the first analysis ends or `timeoutMs` passes; returns whether it held. The
 * callback `released` (tests) is told how long it was held.
 */
export function holdUntilFirstAnalysis(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  timeoutMs = CLI_HOLD_TIMEOUT_MS,
  released?: (heldMs: number) => void,
): boolean {
  if (!holdOptimizer(env, execArgv, CLI_OPTIMIZER_HOLD_ENV)) {
    return false;
  }
  const release = () => {
    clearTimeout(timer);
    onFirstAnalysisEnd(undefined);
    const heldMs = releaseOptimizer();
    if (heldMs !== undefined) {
      released?.(heldMs);
    }
  };
  // Unref'd: a run that ends before it must not wait for it.
  const timer = setTimeout(release, timeoutMs);
  timer.unref();
  onFirstAnalysisEnd(release);
  return true;
}
