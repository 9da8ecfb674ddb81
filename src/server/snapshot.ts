/**
 * The language server's V8 startup snapshot: Kusto.Language loaded, its first analysis and the server's
 * warm-up done at build time, so a server started from it (`node --snapshot-blob … dist/server.js`)
 * answers its first document without paying seconds of the library's start-up. The extension builds it
 * in the background with the extension host's own Node (src/ui/startupSnapshot); Node builds it by
 * running this file with `--build-snapshot`, where only Node's own modules can be required, which is
 * why the library's two global scripts are evaluated from their text here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { deferQueryGrammar } from '../kql';
import { BlockAnalyzer } from './blockAnalysis';
import { SNAPSHOT_CHECK_ANSWER, SNAPSHOT_CHECK_ENV, SNAPSHOT_KUSTO_DIR_ENV } from '../protocol/serverSnapshot';
import { warmUp } from './warmUp';

// Nothing is exported: a snapshot's entry runs without `module`.
const dir = process.env[SNAPSHOT_KUSTO_DIR_ENV] ?? path.join(__dirname, 'kusto');
for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
  // Indirect eval: the scripts declare the Bridge, System and Kusto globals, as when loaded by require.
  // biome-ignore lint/security/noGlobalEval: the snapshot builder runs the installed library's own files, never user input.
  (0, eval)(fs.readFileSync(path.join(dir, file), 'utf8'));
}

// The warm-up of a document's check (diagnostics, hover, classification) at build time: the library's
// function and operator tables, its parser, binder and the sample schema's symbols are all in the
// snapshot. Not the combinator grammar, which only completion and commands read: deferred
// (src/kql/deferredGrammar.ts), it stays out of the blob (25.3 → 19.8 MB; deserialising it 0.41 → 0.31 s
// of CPU) and the started server builds it after its first document's diagnostics. Node drains the
// event loop before it writes the snapshot, so the warm-up's steps all run. Its own analyzer, not kept:
// the server's caches start empty, and the snapshot stays smaller. (Analysing the 31 snippets' queries
// too was measured: no difference to the first diagnostics, 0.5 MB more blob.)
async function warmTheLibrary(): Promise<void> {
  deferQueryGrammar();
  await warmUp(new BlockAnalyzer(() => undefined));
}
void warmTheLibrary();

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // For the start-up trace: Node has deserialised the heap and runs this first.
  (globalThis as { __kqlDeserialisedAt?: number }).__kqlDeserialisedAt = Date.now();
  if (process.env[SNAPSHOT_CHECK_ENV]) {
    process.stdout.write(`${SNAPSHOT_CHECK_ANSWER}\n`);
    return;
  }
  (globalThis as { __kqlFromSnapshot?: boolean }).__kqlFromSnapshot = true;
  // The server module registers its handlers and listens when it is first required: here, in the
  // started process, never at build time.
  require('./main');
});
