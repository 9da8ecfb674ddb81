/**
 * The results panel's heading over an error says what happened: each failure Log Analytics answers
 * with (as errorMapping.ts turns the SDK's errors into the backend contract's) gets its own heading;
 * the local engine's keep theirs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignInRequiredError, toBackendError } from '../../src/backends/logAnalytics/errorMapping';
import { KqlError } from '../../src/kql/errors';
import { BackendError, QueryCancelledError } from '../../src/results/errors';
import { errorHeading } from '../../src/ui/errorHeading';

/** An SDK RestError-like failure with the service's JSON error body. */
function answered(status: number, code = 'SomeError'): unknown {
  return { name: 'RestError', statusCode: status, details: { error: { code, message: `said ${status}` } } };
}

/** The heading the panel shows for what the SDK threw, after the backend's own mapping. */
function headingFor(thrown: unknown): string {
  const e = toBackendError(thrown, false);
  if (e instanceof KqlError) {
    return errorHeading({ kind: 'query', backend: 'logAnalytics', code: e.code });
  }
  assert.ok(e instanceof BackendError, `a BackendError, not ${String(e)}`);
  return errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: e.kind, status: e.status });
}

test('each Log Analytics failure has its own heading', () => {
  assert.equal(headingFor(answered(400, 'BadArgumentError')), 'Log Analytics rejected the query');
  assert.equal(headingFor(answered(401, 'InvalidTokenError')), 'Not signed in to Log Analytics');
  assert.equal(headingFor(new SignInRequiredError()), 'Not signed in to Log Analytics');
  assert.equal(headingFor(answered(403, 'InsufficientAccessError')), 'No access to the workspace');
  assert.equal(headingFor(answered(429, 'ThrottledError')), 'Log Analytics is throttling requests');
  assert.equal(headingFor(answered(500, 'InternalServerError')), 'Log Analytics failed');
  assert.equal(headingFor(answered(503)), 'Log Analytics is unavailable');
  assert.equal(headingFor(answered(404, 'WorkspaceNotFoundError')), 'Log Analytics does not know this workspace');
  assert.equal(
    headingFor({ name: 'Error', code: 'ECONNREFUSED', message: 'connect refused' }),
    'Could not reach Log Analytics',
  );
});

test('the five common failures read differently, none of them "The backend failed"', () => {
  const headings = [400, 401, 403, 429, 500].map((s) => headingFor(answered(s)));
  assert.equal(new Set(headings).size, headings.length);
  assert.ok(!headings.includes('The backend failed'));
});

test('a setting missing, a broken 200 and the extension’s own query errors say so', () => {
  const missing = new BackendError('config', 'Set kql.logAnalytics.workspaceId to the workspace to query.');
  assert.equal(
    errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: missing.kind }),
    'Log Analytics is not set up',
  );
  assert.equal(
    errorHeading({ kind: 'backend', backend: 'logAnalytics', backendKind: 'server', status: 200 }),
    'Log Analytics sent an unreadable answer',
  );
  // A parameter left without a value is the query's own error, found before anything was sent.
  assert.equal(
    errorHeading({ kind: 'query', backend: 'logAnalytics', code: 'KQL-PARAMETER' }),
    'The query has an error',
  );
});

test('the local engine keeps its headings; cancel and timeout are the same on both', () => {
  assert.equal(errorHeading({ kind: 'query', backend: 'local', code: 'KS142' }), 'The query has an error');
  assert.equal(errorHeading({ kind: 'backend', backend: 'local', backendKind: 'server' }), 'The backend failed');
  assert.equal(
    errorHeading({ kind: 'backend', backend: 'local', backendKind: 'data' }),
    'The data could not be loaded',
  );
  assert.ok(toBackendError(new Error('x'), true) instanceof QueryCancelledError);
  for (const backend of ['local', 'logAnalytics'] as const) {
    assert.equal(errorHeading({ kind: 'cancelled', backend }), 'Cancelled');
    assert.equal(errorHeading({ kind: 'timeout', backend }), 'Timed out');
  }
});
