/**
 * What an attacker or an odd system puts in a data folder besides exports: named pipes, sockets and
 * devices under a data file's name, link loops, a folder named like a file, a header or a first record
 * too long to be one, more columns than a Kusto table may have. Each is one warning naming the entry and
 * why (file:1:1, so the Problems panel lists it); the other files load; nothing blocks.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  DataFileError,
  LoadCache,
  loadDataFile,
  loadDataFolder,
  loadDataFolderAsync,
  scanDataFolder,
} from '../../src/data/loaders';
import { readWindows } from '../../src/data/loaders/fileBytes';
import { readFunctionFiles } from '../../src/data/loaders/functionFiles';
import { MAX_COLUMNS } from '../../src/data/loaders/tableSource';

const posix = process.platform !== 'win32';

/** A folder holding Good.csv (two rows) and whatever `fill` adds. */
function folder(fill: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-entries-'));
  fs.writeFileSync(path.join(dir, 'Good.csv'), 'Computer,LinksFailed\nweb-1,3\ndb-1,0\n');
  fill(dir);
  return dir;
}

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

function assertGoodLoads(dir: string): string[] {
  const loaded = loadDataFolder(dir);
  assert.deepEqual(
    loaded.tables.map((t) => [t.name, t.rowCount]),
    [['Good', 2]],
  );
  return [...loaded.warnings];
}

test('a named pipe, a socket and /dev/zero under data file names are skipped with why, not read (a read would block for ever)', {
  skip: !posix,
}, async () => {
  let server: net.Server | undefined;
  const dir = folder((d) => {
    mkfifo(path.join(d, 'VMConnection.csv'));
    fs.symlinkSync('/dev/zero', path.join(d, 'Zero.jsonl'));
  });
  server = net.createServer();
  await new Promise<void>((resolve) => server!.listen(path.join(dir, 'Sock.json'), resolve));
  try {
    const warnings = assertGoodLoads(dir);
    assert.deepEqual(warnings.sort(), [
      `${path.join(dir, 'Sock.json')}:1:1: skipped, a socket, not a regular file: reading it could block or never end`,
      `${path.join(dir, 'VMConnection.csv')}:1:1: skipped, a named pipe (FIFO), not a regular file: reading it could block or never end`,
      `${path.join(dir, 'Zero.jsonl')}:1:1: skipped, a device, not a regular file: reading it could block or never end`,
    ]);
  } finally {
    await new Promise((resolve) => server!.close(resolve));
  }
});

test('a file replaced by a named pipe after the scan is refused when it is opened, not waited on', {
  skip: !posix,
}, () => {
  const dir = folder(() => {});
  const file = path.join(dir, 'Good.csv');
  fs.rmSync(file);
  mkfifo(file);
  assert.throws(
    () => loadDataFile(file),
    (e: unknown) => e instanceof DataFileError && /a named pipe \(FIFO\), not a regular file: not read/.test(e.message),
  );
});

test('a .kql file that is a named pipe is a warning; the folder still opens', { skip: !posix }, () => {
  const dir = folder((d) => mkfifo(path.join(d, 'functions.kql')));
  const read = readFunctionFiles(dir);
  assert.deepEqual(read.functions, []);
  assert.match(read.warnings[0]!, /functions\.kql:1:1: a named pipe \(FIFO\), not a regular file/);
});

test('a symbolic link loop and a dangling link are warnings, not a failure of the whole folder', {
  skip: !posix,
}, () => {
  const dir = folder((d) => {
    fs.symlinkSync('b.csv', path.join(d, 'a.csv'));
    fs.symlinkSync('a.csv', path.join(d, 'b.csv'));
    fs.symlinkSync('gone.csv', path.join(d, 'Dangling.csv'));
  });
  const warnings = assertGoodLoads(dir);
  assert.deepEqual(warnings.sort(), [
    `${path.join(dir, 'Dangling.csv')}:1:1: skipped, a symbolic link to gone.csv, which does not exist`,
    `${path.join(dir, 'a.csv')}:1:1: skipped, a symbolic link that leads round in a loop`,
    `${path.join(dir, 'b.csv')}:1:1: skipped, a symbolic link that leads round in a loop`,
  ]);
});

test('links back up an export tree are walked once, with a warning each, not once per level', { skip: !posix }, () => {
  const dir = folder((d) => {
    const hour = path.join(d, 'am-AppEvents_CL', 'y=2026', 'm=12', 'd=01', 'h=00', 'm=00');
    fs.mkdirSync(hour, { recursive: true });
    fs.writeFileSync(path.join(hour, 'PT1H.json'), '{"Computer":"web-1"}\n');
    for (const name of ['up1', 'up2', 'up3']) fs.symlinkSync('../..', path.join(hour, name));
  });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.tables.map((t) => [t.name, t.files.length]).sort(), [
    ['AppEvents_CL', 1],
    ['Good', 1],
  ]);
  assert.equal(scanned.warnings.length, 3);
  assert.match(scanned.warnings[0]!, /up1: skipped, a link to the folder .*d=01, which is read already/);
});

test('a link to a file outside the folder is followed, as a folder of links to the real exports is', () => {
  const outside = folder(() => {});
  const dir = folder((d) => fs.symlinkSync(path.join(outside, 'Good.csv'), path.join(d, 'Linked.csv')));
  const loaded = loadDataFolder(dir);
  assert.deepEqual(
    loaded.tables.map((t) => [t.name, t.rowCount]),
    [
      ['Good', 2],
      ['Linked', 2],
    ],
  );
});

test('a folder named VMConnection.csv is a warning saying a folder is read only as an export tree', () => {
  const dir = folder((d) => fs.mkdirSync(path.join(d, 'VMConnection.csv')));
  const warnings = assertGoodLoads(dir);
  assert.deepEqual(warnings, [
    `${path.join(dir, 'VMConnection.csv')}:1:1: skipped, a folder, not a file (a folder is read only as a Log Analytics export tree, am-<Table>/…/y=…/PT1H.json)`,
  ]);
});

test('more columns than a Kusto table may have is refused at the scan, naming the limit', () => {
  const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
  const dir = folder((d) => fs.writeFileSync(path.join(d, 'Wide.csv'), `${header}\n${header.replace(/c/g, '')}\n`));
  const warnings = assertGoodLoads(dir);
  assert.deepEqual(warnings, [
    `${path.join(dir, 'Wide.csv')}:1:1: 10,001 columns, more than the 10,000 a Kusto table may have: not loaded`,
  ]);
  const header10k = Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`).join(',');
  const atLimit = folder((d) => fs.writeFileSync(path.join(d, 'Wide.csv'), `${header10k}\n`));
  assert.equal(scanDataFolder(atLimit).tables.find((t) => t.name === 'Wide')?.columns.length, MAX_COLUMNS);
});

test('a header or a first JSON Lines record longer than the head read for the columns says so, not "empty"', () => {
  const long = 'x'.repeat(5 << 20);
  const dir = folder((d) => {
    fs.writeFileSync(path.join(d, 'LongHeader.csv'), `${long}\n1\n`);
    fs.writeFileSync(path.join(d, 'LongLine.jsonl'), `{"a":"${long}"}\n{"a":"b"}\n`);
  });
  const warnings = assertGoodLoads(dir);
  assert.deepEqual(warnings.sort(), [
    `${path.join(dir, 'LongHeader.csv')}:1:1: the header row does not end within the file's first 4 MB, the most a header may hold: not a CSV export`,
    `${path.join(dir, 'LongLine.jsonl')}:1:1: the first record does not end within the file's first 4 MB: the columns are read from the records at the head of the file, so a first record longer than that is not read`,
  ]);
});

/**
 * A Parquet file of three rows whose footer declares `rows` instead: every i64 field 3 after field 2
 * (the file's and the row group's num_rows) and 5 after 4 (each column chunk's num_values) that holds 3,
 * re-encoded with the footer's length.
 */
function forgedRowCount(rows: bigint): Buffer {
  const base = Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: 'Computer', data: ['a', 'b', 'c'], type: 'STRING' },
        { name: 'N', data: [1, 2, 3], type: 'INT32' },
      ],
    }),
  );
  const length = base.readUInt32LE(base.length - 8);
  const footer = base.subarray(base.length - 8 - length, base.length - 8);
  const varint: number[] = [];
  for (let n = rows * 2n; ; n >>= 7n) {
    if (n < 0x80n) {
      varint.push(Number(n));
      break;
    }
    varint.push(Number(n & 0x7fn) | 0x80);
  }
  const out: number[] = [];
  let forged = 0;
  for (let i = 0; i < footer.length; i++) {
    // Compact protocol: field header 0x16 (delta 1, i64), then the zigzag varint of 3 (0x06).
    if (footer[i] === 0x16 && footer[i + 1] === 0x06) {
      out.push(0x16, ...varint);
      i++;
      forged++;
    } else {
      out.push(footer[i]!);
    }
  }
  assert.equal(forged, 4, 'the num_rows and num_values fields were found');
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(out.length, 0);
  tail.write('PAR1', 4, 'latin1');
  return Buffer.concat([base.subarray(0, base.length - 8 - length), Buffer.from(out), tail]);
}

test('a Parquet footer declaring 2^28 or 2^40 rows in a small file leaves the row group out with why, without allocating them', async () => {
  const dir = folder((d) => {
    fs.writeFileSync(path.join(d, 'Many.parquet'), forgedRowCount(2n ** 28n));
    fs.writeFileSync(path.join(d, 'Vast.parquet'), forgedRowCount(2n ** 40n));
  });
  const before = process.memoryUsage().rss;
  const loaded = await loadDataFolderAsync(dir);
  assert.ok(process.memoryUsage().rss - before < 256 << 20, 'no room was made for the declared rows');
  assert.deepEqual(
    loaded.tables.map((t) => [t.name, t.rowCount]),
    [
      ['Good', 2],
      ['Many', 0],
      ['Vast', 0],
    ],
  );
  assert.deepEqual(loaded.warnings, [
    `${path.join(dir, 'Many.parquet')}: row group 1 of 1 (rows 1–268435456): left out, it cannot be read: its footer says 268,435,456 rows, but column Computer holds 3 values (a damaged or forged footer)`,
    `${path.join(dir, 'Vast.parquet')}: row group 1 of 1 (rows 1–1099511627776): left out, it cannot be read: its footer says 1,099,511,627,776 rows, more than a row group can hold (a damaged or forged footer)`,
  ]);
});

test('a load-cache entry whose string codes point past its dictionary is not read: the table is loaded again from its file', () => {
  const dir = folder(() => {});
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-entries-cache-'));
  loadDataFolder(dir, { cache: new LoadCache(cacheDir) });
  const entry = path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => f.endsWith('.kqlcache'))!);
  const bytes = fs.readFileSync(entry);
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + length)) as { columns: { codes?: [number, number] }[] };
  const codes = header.columns.find((c) => c.codes)!.codes!;
  // The first row's Computer: code 123456 of a dictionary of two.
  bytes.writeInt32LE(123456, Math.ceil((16 + length) / 8) * 8 + codes[0]);
  fs.writeFileSync(entry, bytes);
  const loaded = loadDataFolder(dir, { cache: new LoadCache(cacheDir) });
  assert.deepEqual(
    loaded.tables[0]!.rows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))),
    [
      ['web-1', 3],
      ['db-1', 0],
    ],
  );
});

test('file names with a line break or a bidi control are skipped, shown escaped; <script>, .. and a backslash are names like any', {
  skip: !posix,
}, () => {
  const dir = folder((d) => {
    for (const name of ['new\nline.csv', 'evil\u202Evsc.csv', '<script>alert(1)<\\script>.csv', '...csv']) {
      fs.writeFileSync(path.join(d, name), 'a,b\n1,2\n');
    }
  });
  const loaded = loadDataFolder(dir);
  assert.deepEqual(loaded.tables.map((t) => t.name).sort(), ['..', '<script>alert(1)<\\script>', 'Good']);
  assert.deepEqual([...loaded.warnings].sort(), [
    `${dir}/evil\\u202Evsc.csv:1:1: skipped, the file's name holds a line break or a bidirectional-text control (shown escaped): rename the file to load it`,
    `${dir}/new\\nline.csv:1:1: skipped, the file's name holds a line break or a bidirectional-text control (shown escaped): rename the file to load it`,
  ]);
});

test('a file that grows while it is read is read as it was when opened, not for as long as its writer keeps up', () => {
  const dir = folder(() => {});
  const file = path.join(dir, 'Good.csv');
  const size = fs.statSync(file).size;
  let seen = 0;
  let appended = 0;
  readWindows(file, (_buf, from, to, final) => {
    // A writer appending a row each time the reader takes a window (at most 1,000: the old reader never ended).
    if (appended < 1000) {
      fs.appendFileSync(file, 'web-9,9\n');
      appended++;
    }
    if (final) seen = to - from;
    return 0;
  });
  assert.equal(seen, size);
  assert.ok(appended < 5, `${appended} windows`);
});
