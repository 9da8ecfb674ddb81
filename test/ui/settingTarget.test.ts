/** A setting a command changes is written where it takes effect: a folder's value would hide the user's. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingTarget } from '../../src/ui/settingTarget';

test("a setting only the user sets (or nobody) is written to the user's settings", () => {
  assert.equal(settingTarget(undefined), 'user');
  assert.equal(settingTarget({}), 'user');
});

test("a setting the folder sets is written to the folder's settings, where the pick takes effect", () => {
  assert.equal(settingTarget({ workspaceValue: 'local' }), 'workspace');
  assert.equal(settingTarget({ workspaceFolderValue: 'local' }), 'workspace');
  // A folder value of false or an empty string still hides the user's.
  assert.equal(settingTarget({ workspaceValue: false }), 'workspace');
  assert.equal(settingTarget({ workspaceValue: '' }), 'workspace');
});
