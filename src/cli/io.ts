/** The streams a CLI command reads and writes: the process's own, or a test's. */
export interface Io {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

/**
 * The process's streams. Standard input is reached only when a query is read from it: Node builds
 * `process.stdin` on first access, which costs a noticeable part of `kql 'print 1'`'s start.
 */
export function cliIo(): Io {
  // A reader that stops early (`kql … | head`) closes the pipe: what it did not read is not wanted, so
  // the command ends quietly instead of dying on an unhandled EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.exit(0);
    }
    throw e;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
  };
}
