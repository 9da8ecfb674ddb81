#!/usr/bin/env bash
# Installs everything, builds the extension and its VSIX, then runs the main job on the embedded
# default: every seed query of examples/vm-insights.kql on the bundled sample workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm install (not ci): npm ci rejects this lock over optional platform packages of @duckdb/node-api it never installs.
npm install --no-audit --no-fund
npm run build
npm run package
node bin/kql.js -f examples/vm-insights.kql --format table
