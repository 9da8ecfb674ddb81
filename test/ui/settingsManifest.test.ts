/**
 * The settings as the Settings editor shows them: grouped, each described with its unit, bounded where
 * a number has bounds, each enum value explained, and a scope that says honestly who may set it (the
 * extension reads every setting without a resource, so a folder of a multi-root workspace cannot set
 * one: `resource` would offer what is then ignored).
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { settingSchemas } from '../../src/ui/settingCheck';

interface Declared {
  type?: string;
  scope?: string;
  order?: number;
  enum?: unknown[];
  enumDescriptions?: string[];
  minimum?: number;
  description?: string;
  markdownDescription?: string;
}
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { title?: string; properties?: Record<string, Declared> }[] };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const categories = manifest.contributes.configuration;
const settings = settingSchemas(categories) as Map<string, Declared>;

test('the settings are grouped in titled categories', () => {
  assert.ok(Array.isArray(categories) && categories.length > 1);
  for (const c of categories) assert.ok(c.title && Object.keys(c.properties ?? {}).length > 0, c.title);
});

test('each setting has a description, an explicit scope and an order', () => {
  for (const [key, s] of settings) {
    assert.ok((s.markdownDescription ?? s.description ?? '').length > 30, `${key} has a description`);
    assert.ok(['application', 'machine', 'window'].includes(s.scope ?? ''), `${key}: scope ${s.scope}`);
    assert.equal(typeof s.order, 'number', `${key} has an order`);
  }
});

test('numbers have a lower bound and a unit; enums explain each value', () => {
  for (const [key, s] of settings) {
    if (s.type === 'number' || s.type === 'integer') {
      assert.equal(typeof s.minimum, 'number', `${key} minimum`);
      assert.match(
        s.markdownDescription ?? s.description ?? '',
        /\b(rows?|MB|seconds|points|Seconds|Rows|Points|Memory)\b/,
        key,
      );
    }
    if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} enumDescriptions`);
  }
});

test('links to other settings name declared ones', () => {
  for (const [key, s] of settings) {
    for (const m of (s.markdownDescription ?? '').matchAll(/`#(kql\.[\w.]+)#`/g)) {
      assert.ok(settings.has(m[1]!), `${key} links to ${m[1]}`);
    }
  }
});

test('the restricted settings are declared ones', () => {
  for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations) {
    assert.ok(settings.has(key), key);
  }
});

test('the data folder is one per window: a multi-root workspace sets it in its workspace file, as its description says', () => {
  // One engine and one Machines view serve the window, so a .kql file in either folder runs on the same
  // data; the status bar names it ("Files: <folder>").
  const dataFolder = settings.get('kql.local.dataFolder')!;
  assert.equal(dataFolder.scope, 'window');
  assert.match(
    dataFolder.markdownDescription ?? '',
    /multi-root workspace \(there, set it in the workspace file: one data folder serves the window\)/,
  );
});
