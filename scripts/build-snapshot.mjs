// Builds the `kql` command's V8 startup snapshot (dist/cli.snapshot.blob, see src/cli/snapshot.ts) for
// the Node that runs this script; bin/kql.js uses it only under that same Node version.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const entry = path.join(root, 'dist', 'cliSnapshot.js');
const blob = path.join(root, 'dist', 'cli.snapshot.blob');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/snapshot.ts'],
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', '@kusto/language-service-next'],
  mainFields: ['module', 'main'],
  // Every character of the bundle's text is kept in the snapshot and read back by each run.
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const started = Date.now();
const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KQL_KUSTO_DIR: path.join(root, 'node_modules', '@kusto', 'language-service-next') },
});
if (r.status !== 0) {
  fs.rmSync(blob, { force: true });
  console.error(`The kql startup snapshot could not be built (exit ${r.status ?? r.signal}); kql starts without it.`);
  process.exit(1);
}
fs.writeFileSync(`${blob}.json`, JSON.stringify({ node: process.version, arch: process.arch }));
console.log(
  `dist/cli.snapshot.blob (${(fs.statSync(blob).size / 1048576).toFixed(0)} MB) built in ${((Date.now() - started) / 1000).toFixed(1)} s for Node ${process.version}`,
);
