/**
 * The manifest's half of Restricted Mode and of the endpoint's protection: VS Code enforces these
 * declarations, so a change to them is a change to what a repository's settings can do.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { settingSchemas } from '../../src/ui/settingCheck';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[]; description?: string };
  };
  contributes: { configuration: unknown };
}

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Manifest;
// The settings are grouped in categories: one map of them all, by key.
const settings = Object.fromEntries(settingSchemas(manifest.contributes.configuration)) as Record<
  string,
  { scope?: string; type?: string; default?: unknown }
>;

test('the endpoint can only be set by the user or the machine, never by a workspace', () => {
  assert.ok(
    ['machine', 'application'].includes(settings['kql.logAnalytics.endpoint']!.scope ?? ''),
    settings['kql.logAnalytics.endpoint']!.scope,
  );
});

test('untrusted workspaces get limited support, with the data source and endpoint settings restricted', () => {
  const u = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(u?.supported, 'limited');
  assert.match(u?.description ?? '', /local engine only/);
  for (const key of ['kql.backend', 'kql.local.dataFolder', 'kql.logAnalytics.endpoint']) {
    assert.ok(u?.restrictedConfigurations?.includes(key), key);
    assert.ok(settings[key], `${key} is a declared setting`);
  }
});

test('CSV formula protection is a boolean setting, on by default', () => {
  assert.deepEqual(
    [settings['kql.results.csvFormulaProtection']?.type, settings['kql.results.csvFormulaProtection']?.default],
    ['boolean', true],
  );
});

test('a workspace cannot pick the schema file or turn CSV formula protection off in Restricted Mode', () => {
  const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
  for (const key of ['kql.schemaFile', 'kql.results.csvFormulaProtection']) {
    assert.ok(restricted.includes(key), key);
  }
});
