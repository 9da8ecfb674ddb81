// Runs every plain-Node test (test/**/*.test.ts except the real-VS Code suites) with Node's test runner.
// Pass file or folder names to run a subset: `npm test -- test/engine`.
// Most files share a process with others (scripts/test-plan.mjs says which and why); KQL_TEST_ISOLATE=1
// runs each file in a process of its own.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ownProcessReason, planUnits } from './test-plan.mjs';
import { readFileWeights } from './test-weights.mjs';

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
// language server's statement analysis) took more than 120 s, so it is five minutes a file. Node's runner
// applies its --test-timeout to each process as well as to each test in it, so the processes get three
// times that (a group of files is planned at about 60 s, a group took 300 s at a load average of 30) and
// each file in a group keeps its five minutes (scripts/test-batch.cjs).
const FILE_TIMEOUT_MS = 300_000;
const PROCESS_TIMEOUT_MS = 3 * FILE_TIMEOUT_MS;

const isolateAll = process.env.KQL_TEST_ISOLATE === '1';
const units = planUnits(files, {
  isolate: (f) => isolateAll || ownProcessReason(f) !== undefined,
  weights: readFileWeights(),
});
// Each shared group is a small generated file that runs its files through scripts/test-batch.cjs.
const groupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-unit-groups-'));
const batch = new URL('./test-batch.cjs', import.meta.url).pathname;
const runnerFiles = units.map((unit, i) => {
  if (!unit.shared) return unit.files[0];
  const group = path.join(groupDir, `shared-${String(i + 1).padStart(3, '0')}.test.cjs`);
  const absolute = unit.files.map((f) => path.resolve(f));
  const options = JSON.stringify({ fileTimeoutMs: FILE_TIMEOUT_MS });
  fs.writeFileSync(group, `require(${JSON.stringify(batch)})(${JSON.stringify(absolute, null, 1)}, ${options});\n`);
  return group;
});
const sharedFiles = units.filter((u) => u.shared).reduce((n, u) => n + u.files.length, 0);
console.log(
  `${files.length} test files: ${files.length - sharedFiles} in a process each, ${sharedFiles} in ${units.length - (files.length - sharedFiles)} shared processes`,
);

let result;
try {
  result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      `--test-timeout=${PROCESS_TIMEOUT_MS}`,
      // Each test as it ends (node's default reporter: spec on a terminal, TAP in a log), then the slowest
      // files: where the unit tests' time goes.
      `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
      '--test-reporter-destination=stdout',
      `--test-reporter=${new URL('./slowest-test-files.mjs', import.meta.url).pathname}`,
      '--test-reporter-destination=stdout',
      ...runnerFiles,
    ],
    { stdio: 'inherit' },
  );
} finally {
  fs.rmSync(groupDir, { recursive: true, force: true });
}
process.exit(result.status ?? 1);
