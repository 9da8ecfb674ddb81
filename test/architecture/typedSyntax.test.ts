import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PLAN = path.resolve(__dirname, '../../src/engine/plan');

// The lowering reads Kusto's tree through the node types the library declares, one downcast per case:
// a cast through `unknown` (or a name-keyed view of a node) would hide a misspelt property from tsc.
test('the plan reads Kusto’s syntax tree through its declared types, never a cast through unknown', () => {
  const offending = fs
    .readdirSync(PLAN)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      fs
        .readFileSync(path.join(PLAN, f), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\bas unknown as\b|Record<string, Node>/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
  assert.deepEqual(offending, []);
});
