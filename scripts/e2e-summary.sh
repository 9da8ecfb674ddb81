#!/usr/bin/env bash
# The verdict lines of an end-to-end run's output (test/e2e/run.sh, one or several shards): each failed
# scenario with the first lines of its error, the scenarios that needed a second attempt, and the counts.
# scripts/test-all.sh prints them at the very end, where a CI excerpt of the run's last lines shows them.
set -euo pipefail
log="${1:?usage: e2e-summary.sh OUTPUT_FILE}"
# Node's spec reporter ends each run with "✖ failing tests:" and each failure's error below it.
# Shards interleave their lines, so each shard's place is kept by its "[e2e i/n] " prefix.
awk '
  {
    shard = ""
    if (match($0, /^\[e2e [0-9]+\/[0-9]+\] /)) shard = substr($0, 1, RLENGTH)
  }
  /failing tests:/ { failures[shard] = 1; shown[shard] = 0 }
  failures[shard] { if (shown[shard]++ < 60) print; next }
  /✖/ { print; next }
  /^(\[e2e [0-9]+\/[0-9]+\] )?ℹ (tests|pass|fail|cancelled|skipped|duration_ms)/ { print; next }
  /^\[e2e\]/ { print; next }
' "$log"
