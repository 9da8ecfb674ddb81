/**
 * A measurement in a fresh Node process (so its peak RSS and its garbage are its own): runs
 * `node --import tsx <nodeArgs> <args>` and resolves with the JSON its last line of output prints.
 * Asynchronous, so the parent (a loopback server, say) keeps answering meanwhile.
 */
import { spawn } from 'node:child_process';

export function childFigures<T>(what: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<T> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, ...args]);
  let out = '';
  let err = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    proc.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T)
        : reject(new Error(`${what} child failed (${code}): ${err}`)),
    ),
  );
}
