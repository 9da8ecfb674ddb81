import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const repo = path.resolve(__dirname, '../..');

test("the run's end repeats each shard's failure with its error, the counts and run.sh's lines, not the passes", () => {
  const out = execFileSync('bash', [
    path.join(repo, 'scripts/e2e-summary.sh'),
    path.join(__dirname, 'fixtures/two-shards-one-failure.txt'),
  ]).toString();
  assert.match(out, /\[e2e 1\/2\] {3}Error: the grid: not seen within 60 s/);
  assert.match(out, /\[e2e\] shard 1\/2 failed \(exit 1\)/);
  assert.match(out, /\[e2e 2\/2\] ℹ pass 34/);
  // Shard 2's lines after shard 1's failure section are not taken for part of it.
  assert.doesNotMatch(out, /✔/);
});
