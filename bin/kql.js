#!/bin/sh
':'; // 2>/dev/null; d="$(dirname "$(readlink -f "$0")")/../dist"; if [ -z "$KQL_NO_SNAPSHOT" ] && [ -f "$d/cli.snapshot.blob" ] && grep -qF "\"node\":\"$(node --version)\"" "$d/cli.snapshot.blob.json" 2>/dev/null; then export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"; exec node --snapshot-blob "$d/cli.snapshot.blob" -- "$@"; fi; exec node "$0" "$@"
// The `kql` command: runs KQL on the embedded engine (see src/cli). Built by `npm run build`.
// Run as a command, the line above is a shell script (to Node, a string and a comment; the formatter
// puts the `;` after the string, so the shell tries to run `//`, a folder, quietly): it starts Node
// from the startup snapshot directly when there is one for this Node, so `kql` pays one Node start,
// not two; otherwise, and under `node bin/kql.js`, this file runs as JavaScript.
// With a startup snapshot built for this Node (`npm run build:snapshot`), the command runs in a Node
// started from it, where Kusto.Language is already initialised: much faster than loading it here.

const path = require('node:path');
const fs = require('node:fs');
const dist = path.join(__dirname, '..', 'dist');
const blob = path.join(dist, 'cli.snapshot.blob');

function snapshotUsable() {
  if (process.env.KQL_NO_SNAPSHOT) {
    return false;
  }
  try {
    const meta = JSON.parse(fs.readFileSync(`${blob}.json`, 'utf8'));
    return meta.node === process.version && meta.arch === process.arch && fs.existsSync(blob);
  } catch {
    return false;
  }
}

/**
 * Node reads the 25 MB snapshot into memory allocated with malloc, and copies it once more: in 4 KB
 * pages that is some 13,000 page faults, about a third of the run's CPU. glibc's `hugetlb=1` has
 * malloc ask for transparent huge pages (where the kernel offers them; ignored elsewhere), which
 * halves the faults. The user's own tunables are kept.
 */
function hugePages(tunables) {
  return `${tunables ? `${tunables}:` : ''}glibc.malloc.hugetlb=1`;
}

if (snapshotUsable()) {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: hugePages(process.env.GLIBC_TUNABLES) },
  });
  if (r.error) {
    process.stderr.write(`kql: ${r.error.message}\n`);
  }
  if (r.signal) {
    // Ended by a signal (Ctrl+C): end the same way, so the shell sees it (130 for SIGINT), not a failure.
    process.kill(process.pid, r.signal);
  }
  process.exitCode = r.status ?? 1;
} else {
  const bundled = path.join(dist, 'cli.js');
  if (!fs.existsSync(bundled)) {
    process.stderr.write('kql: dist/cli.js is missing; run `npm run build` first.\n');
    process.exit(2);
  }
  require(bundled);
}
