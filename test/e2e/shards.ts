/**
 * run.sh may run the scenarios in several processes at once (KQL_E2E_SHARDS), each with its own
 * code-server and Chromium. They share no list of who runs what: each walks every scenario in the order
 * of scenarios.test.ts and runs the next one no other has claimed, so the work evens out whatever each
 * scenario takes. A claim is a directory made in KQL_E2E_CLAIMS; making it fails if it exists, so
 * exactly one shard wins each scenario.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when this process should run scenario `n` (always, when run.sh runs a single process). */
export function claimScenario(n: string, claims = process.env.KQL_E2E_CLAIMS): boolean {
  if (!claims) {
    return true;
  }
  try {
    fs.mkdirSync(path.join(claims, n));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw e;
  }
}
