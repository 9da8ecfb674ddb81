import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { FolderPresence, tooWideToWatch } from '../../src/ui/folderPresence';

test('a data folder created, deleted, created again, renamed away and a file put in its place is each told once', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-presence-'));
  const dir = path.join(parent, 'my exports – 日本');
  try {
    const presence = new FolderPresence(dir);
    assert.equal(presence.exists, false);
    assert.equal(presence.check(), undefined);
    fs.mkdirSync(dir);
    assert.equal(presence.check(), 'was created');
    assert.equal(presence.exists, true);
    fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer\nweb-01\n');
    assert.equal(presence.check(), undefined, 'a file inside is the watcher’s to see');
    // Renamed away and another folder renamed into its place: the watcher follows the old one.
    fs.renameSync(dir, `${dir}.old`);
    assert.equal(presence.check(), 'was deleted or renamed');
    fs.mkdirSync(`${dir}.new`);
    fs.renameSync(`${dir}.new`, dir);
    assert.equal(presence.check(), 'was created');
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, 'not a folder');
    assert.equal(presence.check(), 'is now a file');
    assert.equal(presence.exists, false);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a folder swapped for another between two looks is told as replaced', () => {
  let ino = 1;
  const presence = new FolderPresence('/data', () => ({ isDirectory: () => true, dev: 1, ino }));
  assert.equal(presence.check(), undefined);
  ino = 2;
  assert.equal(presence.check(), 'was replaced by another folder');
});

test('the root and the home folder are too wide to watch; folders under them are not', () => {
  assert.equal(tooWideToWatch('/', '/home/ann'), true);
  assert.equal(tooWideToWatch('/home/ann', '/home/ann'), true);
  assert.equal(tooWideToWatch('/home/ann/', '/home/ann'), true);
  assert.equal(tooWideToWatch('/home/ann/exports', '/home/ann'), false);
  assert.equal(tooWideToWatch('/home', '/home/ann'), false);
});
