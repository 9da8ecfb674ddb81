import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { currentBundle } from './builtBundle';

test('a bundle older than a source file, or missing, is not used: the children compile src/', (t) => {
  const dist = path.resolve(__dirname, '../dist');
  fs.mkdirSync(dist, { recursive: true });
  const name = `builtBundle-test-${process.pid}.js`;
  const file = path.join(dist, name);
  t.after(() => fs.rmSync(file, { force: true }));
  assert.equal(currentBundle(name), undefined, 'missing');
  fs.writeFileSync(file, '');
  fs.utimesSync(file, new Date(0), new Date(0));
  assert.equal(currentBundle(name), undefined, 'older than src/');
  const future = new Date(Date.now() + 60_000);
  fs.utimesSync(file, future, future);
  assert.equal(currentBundle(name), process.env.KQL_TEST_FROM_SOURCE ? undefined : file, 'current');
});
