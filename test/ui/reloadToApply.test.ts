/** A setting the running extension cannot apply says "reload to apply"; the others apply at once. */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { RELOAD_TO_APPLY, reloadToApplyMessage } from '../../src/ui/reloadToApply';
import { settingSchemas } from '../../src/ui/settingCheck';

test('turning the start-up snapshots off asks for a reload; a row limit does not', () => {
  assert.equal(
    reloadToApplyMessage((k) => k === 'kql.startup.snapshot'),
    'kql.startup.snapshot changed: reload the window to apply it.',
  );
  assert.equal(
    reloadToApplyMessage((k) => k === 'kql.local.rowLimit'),
    undefined,
  );
});

test('each setting that needs a reload is declared and its description says so', () => {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { contributes: { configuration: unknown } };
  const schemas = settingSchemas(manifest.contributes.configuration);
  for (const key of RELOAD_TO_APPLY) {
    const s = schemas.get(key) as { markdownDescription?: string } | undefined;
    assert.match(s?.markdownDescription ?? '', /Reload Window/, key);
  }
});
