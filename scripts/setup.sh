#!/usr/bin/env bash
# Installs everything, builds the extension and its VSIX, then runs the main job on the embedded
# default: every seed query of examples/vm-insights.kql on the bundled sample workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
npm run package
node bin/kql.js -f examples/vm-insights.kql --format table
