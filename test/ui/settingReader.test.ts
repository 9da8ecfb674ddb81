/** A bad setting is told once, not at every query that reads it; again only after it changed. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RawSetting, SettingReader } from '../../src/ui/settingReader';

function reader(values: Record<string, unknown>) {
  const told: string[] = [];
  const schemas = new Map([
    ['kql.local.rowLimit', { type: 'integer', default: 500_000, minimum: 1 }],
    ['kql.backend', { type: 'string', default: 'local', enum: ['local', 'logAnalytics'] }],
  ]);
  const raw = (key: string, userOnly: boolean): RawSetting => ({
    value: values[key],
    where: userOnly ? 'your user settings' : 'the workspace settings',
  });
  return { told, r: new SettingReader(schemas, raw, (problem) => told.push(problem)) };
}

test('a hundred reads of a bad row limit tell it once', () => {
  const { told, r } = reader({ 'local.rowLimit': -1 });
  for (let i = 0; i < 100; i++) assert.equal(r.read('local.rowLimit'), 500_000);
  assert.equal(told.length, 1);
  assert.match(told[0]!, /kql\.local\.rowLimit is -1 in the workspace settings/);
});

test('fixed, then broken again: told again; another bad value is told too', () => {
  const values: Record<string, unknown> = { 'local.rowLimit': -1 };
  const { told, r } = reader(values);
  r.read('local.rowLimit');
  values['local.rowLimit'] = 1000;
  assert.equal(r.read('local.rowLimit'), 1000);
  values['local.rowLimit'] = -1;
  r.read('local.rowLimit');
  values['local.rowLimit'] = 'x';
  r.read('local.rowLimit');
  assert.equal(told.length, 3);
});

test('readAll tells every bad setting once, so a saved mistake shows before any query', () => {
  const { told, r } = reader({ 'local.rowLimit': 0, backend: 'nope' });
  r.readAll(new Set());
  r.readAll(new Set());
  assert.equal(told.length, 2);
  assert.match(told.join('\n'), /kql\.backend is "nope"/);
});

test('a problem found after reading (a path not on disk) is told once under its own id', () => {
  const { told, r } = reader({});
  r.problem('local.dataFolder#path', 'not there');
  r.problem('local.dataFolder#path', 'not there');
  r.read('local.dataFolder');
  r.problem('local.dataFolder#path', 'not there');
  assert.deepEqual(told, ['not there']);
});

test('with a delay, only what still stands when the settings are quiet is told (typing in the Settings editor)', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const told: string[] = [];
  const r = new SettingReader(
    new Map(),
    () => ({ value: undefined, where: '' }),
    (p) => told.push(p),
    1000,
  );
  // "e", "ex", "exp" do not exist on the way to "exports", which does.
  r.problem('local.dataFolder#path', '/ws/e does not exist');
  t.mock.timers.tick(300);
  r.problem('local.dataFolder#path', '/ws/ex does not exist');
  t.mock.timers.tick(300);
  r.problem('local.dataFolder#path', undefined);
  t.mock.timers.tick(2000);
  assert.deepEqual(told, []);
  // A typo that stays: told once, the latest value only.
  r.problem('local.dataFolder#path', '/ws/exprots does not exist');
  r.problem('local.rowLimit', 'bad row limit');
  t.mock.timers.tick(999);
  assert.deepEqual(told, []);
  t.mock.timers.tick(1);
  assert.deepEqual(told, ['/ws/exprots does not exist', 'bad row limit']);
  r.problem('local.dataFolder#path', '/ws/exprots does not exist');
  t.mock.timers.tick(2000);
  assert.equal(told.length, 2);
  r.dispose();
});
