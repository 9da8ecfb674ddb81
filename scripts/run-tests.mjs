// Runs every plain-Node test (test/**/*.test.ts except the real-VS Code suites) with Node's test runner.
// Pass file or folder names to run a subset: `npm test -- test/engine`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const skip = new Set(['e2e', 'electron', 'grammar', 'fixtures']);
function find(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) {
        find(p, out);
      }
    } else if (entry.name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.length ? args : ['test'];
const files = roots.flatMap((r) => (fs.statSync(r).isDirectory() ? find(r, []) : [r])).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// The timeout only catches a hung test: under a load average of 20 on two cores a heavy file (the
// language server's statement analysis) took more than 120 s, so it is five minutes.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=300000',
    // Each test as it ends (node's default reporter: spec on a terminal, TAP in a log), then the slowest
    // files: where the unit tests' time goes.
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${new URL('./slowest-test-files.mjs', import.meta.url).pathname}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
