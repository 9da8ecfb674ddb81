/**
 * A data folder set to `/` or the home folder is not walked to the bottom: the scan stops after a bound
 * on the files and folders it looks at, says so, and keeps the tables found by then.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanDataFolder } from '../../src/data/loaders';

test('a scan stops at its bound with one warning saying so, and keeps what it found', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-scan-bound-'));
  try {
    fs.writeFileSync(path.join(dir, 'AppLogs.csv'), 'Level\nError\n');
    // A deep tree of unrelated folders, as a home folder has, sorted after the export.
    let deep = path.join(dir, 'projects');
    for (let i = 0; i < 30; i++) {
      fs.mkdirSync(path.join(deep, `b${i}`), { recursive: true });
      deep = path.join(deep, `a${i}`);
      fs.mkdirSync(deep, { recursive: true });
    }
    const bounded = scanDataFolder(dir, undefined, 20);
    assert.deepEqual(
      bounded.tables.map((t) => t.name),
      ['AppLogs'],
    );
    assert.equal(bounded.warnings.length, 1, bounded.warnings.join('\n'));
    assert.match(
      bounded.warnings[0]!,
      /^.*kql-scan-bound-\w+: stopped looking after 20 files and folders; only the tables found by then are read\./,
    );
    // Under the default bound the same folder is walked to the end: no warning.
    assert.deepEqual(scanDataFolder(dir).warnings, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
