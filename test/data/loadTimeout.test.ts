import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanDataFolder } from '../../src/data/loaders';
import { LoadTimeoutError } from '../../src/data/loaders/loadTimeout';
import { buildTable } from '../../src/data/loaders/tableBuild';
import { QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';

// The first query over a 3 GB export ran out of its 120 s in the load and said only "The query did not
// finish within 120 s": the user looked at the query, and since a cut load is never cached, every run
// ended the same way.

function bigCsv(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-load-timeout-'));
  const rows = Array.from({ length: 200_000 }, (_, i) => `2026-11-30T00:00:00Z,web${i % 7},${i}`);
  fs.writeFileSync(path.join(dir, 'Big.csv'), `TimeGenerated,Computer,Bytes\n${rows.join('\n')}\n`);
  return dir;
}

test('a timeout during a load names the table and how much of it was read; still a QueryTimeoutError', () => {
  const source = scanDataFolder(bigCsv()).tables[0]!;
  let calls = 0;
  const check = () => {
    if (++calls > 2) throw new QueryTimeoutError(120_000);
  };
  assert.throws(
    () => buildTable(source, { check }),
    (e: unknown) =>
      e instanceof LoadTimeoutError &&
      e instanceof QueryTimeoutError &&
      e.table === 'Big' &&
      e.timeoutMs === 120_000 &&
      /^The query did not finish within 120 s: it was still loading Big from its files \([\d.,]+ of [\d.,]+ MB read\)\.$/.test(
        e.message,
      ),
  );
});

test('a cancellation during a load goes on up as it is', () => {
  const source = scanDataFolder(bigCsv()).tables[0]!;
  assert.throws(
    () =>
      buildTable(source, {
        check: () => {
          throw new QueryCancelledError();
        },
      }),
    (e: unknown) => e instanceof QueryCancelledError,
  );
});

test('a timeout or a cancel during a load carries where it stopped, for the editor', () => {
  const source = scanDataFolder(bigCsv()).tables[0]!;
  let calls = 0;
  const timeout = () => {
    if (++calls > 2) throw new QueryTimeoutError(1_000);
  };
  assert.throws(
    () => buildTable(source, { check: timeout }),
    (e: unknown) =>
      e instanceof QueryTimeoutError &&
      e.stop?.stage === 'load' &&
      e.stop.table === 'Big' &&
      e.stop.totalBytes > 0 &&
      e.stop.files === 1 &&
      e.stop.filesDone === 0 &&
      e.stop.rows !== undefined,
  );
  assert.throws(
    () =>
      buildTable(source, {
        check: () => {
          throw new QueryCancelledError();
        },
      }),
    (e: unknown) =>
      e instanceof QueryCancelledError &&
      e.message === 'The query was cancelled.' &&
      e.stop?.stage === 'load' &&
      e.stop.table === 'Big',
  );
});
