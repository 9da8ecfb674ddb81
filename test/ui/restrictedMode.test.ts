/**
 * The manifest's half of Restricted Mode and of the endpoint's protection: VS Code enforces these
 * declarations, so a change to them is a change to what a repository's settings can do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[]; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string; type?: string; default?: unknown }> } };
}

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

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
