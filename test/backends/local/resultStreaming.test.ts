/** A large result crosses from the worker in chunks of bounded size, reassembled whole on the host. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadData, LocalBackend } from '../../../src/backends/local';
import { QueryCancelledError } from '../../../src/results/errors';
import { resultChunks } from '../../../src/backends/local/resultChunks';
import { runLocalQuery } from '../../../src/backends/local/runQuery';

const WORKER = 'src/backends/local/engineWorker.ts';
// A folder with one small table: no sample workspace to generate, so the worker is free at once.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-stream-'));
fs.writeFileSync(path.join(dir, 'T.csv'), 'n,s\n1,a\n2,b\n');
const SOURCE = { kind: 'folder' as const, dir };
const LIMITS = { rows: 1000, bytes: 64 * 1024 };
const streamed = new LocalBackend({ source: SOURCE, workerScript: WORKER, chunkLimits: LIMITS });
const whole = new LocalBackend({ source: SOURCE, workerScript: WORKER, chunkLimits: { rows: 1e9, bytes: 1e12 } });
after(() => {
  streamed.dispose();
  whole.dispose();
});

test('chunks respect both bounds, and a row larger than the byte bound goes alone', () => {
  const rows = Array.from({ length: 2500 }, (_, i) => [i, i === 10 ? 'x'.repeat(100_000) : 'y']);
  const result = {
    tables: [
      {
        name: 'PrimaryResult',
        columns: [
          { name: 'n', type: 'long' as const },
          { name: 's', type: 'string' as const },
        ],
        rows,
      },
    ],
    stats: { backend: 'local' as const, durationMs: 0, rowCount: 2500, truncated: false },
    warnings: [],
  };
  const chunks = [...resultChunks(result, LIMITS)];
  assert.deepEqual(
    chunks.flatMap((c) => c.rows),
    rows,
  );
  assert.ok(chunks.every((c) => c.rows.length <= LIMITS.rows));
  assert.deepEqual(
    chunks.map((c) => c.rows.length),
    [10, 1, 1000, 1000, 489],
  );
});

test('a large result arrives in several chunks, identical to the one-shot answer', async () => {
  const q =
    'range x from 1 to 12000 step 1 | extend s = strcat("row ", x), d = bag_pack("x", x), t = datetime(2026-01-01) + x * 1s | join kind=leftouter (T | extend x = n) on x';
  const [a, b] = await Promise.all([streamed.run(q), whole.run(q)]);
  assert.equal(whole.lastResultChunks, 0, 'the whole answer comes as one message');
  assert.ok(
    streamed.lastResultChunks >= 12,
    `12,000 rows in chunks of at most 1,000 rows / 64 KB: ${streamed.lastResultChunks} chunks`,
  );
  assert.equal(a.tables[0]!.rows.length, 12000);
  assert.deepEqual(a.tables, b.tables);
  assert.deepEqual(a.warnings, b.warnings);
  assert.equal(a.stats.rowCount, 12000);
  // The same rows as the engine gives in process.
  const data = loadData(SOURCE);
  const direct = runLocalQuery(data.database, q, { nowMs: data.nowMs });
  // (Compared as JSON: bags lose their null prototype in the structured clone across threads.)
  assert.deepEqual(JSON.parse(JSON.stringify(a.tables[0]!.rows)), JSON.parse(JSON.stringify(direct.tables[0]!.rows)));
});

test('cancel mid-stream stops the result, the worker is kept, and the next query works', async () => {
  const controller = new AbortController();
  const progress: string[] = [];
  const running = streamed.run('range x from 1 to 200000 step 1 | extend s = strcat("row ", x)', {
    rowLimit: 500_000,
    signal: controller.signal,
    onProgress: (m) => {
      progress.push(m);
      if (m.startsWith('Receiving the result') && !controller.signal.aborted) {
        controller.abort();
      }
    },
  });
  await assert.rejects(running, QueryCancelledError);
  assert.ok(
    progress.some((m) => m.startsWith('Receiving the result')),
    'some rows had arrived',
  );
  assert.equal(streamed.restarts, 0, 'the worker stopped the stream itself');
  const next = await streamed.run('print n = 1');
  assert.deepEqual(next.tables[0]!.rows, [[1]]);
});
