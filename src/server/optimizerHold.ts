/**
 * V8's optimizing compiler (TurboFan) held off from the server's start until its first diagnostics are
 * out. What runs before them runs once: Kusto.Language's scripts defining some thousands of Bridge.NET
 * types, its static initialisers (`GlobalState.Default`), the first query's parse and bind. TurboFan
 * still compiles the hottest of those functions on background threads, code that is then hardly run
 * again; on two busy cores that compilation competes with the start itself. Measured without a snapshot
 * (`LS_BENCH_B_ENV='KQL_LS_HOLD_OPTIMIZER=0' npx tsx bench/lsStartup.ts 7 variants`, load 13): the
 * server's CPU to its first diagnostics 730 → 495 ms (0.68×), its main thread's unchanged (420 / 430 ms):
 * what goes is background compilation. The interpreter and Sparkplug still run; after the first
 * diagnostics the flag is set back and the rest of the session optimizes as before (standalone, a process
 * that kept it off analysed the example file 1.3–1.4× slower in steady state; one that set it back, as
 * fast as one that never held it). Only when code is compiled changes, never what it computes.
 *
 * V8's flags are process-wide and set at run time here (`v8.setFlagsFromString`): Node starts V8 with
 * `--no-freeze-flags-after-init` so that this works, and Electron (whose Node runs the server in desktop
 * VS Code) passes the same flag (electron/electron#42414); checked here on Node 20 only. Where a V8
 * froze its flags, setting one aborts the process (nw.js did: "Check failed: !IsFrozen()"), which no
 * catch can stop. So the hold leaves a marker file in the code cache's folder just before it sets the
 * flag and removes it when it gives the optimizer back: a start that finds the marker ended while it
 * held (that abort, or a window closed in that second) and never holds again for that folder, whose
 * key includes the runtime's and the extension's versions. The language client restarts a server that
 * died, so such a runtime costs one restart, once. Without that folder (a start from the snapshot,
 * where only Node runs the server) nothing is written. A process given its own say on the optimizer (a
 * flag in execArgv or NODE_OPTIONS) is left alone, and `KQL_LS_HOLD_OPTIMIZER=0` turns the hold off (the
 * bench's other variant).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CODE_CACHE_DIR_ENV } from '../protocol/codeCache';

export const OPTIMIZER_HOLD_ENV = 'KQL_LS_HOLD_OPTIMIZER';

/** Flags by which a user or a test already decided the optimizer's tiers: then nothing is changed. */
const OWN_SAY = /--(no-)?(turbofan|opt|maglev|sparkplug|jitless|max-opt|always-opt|always-turbofan)\b/;

let held = false;
/** Whether this process ever held it: then its start ran under `--no-turbofan`. */
let heldOnce = false;
let heldAt = 0;
/** The marker of a hold in progress, removed when it ends (see above). */
let marker: string | undefined;

/** The file that says a start is holding the optimizer: left behind, that start ended while it held. */
export function holdMarkerPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env[CODE_CACHE_DIR_ENV];
  return dir ? path.join(dir, 'optimizer-hold-pending') : undefined;
}

/**
 * Turns TurboFan off until `releaseOptimizer()`, once per process; returns whether it did (false: held
 * before, turned off by the environment's `switchEnv` = 0, or the process was started with its own
 * optimizer flags). Also the `kql` command's hold (src/cli/optimizerHold.ts), with its own switch.
 */
export function holdOptimizer(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
  switchEnv: string = OPTIMIZER_HOLD_ENV,
): boolean {
  if (heldOnce || env[switchEnv] === '0') return false;
  if (OWN_SAY.test([...execArgv, env.NODE_OPTIONS ?? ''].join(' '))) return false;
  const markerPath = holdMarkerPath(env);
  if (markerPath) {
    try {
      // 'wx': fails when the file is there, i.e. an earlier start ended while it held.
      fs.mkdirSync(path.dirname(markerPath), { recursive: true });
      fs.writeFileSync(markerPath, `${process.pid}\n`, { flag: 'wx' });
    } catch {
      return false;
    }
  }
  try {
    v8.setFlagsFromString('--no-turbofan');
  } catch {
    removeMarker(markerPath);
    return false;
  }
  marker = markerPath;
  held = true;
  heldOnce = true;
  heldAt = performance.now();
  return true;
}

/**
 * Gives TurboFan back (idempotent); returns for how many ms it was held, or undefined when it was not.
 */
export function releaseOptimizer(): number | undefined {
  if (!held) return undefined;
  v8.setFlagsFromString('--turbofan');
  held = false;
  removeMarker(marker);
  marker = undefined;
  return performance.now() - heldAt;
}

function removeMarker(file: string | undefined): void {
  if (!file) return;
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // A folder gone or read-only: the next start will not hold, which costs speed only.
  }
}

export function optimizerHeld(): boolean {
  return held;
}

/**
 * Runs `fn` under the flags the process started with. V8 accepts a code cache only under the flags that
 * made it (a hash of them is in the cache, recomputed when a flag changes), and the library's cache is
 * read at start, under the hold, but written after the warm-up, without it: written as is, every start
 * rejected it.
 */
export function withStartFlags<T>(fn: () => T): T {
  if (!heldOnce || held) return fn();
  v8.setFlagsFromString('--no-turbofan');
  try {
    return fn();
  } finally {
    v8.setFlagsFromString('--turbofan');
  }
}
