/**
 * Scenario 95: a data folder as an attacker or an odd system leaves it. A second VS Code opens a folder
 * whose `kql.local.dataFolder` holds a named pipe called VMBoundPort.csv (no process ever writes to it:
 * a read of it blocks for ever), a gzip bomb called VMConnection.csv.gz (1 GB of zeros in about 1 MB)
 * and a good AppEvents_CL.csv.
 * - The Problems panel names both bad files with why: the pipe is not a regular file, the bomb inflates
 *   over 200 times its size.
 * - The good table answers, and the editor stays responsive: a query typed afterwards answers at once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { runAt } from './dataFolder';

/** 1 GB of zeros behind a CSV header, gzipped a megabyte at a time (the file is about 1 MB). */
async function writeBomb(file: string): Promise<void> {
  const gzip = zlib.createGzip({ level: 9 });
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  gzip.pipe(out);
  gzip.write('TimeGenerated,Computer,LinksFailed\n');
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < 1024; i++) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
}

async function writeExports(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const iso = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  fs.writeFileSync(
    path.join(dir, 'AppEvents_CL.csv'),
    ['TimeGenerated,Computer,Count', `${iso(10)},web-01,3`, `${iso(9)},db-01,5`, `${iso(8)},web-01,7`, ''].join('\n'),
  );
  execFileSync('mkfifo', [path.join(dir, 'VMBoundPort.csv')]);
  await writeBomb(path.join(dir, 'VMConnection.csv.gz'));
}

const QUERIES = ['AppEvents_CL', '| summarize Total = sum(Count) by Computer', '| order by Computer asc', ''].join(
  '\n',
);

export async function hostileFolderScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-hostile-folder-');
  await writeExports(exports);
  assert.ok(fs.statSync(path.join(exports, 'VMConnection.csv.gz')).size < 4 << 20, 'the bomb is small');
  fs.writeFileSync(path.join(workspace, 'good.kql'), QUERIES);
  await inOwnWorkspace(main, 95, workspace, async (wb) => {
    await wb.openFile('good.kql');
    await runAt(wb, 1);
    const events = await waitForGrid(
      wb,
      'AppEvents_CL beside a pipe and a bomb',
      withColumns('Computer', 'Total'),
      90_000,
    );
    assert.deepEqual(events.rows, [
      ['db-01', '5'],
      ['web-01', '10'],
    ]);

    // Both bad files in the Problems panel, each with why; neither loaded, so errors.
    const problems = await waitFor(
      'the pipe and the bomb in the Problems panel',
      async () => {
        const rows = await wb!.problems();
        const pipe = rows.find((r) =>
          /VMBoundPort did not load: skipped, a named pipe \(FIFO\), not a regular file/.test(r),
        );
        const bomb = rows.find((r) =>
          /VMConnection did not load: the compressed file inflates to more than 64 MB/.test(r),
        );
        return pipe && bomb ? { pipe, bomb } : undefined;
      },
      60_000,
    );
    assert.match(problems.pipe, /reading it could block or never end/);
    assert.match(problems.bomb, /may be a decompression bomb/);
    await wb.screenshot(95, 'problems');

    // Responsive: the editor takes a new query and answers it at once, the bad files not read again.
    await wb.goTo(4, 1);
    await wb.page.keyboard.type('\nAppEvents_CL | count\n', { delay: 5 });
    const typedAt = Date.now();
    await runAt(wb, 5);
    const count = await waitForGrid(wb, 'a query typed after the folder loaded', withColumns('Count'), 30_000);
    assert.deepEqual(count.rows, [['3']]);
    const answeredMs = Date.now() - typedAt;
    assert.ok(answeredMs < 20_000, `the second query answered in ${answeredMs} ms`);
    await wb.screenshot(95, 'responsive');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
