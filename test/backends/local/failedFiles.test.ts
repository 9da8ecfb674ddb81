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
    // Broken JSON fails the whole file; a bad CSV record only skips that record (below).
    fs.writeFileSync(
      path.join(dir, 'VMBoundPort.json'),
      '[{"TimeGenerated":"2026-11-23T10:00:00Z","Port":80},\n{"Port": 81,,}]\n',
    );
    const data = loadData({ kind: 'folder', dir });
    assert.equal(data.warnings.length, 1, data.warnings.join('\n'));
    const failed = parseFailedFile(data.warnings[0]!)!;
    assert.deepEqual([path.basename(failed.file), failed.table, failed.line], ['VMBoundPort.json', 'VMBoundPort', 2]);
    assert.throws(
      () => runLocalQuery(data.database, 'VMBoundPort | take 1', { warnings: data.warnings }),
      (e: unknown) =>
        e instanceof KqlError &&
        /^VMBoundPort\.json failed to load at 2:\d+: .*\(The name 'VMBoundPort' does not refer/.test(e.message),
    );
    // Other unknown names keep the library's own words.
    assert.throws(
      () => runLocalQuery(data.database, 'Nope | take 1', { warnings: data.warnings }),
      /The name 'Nope' does not refer/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad CSV record is a warning at its file:line:col and the rest of the file loads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'VMBoundPort.csv'),
      'TimeGenerated,Computer,Port\n2026-11-23T10:00:00Z,web01,80\n2026-11-23T10:00:00Z,web01,eighty\n',
    );
    const data = loadData({ kind: 'folder', dir });
    const result = runLocalQuery(data.database, 'VMBoundPort | project Port', { warnings: data.warnings });
    assert.deepEqual(result.tables[0]!.rows, [[80]]);
    const skipped = result.warnings.map(parseFailedFile).find((f) => f !== undefined);
    assert.deepEqual(
      skipped && [path.basename(skipped.file), skipped.line],
      ['VMBoundPort.csv', 3],
      result.warnings.join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('parseFailedFile reads JSON Lines and gzip names back to their table', () => {
  assert.equal(parseFailedFile('/x/AppLogs.jsonl.gz:4:2: invalid JSON')?.table, 'AppLogs');
  assert.equal(parseFailedFile('/x/VMConnection.csv:3:1: bad')?.table, 'VMConnection');
  assert.equal(parseFailedFile('no location here'), undefined);
});

test("a result carries the bad lines of the tables its query reads, not another table's", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failed-'));
  try {
    fs.writeFileSync(path.join(dir, 'AppEvents_CL.csv'), 'Computer,N\nweb01,1\nweb01,"2"x\n');
    fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer,N\nweb01,1\n');
    const data = loadData({ kind: 'folder', dir });
    const events = runLocalQuery(data.database, 'AppEvents_CL | count', { warnings: data.warnings });
    assert.equal(events.warnings.length, 1, events.warnings.join('\n'));
    assert.match(events.warnings[0]!, /AppEvents_CL\.csv:3:/);
    // The folder's warnings now hold AppEvents_CL's bad line; a query on Heartbeat is not told it.
    assert.equal(data.warnings.length, 1);
    const beats = runLocalQuery(data.database, 'Heartbeat | count', { warnings: data.warnings });
    assert.deepEqual(beats.warnings, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
