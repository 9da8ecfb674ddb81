import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadData, runLocalQuery } from '../../../src/backends/local';
import { parseFailedFile } from '../../../src/backends/local/failedFiles';
import { KqlError } from '../../../src/kql/errors';

test('a query on a table whose file failed to load names the file, line and column', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-'));
  try {
    fs.writeFileSync(path.join(dir, 'VMConnection.csv'), 'TimeGenerated,Computer\n2026-11-23T10:00:00Z,web01\n');
    fs.writeFileSync(path.join(dir, 'VMBoundPort.csv'), 'TimeGenerated,Computer,Port\n2026-11-23T10:00:00Z,web01,80\n2026-11-23T10:00:00Z,web01,eighty\n');
    const data = loadData({ kind: 'folder', dir });
    assert.equal(data.warnings.length, 1, data.warnings.join('\n'));
    const failed = parseFailedFile(data.warnings[0]!)!;
    assert.deepEqual([path.basename(failed.file), failed.table, failed.line], ['VMBoundPort.csv', 'VMBoundPort', 3]);
    assert.throws(
      () => runLocalQuery(data.database, 'VMBoundPort | take 1', { warnings: data.warnings }),
      (e: unknown) => e instanceof KqlError && /^VMBoundPort\.csv failed to load at 3:\d+: .*\(The name 'VMBoundPort' does not refer/.test(e.message),
    );
    // Other unknown names keep the library's own words.
    assert.throws(() => runLocalQuery(data.database, 'Nope | take 1', { warnings: data.warnings }), /The name 'Nope' does not refer/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
