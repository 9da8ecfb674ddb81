/**
 * `--output FILE`: what a run would print on standard output is written to FILE instead, in the same
 * form (a result of several tables named as on a terminal); errors and warnings stay on stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutputFormat } from './args';
import type { Io } from './io';

/** The format a file's extension names (.csv, .json), used when --format is not given. */
export function formatOfFile(file: string): OutputFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

/** A write to the --output file failed (a full disk): the run stops there, with the file and the reason. */
export class OutputError extends Error {
  constructor(file: string, reason: string) {
    super(`--output: cannot write ${file}: ${reason}`);
    this.name = 'OutputError';
  }
}

export interface OutputFile {
  /** The command's streams with standard output going to the file. */
  readonly io: Io;
  close(): void;
}

/**
 * Opens (creates or empties, as a shell's `>` does) `file` for the run's output. Writes are
 * synchronous, so the file is whole when the command exits; a failing write throws an OutputError.
 * Throws the system's reason when the file cannot be opened.
 */
export function openOutputFile(file: string, io: Io): OutputFile {
  const fd = fs.openSync(file, 'w');
  return {
    io: {
      stdout: {
        isTTY: false,
        write: (text) => {
          try {
            fs.writeSync(fd, text);
          } catch (e) {
            throw new OutputError(file, (e as Error).message);
          }
          return true;
        },
      },
      stderr: io.stderr,
      // Read only when the query comes from standard input (cliIo builds process.stdin lazily).
      get stdin() {
        return io.stdin;
      },
    },
    close: () => fs.closeSync(fd),
  };
}
