/** Path settings resolve as VS Code users expect, and a path that names nothing says so. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PathContext, resolveSettingPath } from '../../src/ui/settingPath';

const disk: Record<string, 'dir' | 'file'> = {
  '/ws/a/exports': 'dir',
  '/ws/b/exports': 'dir',
  '/home/me/exports': 'dir',
  '/ws/a/schema.json': 'file',
};
const ctx = (folders: PathContext['folders']): PathContext => ({ folders, home: '/home/me', kindOf: (p) => disk[p] });
const two = ctx([
  { name: 'a', path: '/ws/a' },
  { name: 'b', path: '/ws/b' },
]);

test('a relative path is inside the first workspace folder', () => {
  assert.deepEqual(resolveSettingPath('exports', 'dir', two), { path: '/ws/a/exports' });
  assert.deepEqual(resolveSettingPath('./exports/', 'dir', two), { path: '/ws/a/exports' });
});

test('~ and ${workspaceFolder:Name} pick the home folder and a named folder of a multi-root workspace', () => {
  assert.deepEqual(resolveSettingPath('~/exports', 'dir', two), { path: '/home/me/exports' });
  assert.deepEqual(resolveSettingPath('${workspaceFolder:b}/exports', 'dir', two), { path: '/ws/b/exports' });
  assert.deepEqual(resolveSettingPath('${workspaceFolder}/exports', 'dir', two), { path: '/ws/a/exports' });
  assert.deepEqual(resolveSettingPath('${workspaceFolder:c}/exports', 'dir', two), {
    problem: 'it names ${workspaceFolder} but no workspace folder is called "c"',
  });
});

test('a relative path with no folder open is refused, not read from the extension host’s directory', () => {
  assert.deepEqual(resolveSettingPath('exports', 'dir', ctx([])), {
    problem: 'it is a relative path and no folder is open to resolve it against',
  });
});

test('a folder that is not there, or a file where a folder is wanted, says which path it looked at', () => {
  // The path is kept too: a data folder that is not there yet is waited for (config.ts).
  assert.deepEqual(resolveSettingPath('/nowhere', 'dir', two), {
    problem: '/nowhere does not exist',
    missing: '/nowhere',
  });
  assert.deepEqual(resolveSettingPath('missing', 'dir', two), {
    problem: '/ws/a/missing does not exist',
    missing: '/ws/a/missing',
  });
  assert.deepEqual(resolveSettingPath('schema.json', 'dir', two), {
    problem: '/ws/a/schema.json is a file, not a folder',
  });
  assert.deepEqual(resolveSettingPath('schema.json', 'file', two), { path: '/ws/a/schema.json' });
});
