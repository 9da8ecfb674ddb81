/** Entry point of the `kql` command (bundled to dist/cli.js, run by bin/kql.js). */
import { runCli } from './cli';
import { cliIo, exitWhenFlushed } from './io';

runCli(process.argv.slice(2), cliIo()).then(
  (code) => exitWhenFlushed(code),
  (e: unknown) => {
    process.stderr.write(`kql: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
