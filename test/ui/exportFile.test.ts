import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ExportPiece } from '../../src/render/exportData';
import { csvPieces } from '../../src/render/exportData';
import { ExportFileError, UTF8_BOM, writeExportFile } from '../../src/ui/exportFile';

const table = {
  name: 'T',
  columns: [
    { name: 'i', type: 'long' as const },
    { name: 's', type: 'string' as const },
  ],
  rows: Array.from({ length: 30_000 }, (_, i) => [i, `é ${i}`]),
};

function folder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kql-export-file-'));
}

describe('writing an export to a file', () => {
  test('writes every piece after the prefix, and nothing else is left in the folder', async () => {
    const dir = folder();
    const target = path.join(dir, 'Ünïcode folder ✓.csv');
    const seen: number[] = [];
    const outcome = await writeExportFile(target, csvPieces(table), {
      prefix: UTF8_BOM,
      onProgress: (rows) => seen.push(rows),
    });
    const bytes = fs.readFileSync(target);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.equal(text.split('\r\n').length, 30_002);
    assert.ok(text.includes('\r\n29999,é 29999\r\n'));
    assert.deepEqual(outcome, { kind: 'written', bytes: bytes.length, rows: 30_000 });
    assert.equal(seen.at(-1), 30_000);
    assert.deepEqual(fs.readdirSync(dir), ['Ünïcode folder ✓.csv']);
  });

  test('Cancel part-way leaves no file under the name, and the file that was there unchanged', async () => {
    const dir = folder();
    const fresh = path.join(dir, 'fresh.csv');
    let asked = 0;
    const cancelled = await writeExportFile(fresh, csvPieces(table), { isCancelled: () => ++asked > 5 });
    assert.deepEqual(cancelled, { kind: 'cancelled' });
    assert.deepEqual(fs.readdirSync(dir), []);

    const existing = path.join(dir, 'existing.csv');
    fs.writeFileSync(existing, 'old\r\n');
    asked = 0;
    await writeExportFile(existing, csvPieces(table), { isCancelled: () => ++asked > 5 });
    assert.equal(fs.readFileSync(existing, 'utf8'), 'old\r\n');
    assert.deepEqual(fs.readdirSync(dir), ['existing.csv']);
  });

  test('a full disk part-way: a clear error, the old file unchanged, no partial file', async () => {
    const dir = folder();
    const target = path.join(dir, 'out.csv');
    fs.writeFileSync(target, 'old\r\n');
    function* fillsTheDisk(): Generator<ExportPiece> {
      yield { text: 'x'.repeat(3 << 20), rowsDone: 10 };
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    await assert.rejects(
      writeExportFile(target, fillsTheDisk()),
      (e: unknown) =>
        e instanceof ExportFileError &&
        e.message === `Could not save ${target}: the disk is full. The file there is unchanged.`,
    );
    assert.equal(fs.readFileSync(target, 'utf8'), 'old\r\n');
    assert.deepEqual(fs.readdirSync(dir), ['out.csv']);
  });

  test('a folder that does not exist says so', async () => {
    const target = path.join(folder(), 'gone', 'out.csv');
    await assert.rejects(
      writeExportFile(target, csvPieces(table)),
      /the folder .*gone does not exist\. No file was written\.$/,
    );
  });
});
