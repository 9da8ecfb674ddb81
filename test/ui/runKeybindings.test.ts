import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Keybinding {
  command: string;
  key: string;
  when?: string;
  args?: unknown;
}
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { keybindings: Keybinding[] };
};

test('Shift+Enter inside a snippet session runs the query at the cursor, not the selected placeholder', () => {
  const runs = pkg.contributes.keybindings.filter((k) => k.command === 'kql.runQuery' && k.key === 'shift+enter');
  const plain = runs.find((k) => /!inSnippetMode/.test(k.when ?? ''));
  const inSnippet = runs.find((k) => /(^|&& )inSnippetMode/.test(k.when ?? ''));
  assert.ok(plain, 'the ordinary binding stays out of snippet sessions');
  assert.deepEqual(inSnippet?.args, { ignoreSelection: true });
  // In a notebook Shift+Enter is the notebook's own "run cell".
  for (const k of runs) assert.match(k.when ?? '', /!notebookEditorFocused/);
});
