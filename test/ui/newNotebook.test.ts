/**
 * A new KQL notebook is one command away: the Command Palette and File > New File… list it, and the
 * extension registers what they call (the electron suite checks registration at run time as well).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string }[]> };
};

test('New KQL Notebook is in the Command Palette and in File > New File…, and the extension registers it', () => {
  const declared = manifest.contributes.commands.find((c) => c.command === 'kql.newNotebook');
  assert.equal(declared?.title, 'New KQL Notebook');
  assert.ok(
    manifest.contributes.menus['file/newFile']?.some((m) => m.command === 'kql.newNotebook'),
    'File > New File… lists it',
  );
  const source = fs.readFileSync(path.join(root, 'src/ui/notebook/notebookCommands.ts'), 'utf8');
  assert.match(source, /registerCommand\('kql\.newNotebook', newNotebook\)/);
});
