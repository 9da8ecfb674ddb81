/**
 * How `npm test` runs the unit test files (scripts/test-plan.mjs): which may share a process, and in
 * what groups and order. A file wrongly shared would see what another file left in the process (an
 * environment variable, a mock, a loaded library) and pass or fail for that.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';

type Plan = typeof import('../../scripts/test-plan.mjs');
const plan = (): Promise<Plan> => import('../../scripts/test-plan.mjs');

const sources = (files: Record<string, string>) => (f: string) => {
  return files[path.relative(process.cwd(), f)];
};

test('a file that changes the process, or imports a test helper that does, keeps a process of its own', async () => {
  const { ownProcessReason } = await plan();
  const read = sources({
    'test/a.test.ts': "import { x } from '../src/engine';\ntest('a', () => {});",
    'test/env.test.ts': "process.env.KQL_ANALYSIS_CAPACITY = '2';",
    'test/global.test.ts': 'globalThis.fetch = undefined;',
    'test/mock.test.ts': "import { mock } from 'node:test';",
    'test/child.test.ts': "import { spawn } from 'node:child_process';",
    'test/marked.test.ts': '// @ownProcess: checks a fresh process',
    'test/exit.test.ts': 'process.on("exit", () => {});',
    'test/viaHelper.test.ts': "import { h } from './helper';",
    'test/helper.ts': "import { deeper } from './deeper';",
    'test/deeper.ts': 'process.env.X = "1";',
  });
  const reason = (f: string) => ownProcessReason(f, read);
  assert.equal(reason('test/a.test.ts'), undefined, 'an import of src/ is the subject, shared on purpose');
  assert.equal(reason('test/env.test.ts'), 'environment');
  assert.equal(reason('test/global.test.ts'), 'globals');
  assert.equal(reason('test/mock.test.ts'), 'mocks');
  assert.equal(reason('test/child.test.ts'), 'children');
  assert.equal(reason('test/marked.test.ts'), '@ownProcess');
  assert.equal(reason('test/exit.test.ts'), 'process');
  assert.equal(reason('test/viaHelper.test.ts'), `environment (${path.join('test', 'deeper.ts')})`);
});

test("the repository's own fresh-process tests are kept apart", async () => {
  const { ownProcessReason } = await plan();
  for (const f of [
    'test/engine/functions/geodesicLazy.test.ts',
    'test/engine/functions/h3Lazy.test.ts',
    'test/kql/deferredGrammar.test.ts',
    'test/cli/cli.test.ts',
  ]) {
    assert.notEqual(ownProcessReason(f), undefined, f);
  }
  assert.equal(ownProcessReason('test/engine/parseKv.test.ts'), undefined);
});

test('units run heaviest first; shared groups are filled to their weight or count, every file once', async () => {
  const { planUnits } = await plan();
  const files = ['a', 'b', 'c', 'd', 'e', 'own1', 'own2', 'fresh'].map((f) => `test/${f}.test.ts`);
  const weights = {
    'test/a.test.ts': 40,
    'test/b.test.ts': 30,
    'test/c.test.ts': 5,
    'test/d.test.ts': 1,
    'test/e.test.ts': 1,
  };
  Object.assign(weights, { 'test/own1.test.ts': 100, 'test/own2.test.ts': 2 });
  const units = planUnits(files, {
    isolate: (f: string) => f.includes('own'),
    weights,
    groupSeconds: 45,
    unknownWeight: 3,
  });
  assert.deepEqual(
    units.map((u) => [u.shared, u.files.map((f) => path.basename(f, '.test.ts'))]),
    [
      [false, ['own1']],
      [true, ['a']],
      [true, ['b', 'c', 'fresh', 'd', 'e']],
      [false, ['own2']],
    ],
  );
  const all = units.flatMap((u) => u.files).sort();
  assert.deepEqual(all, [...files].sort(), 'each file in exactly one unit');
  // A group never exceeds its count, and a file heavier than a group is a group alone.
  const counted = planUnits(files, { isolate: () => false, groupFiles: 3, groupSeconds: 10, weights });
  assert.ok(counted.every((u) => u.files.length <= 3));
  assert.deepEqual(counted[0]?.files, ['test/own1.test.ts']);
  assert.deepEqual(counted[1]?.files, ['test/a.test.ts']);
});
