// Tests that start a child process (the `kql` command, the language server) start the built bundle in
// dist/ instead of compiling src/ with tsx in every child, which cost each start about 0.6 s of CPU — many
// seconds a file on a loaded machine. A bundle is used only when it is at least as new as every file in
// src/, so a test never runs code older than the source it is meant to test: after an edit without
// `npm run build`, or in a clone never built, the children compile src/ as before. KQL_TEST_FROM_SOURCE=1
// always compiles src/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

let newestSource: number | undefined;

/** The absolute path of dist/<name> when it is built and current (see above), else undefined. */
export function currentBundle(name: string): string | undefined {
  if (process.env.KQL_TEST_FROM_SOURCE) return undefined;
  const bundle = path.join(ROOT, 'dist', name);
  try {
    const built = fs.statSync(bundle).mtimeMs;
    newestSource ??= newestUnder(path.join(ROOT, 'src'));
    return built >= newestSource ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The local engine's worker for tests of what uses the engine (the Machines view, the UI): the built
 * dist/engineWorker.js when current, else src/ through tsx, which compiled the engine again in every
 * worker (each backend starts one). The worker's own tests (test/backends/local) keep the source.
 */
export function engineWorkerScript(): string {
  return currentBundle('engineWorker.js') ?? path.join(ROOT, 'src/backends/local/engineWorker.ts');
}
