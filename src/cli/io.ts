import { EXIT_OK, EXIT_QUERY_FAILED } from './exitCodes';

/** Where a CLI command writes text: a terminal, a pipe, a file (--output), or a test's buffer. */
export interface TextOut {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number;
}

/** The streams a CLI command reads and writes: the process's own, or a test's. */
export interface Io {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly stdin: NodeJS.ReadStream;
  /** Holds V8's optimizer for the library's start, when the run is one that gains (optimizerHold.ts). */
  readonly holdOptimizer?: () => void;
}

/**
 * The process's streams. Standard input is reached only when a query is read from it: Node builds
 * `process.stdin` on first access, which costs a noticeable part of `kql 'print 1'`'s start.
 */
export function cliIo(holdOptimizer?: () => void): Io {
  // A reader that stops early (`kql … | head`) closes the pipe: what it did not read is not wanted, so
  // the command ends quietly instead of dying on an unhandled EPIPE. Any other failure (`> file` on a
  // full disk) loses results: said in one line, with the exit status of results that cannot be written.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.exit(EXIT_OK);
    }
    process.stderr.write(`kql: cannot write the results to standard output: ${e.message}\n`);
    process.exit(EXIT_QUERY_FAILED);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    holdOptimizer,
  };
}

/**
 * Ends the process with `code` once what was written to standard output and error has been handed
 * to the system. Exiting, rather than letting Node return from its event loop, skips tearing down
 * the heap one page at a time: with Kusto.Language's tens of megabytes loaded (all of them when
 * started from the startup snapshot) that took about as much CPU as running `print 1` itself.
 * Nothing of the command's runs after it (the load cache is written synchronously).
 */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) {
      process.exit(code);
    }
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
