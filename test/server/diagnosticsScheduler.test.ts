import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticsScheduler } from '../../src/server/diagnostics';

describe('DiagnosticsScheduler', () => {
  let checked: string[];
  let scheduler: DiagnosticsScheduler;
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    checked = [];
    scheduler = new DiagnosticsScheduler(async (uri) => void checked.push(uri), 250);
  });
  afterEach(() => mock.timers.reset());

  test("an opened document is checked at once, though its content event follows the open's", () => {
    // What TextDocuments does on didOpen: onDidOpen (immediate check), then onDidChangeContent, same version.
    scheduler.schedule('file:///a.kql', 0, 1);
    scheduler.schedule('file:///a.kql', undefined, 1);
    mock.timers.tick(0);
    assert.deepEqual(checked, ['file:///a.kql']);
    mock.timers.tick(500);
    assert.deepEqual(checked, ['file:///a.kql'], 'checked once');
  });

  test('an edit (a new version) still waits for typing to pause', () => {
    scheduler.schedule('file:///a.kql', 0, 1);
    scheduler.schedule('file:///a.kql', undefined, 2);
    mock.timers.tick(249);
    assert.deepEqual(checked, []);
    mock.timers.tick(1);
    assert.deepEqual(checked, ['file:///a.kql']);
  });

  test('each edit postpones the check, and an earlier deadline for the same version wins', () => {
    scheduler.schedule('file:///a.kql', undefined, 2);
    mock.timers.tick(200);
    scheduler.schedule('file:///a.kql', undefined, 3);
    mock.timers.tick(200);
    assert.deepEqual(checked, [], 'the edit at 200 ms moved the check to 450 ms');
    scheduler.schedule('file:///a.kql', 0, 3);
    mock.timers.tick(0);
    assert.deepEqual(checked, ['file:///a.kql']);
  });

  test('cancel drops a waiting check', () => {
    scheduler.schedule('file:///a.kql', 0, 1);
    scheduler.cancel('file:///a.kql');
    mock.timers.tick(1000);
    assert.deepEqual(checked, []);
  });
});
