/**
 * Run in a child process by optimizerHold.test.ts (V8's flags are process-wide): `node
 * --allow-natives-syntax --import tsx optimizerHoldProbe.ts MODE [FILE]`, printing one JSON line.
 *   tiers               whether V8 optimizes a hot function while the hold is on, and after its release
 *   write FILE [plain]  a script's code cache made after the release, under the start's flags (or, with
 *                       `plain`, as is), written to FILE
 *   read FILE           whether a process holding the optimizer from its start accepts that cache
 *   marker DIR [die]    a hold with DIR as the code cache's folder: whether its marker is there while held
 *                       and after the release (with `die`, the process ends while it holds, as an abort would)
 */
import * as fs from 'node:fs';
import * as vm from 'node:vm';
import { CODE_CACHE_DIR_ENV } from '../../src/protocol/codeCache';
import { holdMarkerPath, holdOptimizer, releaseOptimizer, withStartFlags } from '../../src/server/optimizerHold';
import { optimized } from '../v8Optimization';

const SOURCE = 'function twice(x) { return x * 2; } twice(21);';
const [mode, file, variant] = process.argv.slice(2);
const env = mode === 'marker' ? { [CODE_CACHE_DIR_ENV]: file! } : {};
const held = holdOptimizer(env, []);
const out: Record<string, unknown> = { held };
if (mode === 'tiers') {
  out.optimizedWhileHeld = optimized((x) => x * 3 + 1);
  out.releasedAfterMs = releaseOptimizer();
  out.optimizedAfter = optimized((x) => x * 5 + 2);
} else if (mode === 'write') {
  const script = new vm.Script(SOURCE, { filename: 'probe.js' });
  script.runInThisContext();
  releaseOptimizer();
  const data = variant === 'plain' ? script.createCachedData() : withStartFlags(() => script.createCachedData());
  fs.writeFileSync(file!, data);
} else if (mode === 'marker') {
  const marker = holdMarkerPath(env)!;
  out.markerWhileHeld = fs.existsSync(marker);
  if (variant === 'die') {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    process.exit(3);
  }
  releaseOptimizer();
  out.markerAfter = fs.existsSync(marker);
} else if (mode === 'read') {
  const script = new vm.Script(SOURCE, { filename: 'probe.js', cachedData: fs.readFileSync(file!) });
  out.rejected = script.cachedDataRejected;
}
process.stdout.write(`${JSON.stringify(out)}\n`);
