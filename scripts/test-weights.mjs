// The seconds each unit test file took in the last run, kept beside the machine's other temporary files
// (a clean clone of CI on the same machine finds it): the runner starts the heaviest files first
// (scripts/test-plan.mjs). Only an order hint: a missing or unreadable record gives the default order.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const weightsFile = () =>
  process.env.KQL_TEST_WEIGHTS_FILE || path.join(os.tmpdir(), 'kql-unit-test-seconds.json');

/** Seconds per file, by its path relative to the repository (as `npm test` names it). */
export function readFileWeights(file = weightsFile()) {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  } catch {
    return {};
  }
}

/** Adds this run's seconds to the record (a subset run keeps the other files' seconds), atomically. */
export function writeFileWeights(seconds, file = weightsFile()) {
  try {
    const merged = { ...readFileWeights(file) };
    for (const [f, s] of Object.entries(seconds)) {
      if (Number.isFinite(s) && s >= 0) merged[f] = Math.round(s * 10) / 10;
    }
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(merged, null, 1)}\n`);
    fs.renameSync(tmp, file);
  } catch {
    // Only a hint for the next run's order.
  }
}
