// A node:test reporter that prints, once every file has run, the test files that took longest: each file's
// whole run, its process's start and imports included (the runner's own event for the file). CI's log then
// says which files make the unit tests long, without a second run. KQL_SLOWEST_FILES=n prints n of them
// (default 15).
import * as path from 'node:path';

export default async function* slowestTestFiles(source) {
  const perFile = new Map();
  for await (const event of source) {
    const { file, name, nesting, details } = event.data ?? {};
    if (event.type === 'test:complete' && nesting === 0 && file && name === file) {
      perFile.set(file, details?.duration_ms ?? 0);
    }
  }
  const count = Number(process.env.KQL_SLOWEST_FILES ?? 15);
  const ranked = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, count);
  const total = [...perFile.values()].reduce((a, b) => a + b, 0);
  yield `\nslowest test files (each file's run, its start included; all ${perFile.size} files: ${(total / 1000).toFixed(0)} s):\n`;
  for (const [file, ms] of ranked) {
    yield `${(ms / 1000).toFixed(1).padStart(8)} s  ${path.relative(process.cwd(), file)}\n`;
  }
}
