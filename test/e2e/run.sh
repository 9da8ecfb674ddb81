#!/usr/bin/env bash
# The end-to-end scenarios in a real VS Code: installs code-server and Chromium once (setup.sh), builds the
# VSIX if it is missing, then runs test/e2e/scenarios.test.ts, which installs the VSIX into a throwaway
# code-server, opens a workspace of .kql files and drives the workbench with headless Chromium.
# Screenshots: docs/screenshots/e2e-*.png.
#   KQL_VSIX=path      test that VSIX instead of dist-vsix/connection-analytics.vsix
#   KQL_E2E_KEEP=1     keep the server's log and user data dir (they are kept anyway when a scenario fails)
#   E2E_CACHE=dir      where setup.sh installs code-server (default /var/cache/kql-e2e)
#   KQL_E2E_TRACE=dir  write a Playwright trace of each scenario's actions and their times to dir
#                      (main-<n>.zip; own-<time>.zip for a second window): where a scenario spends its time
#   KQL_E2E_SHARDS=n   run the scenarios in n processes at once, each with its own code-server and Chromium,
#                      each taking the next scenario no other has taken (test/e2e/shards.ts); their lines
#                      are prefixed [e2e i/n]. Default 2, or 1 with KQL_E2E_ONLY or KQL_E2E_TRACE.
#   KQL_E2E_RETRIES=n  further attempts a failed scenario gets on a reopened workbench (default 1; see
#                      test/e2e/attempts.ts); the scenarios that needed one are listed at the end.
#                      KQL_E2E_FAIL_FIRST=n fails scenario n's first attempt, to check that path
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS

CODE_SERVER_DIR="$(bash test/e2e/setup.sh | tail -n 1)"
export CODE_SERVER_DIR

if [ -n "${KQL_VSIX:-}" ]; then
  [ -f "$KQL_VSIX" ] || { echo "[e2e] KQL_VSIX=$KQL_VSIX does not exist" >&2; exit 2; }
else
  KQL_VSIX="$PWD/dist-vsix/connection-analytics.vsix"
  if [ ! -f "$KQL_VSIX" ]; then
    echo "[e2e] no VSIX at $KQL_VSIX: packaging it"
    mkdir -p dist-vsix
    npm run package
  fi
fi
export KQL_VSIX
# The scenarios compare the grid with the kql CLI's output.
[ -f dist/cli.js ] || npm run build

# The scenarios mostly wait on a browser: two processes at once use the 2 cores the waits leave idle.
shards="${KQL_E2E_SHARDS:-}"
if [ -z "$shards" ]; then
  if [ -n "${KQL_E2E_ONLY:-}${KQL_E2E_TRACE:-}" ]; then shards=1; else shards=2; fi
fi
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "[e2e] KQL_E2E_SHARDS=$shards is not a positive number" >&2; exit 2; }

# Each server runs in its own process group; if Node dies before stopping it, end that group (and only it).
pidfiles=()
claims=""
KQL_E2E_RETRIED="$(mktemp -t kql-e2e-retried.XXXXXX)"
export KQL_E2E_RETRIED
cleanup() {
  rm -f "$KQL_E2E_RETRIED"
  for pidfile in "${pidfiles[@]}"; do
    if [ -s "$pidfile" ]; then
      kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  if [ -n "$claims" ]; then rm -rf "$claims"; fi
}
trap cleanup EXIT INT TERM

scenarios() {
  node --import tsx --test --test-reporter=spec --test-concurrency=1 test/e2e/scenarios.test.ts
}

status=0
if [ "$shards" -eq 1 ]; then
  pidfiles+=("$(mktemp -t kql-e2e-server-pgid.XXXXXX)")
  KQL_E2E_PIDFILE="${pidfiles[0]}" scenarios || status=$?
else
  claims="$(mktemp -d -t kql-e2e-claims.XXXXXX)"
  pids=()
  for i in $(seq 1 "$shards"); do
    pidfiles+=("$(mktemp -t kql-e2e-server-pgid.XXXXXX)")
    # Each shard's lines as they come, prefixed; its exit status is node's, not sed's.
    (
      set -o pipefail
      KQL_E2E_PIDFILE="${pidfiles[$((i - 1))]}" KQL_E2E_CLAIMS="$claims" \
        scenarios 2>&1 | sed -u "s|^|[e2e $i/$shards] |"
    ) &
    pids+=("$!")
  done
  for i in "${!pids[@]}"; do
    shard_status=0
    wait "${pids[$i]}" || shard_status=$?
    if [ "$shard_status" -ne 0 ]; then
      echo "[e2e] shard $((i + 1))/$shards failed (exit $shard_status)"
      status=$shard_status
    fi
  done
fi
if [ -s "$KQL_E2E_RETRIED" ]; then
  echo "[e2e] scenarios that failed an attempt and ran again (a second failure fails the run):"
  sed 's/^/[e2e]   /' "$KQL_E2E_RETRIED"
fi
echo "[e2e] finished in $((SECONDS - started)) s ($shards at once); screenshots in docs/screenshots/"
exit "$status"
