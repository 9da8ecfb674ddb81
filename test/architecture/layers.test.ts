import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cycles, importGraph } from './importGraph';

const graph = importGraph(path.resolve(__dirname, '../../src'));

test('the lower layers import nothing from the backends or the UI', () => {
  const lower = ['engine/', 'render/', 'protocol/', 'kql/', 'results/', 'schema/'];
  const offending = [...graph].flatMap(([file, targets]) =>
    lower.some((l) => file.startsWith(l))
      ? targets.filter((t) => t.startsWith('backends/') || t.startsWith('ui/')).map((t) => `${file} → ${t}`)
      : [],
  );
  assert.deepEqual(offending, []);
});

test('the results layer is the bottom: it imports nothing but the schema’s types', () => {
  const offending = [...graph].flatMap(([file, targets]) =>
    file.startsWith('results/')
      ? targets.filter((t) => !t.startsWith('results/') && t !== 'schema/types.ts').map((t) => `${file} → ${t}`)
      : [],
  );
  assert.deepEqual(offending, []);
});

test('the only import cycle is the language’s own recursion: expressions ↔ statements (user functions)', () => {
  assert.deepEqual(cycles(graph), [
    ['engine/plan/expressions.ts', 'engine/plan/statements.ts', 'engine/plan/userFunctions.ts'],
  ]);
});
