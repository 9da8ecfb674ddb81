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

# The server runs in its own process group; if Node dies before stopping it, end that group (and only it).
KQL_E2E_PIDFILE="$(mktemp -t kql-e2e-server-pgid.XXXXXX)"
export KQL_E2E_PIDFILE
cleanup() {
  if [ -s "$KQL_E2E_PIDFILE" ]; then
    kill -TERM -- "-$(cat "$KQL_E2E_PIDFILE")" 2>/dev/null || true
  fi
  rm -f "$KQL_E2E_PIDFILE"
}
trap cleanup EXIT INT TERM

status=0
node --import tsx --test --test-reporter=spec --test-concurrency=1 test/e2e/scenarios.test.ts || status=$?
echo "[e2e] finished in $((SECONDS - started)) s; screenshots in docs/screenshots/"
exit "$status"
