/**
 * The run notification's title: "Running query on <backend>…", with one ellipsis even when the
 * backend's label already ends in one (the Log Analytics label cuts the workspace id).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogAnalyticsBackend } from '../../src/backends/logAnalytics';
import { progressTitle } from '../../src/ui/progressTitle';

const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };

test("a Log Analytics label's cut workspace id gets no second ellipsis", () => {
  const backend = new LogAnalyticsBackend({ workspaceId: '7c2e4b1a-8f4d-4c3b-9a7e-5d2f1e0c9b8a', credential });
  assert.equal(progressTitle('Running query', backend.label), 'Running query on Log Analytics: 7c2e4b1a…');
  assert.doesNotMatch(progressTitle('Listing machines', backend.label), /……|…\.\.\./);
});

test('a label that is not cut gets the ellipsis that says work is under way', () => {
  assert.equal(progressTitle('Running query', 'Sample data'), 'Running query on Sample data…');
  assert.equal(
    progressTitle('Running query', 'Log Analytics (no workspace)'),
    'Running query on Log Analytics (no workspace)…',
  );
});
