/**
 * `kql --data DIR 'T | count'` in a fresh process under /usr/bin/time, for the loader benches: how long the
 * load took, its peak RSS, the count, and what the command said on stderr. The cache is left out, so each
 * run parses its files.
 */
import { spawnSync } from 'node:child_process';

const MB = 1 << 20;

export interface CountRun {
  /** The exit code, the signal, or "killed (…)" when the bench's own time ran out. */
  readonly status: string;
  readonly wallSeconds: number;
  readonly rssMb: number;
  /** The count printed, or '-' when the command failed. */
  readonly rows: string;
  /** stderr's lines but the peak-RSS one. */
  readonly stderr: readonly string[];
}

export function countFolder(cli: string, dir: string, timeoutS: number, env: NodeJS.ProcessEnv = {}): CountRun {
  const started = Date.now();
  // /usr/bin/time -f %M prints the peak RSS (KB) of the process and its children as the last stderr line.
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      cli,
      '--data',
      dir,
      '--no-cache',
      '--format',
      'csv',
      // The query's own limit well past the load's time on a loaded machine: the load is measured, not cut.
      '--timeout',
      String(timeoutS),
      'T | count',
    ],
    { encoding: 'utf8', maxBuffer: 64 * MB, timeout: (timeoutS + 60) * 1000, env: { ...process.env, ...env } },
  );
  const stderr = (r.stderr ?? '').trim().split('\n');
  const rssKb = Number(stderr.pop());
  return {
    status: r.error ? `killed (${r.error.message.slice(0, 40)})` : String(r.status ?? r.signal),
    wallSeconds: (Date.now() - started) / 1000,
    rssMb: rssKb / 1024,
    rows: r.status === 0 ? ((r.stdout ?? '').trim().split('\n')[1] ?? '-') : '-',
    stderr,
  };
}
