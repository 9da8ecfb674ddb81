/**
 * The `kql` command's V8 startup snapshot (built by `npm run build:snapshot` into dist/cli.snapshot.blob,
 * used by bin/kql.js): Kusto.Language loaded and its first analysis done at build time, so a run
 * starts with the library initialised instead of paying seconds for it. Node builds the snapshot by
 * running this file with `--build-snapshot`; only Node's own modules can be required then, which is
 * why the library's two global scripts are evaluated from their text here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { runLocalQuery } from '../backends/local/runQuery';
import { sampleDatabase } from '../data/sample';
import { runCli } from './cli';
import { cliIo, exitWhenFlushed } from './io';

const dir = process.env.KQL_KUSTO_DIR ?? path.join(__dirname, 'kusto');
for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
  // Indirect eval: the scripts declare the Bridge, System and Kusto globals, as when loaded by require.
  // biome-ignore lint/security/noGlobalEval: the snapshot builder runs the installed library's own files, never user input.
  (0, eval)(fs.readFileSync(path.join(dir, file), 'utf8'));
}
// The library's first analysis initialises most of it (the function and operator tables, the parser).
runLocalQuery(
  sampleDatabase({ now: new Date('2026-01-01T00:00:00Z') }),
  'print 1 | extend x = strlen("a") | summarize count() by x',
);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // In a process started from a snapshot, the user's arguments follow the node executable.
  runCli(process.argv.slice(1), cliIo()).then(
    (code) => exitWhenFlushed(code),
    (e: unknown) => {
      process.stderr.write(`kql: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
});
