#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs (npm packages; Debian packages for the
# real-VS Code tests), builds, typechecks, runs the unit, grammar and VSIX tests, then the end-to-end
# scenarios in a real VS Code (code-server) driven by headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }

step "install npm packages"
# npm install (not ci): it keeps an existing node_modules; the lock is in sync, so the versions are the locked ones.
npm install --no-audit --no-fund
step "build"
npm run build
step "typecheck"
npm run typecheck
step "lint"
npm run lint
step "grammar tests"
npm run test:grammar
step "package VSIX"
npm run package
step "unit tests"
npm test
if [ "${SKIP_E2E:-}" != "1" ]; then
  step "end-to-end tests in a real VS Code"
  npm run test:e2e
fi
