/**
 * The local engine's V8 startup snapshot: Kusto.Language loaded and the engine's first analyses done at
 * build time (the parser's per-schema tables alone cost 3–7 s of CPU on a query's first analysis), so an
 * engine process started from it (engineProcess.ts) answers its first query without that. Built in the
 * background by the extension with the extension host's own Node and the engine's heap flag, as the
 * language server's is (src/server/snapshot.ts); only Node's own modules can be required while it is
 * built, which is why the library's two global scripts are evaluated from their text here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { sampleDatabase } from '../../data/sample';
import { SNAPSHOT_CHECK_ANSWER, SNAPSHOT_CHECK_ENV, SNAPSHOT_KUSTO_DIR_ENV } from '../../protocol/serverSnapshot';
import { runLocalQuery } from './runQuery';

const dir = process.env[SNAPSHOT_KUSTO_DIR_ENV] ?? path.join(__dirname, 'kusto');
for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
  // Indirect eval: the scripts declare the Bridge, System and Kusto globals, as when loaded by require.
  // biome-ignore lint/security/noGlobalEval: the snapshot builder runs the installed library's own files, never user input.
  (0, eval)(fs.readFileSync(path.join(dir, file), 'utf8'));
}

// Representative VM insights queries over the catalogue's tables: the library's function and operator
// tables, its parser for this schema, and the engine's lowering of the common operators. The database
// is not kept (the process loads its own data when started); only what the library caches is.
function warmTheEngine(): void {
  const warmUpDb = sampleDatabase({ now: new Date('2026-01-01T00:00:00Z') });
  for (const query of WARM_UP_QUERIES) {
    try {
      runLocalQuery(warmUpDb, query);
    } catch {
      // A warm-up query the engine cannot run still warmed the library's parse and bind.
    }
  }
}
const WARM_UP_QUERIES = [
  'VMBoundPort | distinct Computer, Port, ProcessName',
  'VMConnection | where TimeGenerated > ago(1h) and Direction == "outbound" | summarize sum(BytesSent), count() by bin(TimeGenerated, 5m), Computer | top 10 by count_',
  'VMComputer | join kind=leftouter (VMProcess | project Computer, ExecutableName) on Computer | extend n = strlen(Computer) | project Computer, n, ExecutableName | take 5',
];
warmTheEngine();

v8.startupSnapshot.setDeserializeMainFunction(() => {
  if (process.env[SNAPSHOT_CHECK_ENV]) {
    process.stdout.write(`${SNAPSHOT_CHECK_ANSWER}\n`);
    return;
  }
  // The engine's message loop starts when first required: here, in the started process.
  require('./engineWorker');
});
