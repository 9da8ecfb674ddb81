import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  blobPath,
  buildSnapshot,
  removeOtherSnapshots,
  snapshotKey,
  snapshotUnsupported,
  usableSnapshot,
} from '../../src/ui/startupSnapshot/snapshotCache';
import { SNAPSHOT_CHECK_ANSWER, SNAPSHOT_CHECK_ENV } from '../../src/protocol/serverSnapshot';

const node = (version: string, extra: Record<string, string> = {}) => ({
  versions: { node: version, ...extra } as unknown as NodeJS.ProcessVersions,
  platform: 'linux',
  arch: 'x64',
});

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kql-snapshot-test-'));
}

/** A tiny snapshot entry (builds in a fraction of a second) that answers the check as the server's does. */
function writeEntry(dir: string, answers = true): string {
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(
    entry,
    `const v8 = require('node:v8');
globalThis.built = 42;
v8.startupSnapshot.setDeserializeMainFunction(() => {
  if (process.env.${SNAPSHOT_CHECK_ENV} && ${answers}) process.stdout.write('${SNAPSHOT_CHECK_ANSWER}\\n');
});`,
  );
  return entry;
}

test('Electron and old Nodes cannot use snapshots; Node 20 and later can', () => {
  assert.match(snapshotUnsupported(node('20.20.2', { electron: '35.5.1' })) ?? '', /Electron 35\.5\.1/);
  assert.match(snapshotUnsupported(node('18.20.0')) ?? '', /older than 20/);
  assert.equal(snapshotUnsupported(node('20.20.2')), undefined);
  assert.equal(snapshotUnsupported(node('22.1.0')), undefined);
});

test('the key changes with the Node version, the extension version, the platform and the entry', () => {
  const base = { runtime: node('20.20.2'), extensionVersion: '0.1.0', entryText: 'a' };
  const key = snapshotKey(base);
  assert.match(key, /^server-0\.1\.0-nodev?20\.20\.2-linux-x64-[0-9a-f]{12}$/);
  assert.equal(snapshotKey({ ...base }), key);
  assert.notEqual(snapshotKey({ ...base, runtime: node('20.20.3') }), key);
  assert.notEqual(snapshotKey({ ...base, extensionVersion: '0.2.0' }), key);
  assert.notEqual(snapshotKey({ ...base, runtime: { ...node('20.20.2'), arch: 'arm64' } }), key);
  assert.notEqual(snapshotKey({ ...base, entryText: 'b' }), key);
  // The engine's blob, and one built under another heap cap (V8 refuses a blob under other flags).
  assert.match(snapshotKey({ ...base, name: 'engine' }), /^engine-/);
  assert.equal(snapshotKey({ ...base, flags: [] }), key);
  assert.notEqual(snapshotKey({ ...base, flags: ['--max-old-space-size=4096'] }), key);
  assert.notEqual(
    snapshotKey({ ...base, flags: ['--max-old-space-size=4096'] }),
    snapshotKey({ ...base, flags: ['--max-old-space-size=8192'] }),
  );
  assert.doesNotMatch(snapshotKey({ ...base, extensionVersion: '1.0.0/../x' }), /\//);
});

test('a snapshot built under V8 flags is checked under the same flags, which a start needs too', async () => {
  const dir = tempDir();
  const flags = ['--max-old-space-size=512'];
  const { blob } = await buildSnapshot({
    dir,
    key: 'engine-flags',
    nodePath: process.execPath,
    entry: writeEntry(dir),
    flags,
  });
  const run = (extra: string[]) =>
    spawnSync(process.execPath, [...extra, '--snapshot-blob', blob, path.join(dir, 'entry.js')], {
      env: { ...process.env, [SNAPSHOT_CHECK_ENV]: '1' },
      encoding: 'utf8',
    });
  assert.match(run(flags).stdout, new RegExp(SNAPSHOT_CHECK_ANSWER));
  assert.notEqual(run([]).status, 0, 'V8 refuses the blob under other flags');
});

test('a built snapshot is usable; a truncated one, or one without its record, is deleted', async () => {
  const dir = tempDir();
  const key = 'server-test';
  const { blob, meta } = await buildSnapshot({ dir, key, nodePath: process.execPath, entry: writeEntry(dir) });
  assert.equal(blob, blobPath(dir, key));
  assert.equal(meta.size, fs.statSync(blob).size);
  // Only the blob and its record are left: the temporary files were renamed or removed.
  assert.deepEqual(fs.readdirSync(dir).sort(), ['entry.js', `${key}.blob`, `${key}.json`].sort());
  const logs: string[] = [];
  fs.rmSync(path.join(dir, 'entry.js'));
  assert.equal(
    usableSnapshot(dir, key, (m) => logs.push(m)),
    blob,
  );
  assert.equal(logs.length, 0);

  fs.truncateSync(blob, 1000);
  assert.equal(
    usableSnapshot(dir, key, (m) => logs.push(m)),
    undefined,
  );
  assert.match(logs.join('\n'), /incomplete or does not match/);
  assert.deepEqual(fs.readdirSync(dir), []);

  fs.writeFileSync(blobPath(dir, key), 'x'.repeat(10));
  assert.equal(
    usableSnapshot(dir, key, () => undefined),
    undefined,
  );
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("another key's blob (an older Node or extension build) is deleted; a live build's temp file is kept", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'server-old.blob'), 'old');
  fs.writeFileSync(path.join(dir, 'server-old.json'), '{}');
  fs.writeFileSync(path.join(dir, 'server-new.1.2.tmp'), 'half-written');
  fs.writeFileSync(path.join(dir, 'server-dead.1.1.tmp'), 'left over');
  const hourAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
  fs.utimesSync(path.join(dir, 'server-dead.1.1.tmp'), hourAgo, hourAgo);
  const logs: string[] = [];
  assert.equal(
    usableSnapshot(dir, 'server-new', (m) => logs.push(m)),
    undefined,
  );
  assert.deepEqual(fs.readdirSync(dir), ['server-new.1.2.tmp']);
  assert.match(logs.join('\n'), /server-old\.blob: it was built for another Node/);
  // The Clear command's form: everything goes, however young.
  removeOtherSnapshots(dir, undefined, () => undefined, Number.POSITIVE_INFINITY);
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a snapshot that does not answer its check run is not kept', async () => {
  const dir = tempDir();
  await assert.rejects(
    buildSnapshot({ dir, key: 'server-mute', nodePath: process.execPath, entry: writeEntry(dir, false) }),
    /did not answer/,
  );
  assert.deepEqual(fs.readdirSync(dir), ['entry.js']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a failing build reports Node’s reason and leaves nothing behind', async () => {
  const dir = tempDir();
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(entry, 'throw new Error("the entry broke")');
  await assert.rejects(buildSnapshot({ dir, key: 'server-broken', nodePath: process.execPath, entry }), /exited with/);
  assert.deepEqual(fs.readdirSync(dir), ['entry.js']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Node refuses a corrupt blob with a non-zero exit, which is what the client falls back on', () => {
  const dir = tempDir();
  const blob = path.join(dir, 'corrupt.blob');
  fs.writeFileSync(blob, Buffer.alloc(4096, 7));
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, writeEntry(dir)], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});
