/**
 * Runs one-line queries that might crash, hang or blow up memory through the `kql` command, each in its
 * own process with a short time limit, and prints one line per query: exit status, wall time, the
 * process's peak RSS and the first line of what it printed. A hostile query must end in a message that
 * names its limit (or a correct answer) within its time limit plus the stop grace, with memory bounded.
 *
 * `node --import tsx bench/hostileQueries.ts [name-substring …]` (after `npm run build`); `KQL_CLI=path/bin/kql.js` walks
 * another checkout's build.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostileQueries } from '../test/engine/hostileQueryList';

const TIMEOUT_S = Number(process.env.HOSTILE_TIMEOUT_S ?? 10);
const cli = process.env.KQL_CLI ?? path.join(__dirname, '..', 'bin', 'kql.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hostile-'));
const filters = process.argv.slice(2);

console.log(`| query | exit | wall s | peak RSS MB | message |`);
console.log(`|---|---|---|---|---|`);
for (const { name, text } of hostileQueries()) {
  if (filters.length > 0 && !filters.some((f) => name.includes(f))) continue;
  const file = path.join(dir, 'q.kql');
  fs.writeFileSync(file, text);
  const started = Date.now();
  // /usr/bin/time -f %M prints the peak RSS (KB) of the process and its children as the last stderr line.
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, cli, '-f', file, '--timeout', String(TIMEOUT_S), '--format', 'csv', '--no-cache'],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: (TIMEOUT_S + 60) * 1000 },
  );
  const wall = (Date.now() - started) / 1000;
  const errLines = (run.stderr ?? '').trim().split('\n');
  const rssKb = Number(errLines.pop());
  const message = (run.status === 0 ? (run.stdout ?? '').split('\n').slice(0, 2).join(' / ') : errLines[0]) ?? '';
  const status = run.error ? `killed (${run.error.message})` : String(run.status ?? run.signal);
  console.log(
    `| ${name} | ${status} | ${wall.toFixed(1)} | ${(rssKb / 1024).toFixed(0)} | ${message.slice(0, 160).replaceAll('|', '\\|')} |`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
