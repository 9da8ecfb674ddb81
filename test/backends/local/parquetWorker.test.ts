import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { LocalBackend } from '../../../src/backends/local';

const WORKER = 'src/backends/local/engineWorker.ts';

test('the engine worker loads a Parquet table before the query that names it, and queries after it queue behind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-local-parquet-'));
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.parquet'),
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'Computer', type: 'STRING', data: ['web1', 'web1', 'db1'] },
          { name: 'Port', type: 'INT32', data: Int32Array.from([80, 443, 1433]) },
        ],
      }),
    ),
  );
  fs.writeFileSync(path.join(dir, 'Notes.csv'), 'Text\nhello\n');
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  try {
    const progress: string[] = [];
    const [ports, notes] = await Promise.all([
      backend.run('VMBoundPort | summarize sum(Port) by Computer | order by Computer asc', {
        onProgress: (m) => progress.push(m),
      }),
      backend.run('Notes | project Text'),
    ]);
    assert.deepEqual(ports.tables[0]!.rows, [
      ['db1', 1433],
      ['web1', 523],
    ]);
    assert.deepEqual(notes.tables[0]!.rows, [['hello']]);
    assert.ok(
      progress.some((m) => m.startsWith('Loading VMBoundPort: 3 rows')),
      JSON.stringify(progress),
    );
    // Loaded once: the next query reads the built table.
    assert.deepEqual((await backend.run('VMBoundPort | count')).tables[0]!.rows, [[3]]);
  } finally {
    backend.dispose();
  }
});
