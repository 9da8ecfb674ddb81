// A node:test reporter that prints, once every file has run, the test files that took longest: a file of
// its own process with its start and imports (the runner's own event for the file), a file in a shared
// process without them (its suite, scripts/test-batch.cjs), and how long the shared processes took in
// all. CI's log then says which files make the unit tests long, without a second run. KQL_SLOWEST_FILES=n
// prints n of them (default 15). It also records each file's seconds for the next run's order
// (scripts/test-weights.mjs).
import * as path from 'node:path';
import { writeFileWeights } from './test-weights.mjs';

const isGroup = (file) => /shared-\d+\.test\.cjs$/.test(file ?? '');

export default async function* slowestTestFiles(source) {
  const perFile = new Map();
  let groups = 0;
  let groupsMs = 0;
  for await (const event of source) {
    const { file, name, nesting, details } = event.data ?? {};
    if (event.type !== 'test:complete' || nesting !== 0 || !file) continue;
    if (name === file && isGroup(file)) {
      groups++;
      groupsMs += details?.duration_ms ?? 0;
    } else if (name === file) {
      perFile.set(path.relative(process.cwd(), file), { ms: details?.duration_ms ?? 0, shared: false });
    } else if (details?.type === 'suite' && name.endsWith('.test.ts')) {
      // A file's suite in a shared process (the event's file is where the suite was declared).
      perFile.set(name, { ms: details?.duration_ms ?? 0, shared: true });
    }
  }
  writeFileWeights(Object.fromEntries([...perFile].map(([f, { ms }]) => [f, ms / 1000])));
  const count = Number(process.env.KQL_SLOWEST_FILES ?? 15);
  const ranked = [...perFile].sort((a, b) => b[1].ms - a[1].ms).slice(0, count);
  const own = [...perFile.values()].filter((f) => !f.shared);
  const ownMs = own.reduce((a, f) => a + f.ms, 0);
  yield `\nslowest test files (a file of its own process with its start, a shared one without; all ${perFile.size} files: ${own.length} in their own processes ${(ownMs / 1000).toFixed(0)} s, ${perFile.size - own.length} in ${groups} shared processes ${(groupsMs / 1000).toFixed(0)} s):\n`;
  for (const [file, { ms, shared }] of ranked) {
    yield `${(ms / 1000).toFixed(1).padStart(8)} s  ${file}${shared ? '  (shared process)' : ''}\n`;
  }
}
