/**
 * How long the editor's engine (LocalBackend: a worker, killed and replaced past its time limit plus a
 * grace second) takes to end queries whose work cannot be interrupted, and whether the next query
 * still answers. `node --import tsx bench/hostileWorker.ts` (after `npm run build`).
 */
import * as path from 'node:path';
import { LocalBackend } from '../src/backends/local';

const TIMEOUT_MS = 2000;
const cases: [string, string][] = [
  // Just under Kusto.Language's 500-level depth screen: seconds of parsing no deadline can stop.
  ['parens-499', `print x = ${'('.repeat(499)}1${')'.repeat(499)}`],
  ['where-5000', `range x from 1 to 10 step 1${' | where x > 0'.repeat(5000)}`],
  ['string-4MB', `print strlen("${'a'.repeat(4_000_000)}")`],
  ['regex-backtrack', `print x = strrep("a", 100000) matches regex "(a+)+$"`],
];

async function main(): Promise<void> {
  const backend = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: path.join(__dirname, '..', 'dist', 'engineWorker.js'),
    timeoutMs: TIMEOUT_MS,
  });
  await backend.run('print 1', { timeoutMs: 300_000 });
  console.log(`| query | ends after ms (limit ${TIMEOUT_MS} + 1,000 grace) | how | next query answers after ms |`);
  console.log('|---|---|---|---|');
  for (const [name, text] of cases) {
    const started = Date.now();
    let how: string;
    try {
      const r = await backend.run(text);
      how = `answer: ${JSON.stringify(r.tables[0]?.rows[0]).slice(0, 40)}`;
    } catch (e) {
      how = (e as Error).message.slice(0, 90);
    }
    const ended = Date.now() - started;
    const next = Date.now();
    await backend.run('print 1', { timeoutMs: 300_000 });
    console.log(`| ${name} | ${ended} | ${how.replaceAll('|', '\\|')} | ${Date.now() - next} |`);
  }
  console.log(`workers replaced: ${backend.restarts}`);
  backend.dispose();
}

void main();
