/** Entry point of the `kql` command (bundled to dist/cli.js, run by bin/kql.js). */
import { runCli } from './cli';
import { cliIo, exitWhenFlushed } from './io';
import { holdUntilFirstAnalysis } from './optimizerHold';

// Not in the startup snapshot's entry (snapshot.ts): there the library's start is already done.
runCli(
  process.argv.slice(2),
  cliIo(() => holdUntilFirstAnalysis()),
).then(
  (code) => exitWhenFlushed(code),
  (e: unknown) => {
    process.stderr.write(`kql: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
