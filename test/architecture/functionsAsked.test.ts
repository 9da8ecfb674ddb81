// The executor asks a function's definition what it can do (kernels, bucket step, typed fold, window
// flag) instead of matching names: adding a function touches its own file only. A plain scan of exec/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aggregateFunctionNames, scalarFunctionNames, WINDOW_FUNCTIONS } from '../../src/engine/functions';

const root = path.resolve(__dirname, '../..');
const execDir = path.join(root, 'src/engine/exec');
const functionNames = new Set([...scalarFunctionNames(), ...aggregateFunctionNames(), ...WINDOW_FUNCTIONS]);

/** The plan's node and expression kinds (`k: 'count'`): operators, which may share a function's name. */
const planKinds = new Set(
  [...fs.readFileSync(path.join(root, 'src/engine/plan/types.ts'), 'utf8').matchAll(/\bk: '([a-zA-Z]+)'/g)].map(
    (m) => m[1]!,
  ),
);

function execFiles(): { file: string; lines: string[] }[] {
  return fs
    .readdirSync(execDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, lines: fs.readFileSync(path.join(execDir, f), 'utf8').split('\n') }));
}

/** The offending lines of exec/ for a text: file:line and the line. */
export function functionNameUses(files: readonly { file: string; lines: readonly string[] }[]): string[] {
  const found: string[] = [];
  for (const { file, lines } of files) {
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      const where = `${file}:${i + 1}: ${line.trim()}`;
      // A call's name compared with or switched on: whatever the name, that is matching names.
      if (
        /\.name\s*[!=]==?\s*'/.test(code) ||
        /'\s*[!=]==?\s*\w+\.name\b/.test(code) ||
        /switch\s*\(\s*[\w.]*\.name\s*\)/.test(code)
      ) {
        found.push(where);
        return;
      }
      for (const m of code.matchAll(/'([a-z_0-9]+)'/g)) {
        if (functionNames.has(m[1]!) && !planKinds.has(m[1]!)) {
          found.push(where);
          return;
        }
      }
    });
  }
  return found;
}

test('no file under src/engine/exec names a KQL function: it asks the definition', () => {
  assert.deepEqual(functionNameUses(execFiles()), []);
});

test('the scan catches a name list, a name comparison and a switch on names', () => {
  const lines = [
    "const FAST = new Set(['sum', 'dcount']);",
    "if (call.name === 'count') {",
    'switch (expr.name) {',
    "case 'row_cumsum':",
    "export function runCount(plan: P<'count'>, input: Table): Table {",
  ];
  assert.deepEqual(
    functionNameUses([{ file: 'x.ts', lines }]).map((l) => l.split(':')[1]),
    ['1', '2', '3', '4'],
  );
});

test('docs/contributing.md\'s "how to add a function" names only files and definition fields that exist', () => {
  const guide = fs.readFileSync(path.join(root, 'docs/contributing.md'), 'utf8');
  const bullet = /^- \*\*a function\*\*:[\s\S]*?(?=\n- \*\*)/m.exec(guide)?.[0];
  assert.ok(bullet, 'docs/contributing.md has a "how to add… a function" line');
  const types = fs.readFileSync(path.join(root, 'src/engine/functions/types.ts'), 'utf8');
  const define = fs.readFileSync(path.join(root, 'src/engine/functions/define.ts'), 'utf8');
  const missing: string[] = [];
  for (const [, token] of bullet.matchAll(/`([^`]+)`/g)) {
    if (token!.includes('/')) {
      const candidates = [token!, `src/engine/${token}`].map((p) => path.join(root, p));
      if (!candidates.some((p) => fs.existsSync(p))) {
        missing.push(`file ${token}`);
      }
    } else if (/^[a-zA-Z_]+$/.test(token!)) {
      const declared =
        new RegExp(`\\b(readonly )?${token}\\??[(:]`).test(types) ||
        new RegExp(`export function ${token}\\b`).test(define);
      if (!declared && !functionNames.has(token!)) {
        missing.push(token!);
      }
    }
  }
  assert.deepEqual(missing, []);
  assert.match(bullet, /Nothing in\s+`exec\/` names a function/);
});
