/**
 * The service nests its error messages (outer message, innererror, details), each written to stand
 * alone: joined, each reads as its own sentence wherever the error shows (results panel, cell, CLI).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinServiceMessages, toBackendError } from '../../../src/backends/logAnalytics/errorMapping';
import { KqlError } from '../../../src/kql/errors';
import { unresolvedName } from './serviceAnswers';

test('a message without closing punctuation gets a full stop before the next; the last is kept as written', () => {
  assert.equal(
    joinServiceMessages([
      'The request had some invalid properties',
      'A semantic error occurred.',
      "'take' operator: Failed to resolve table or column expression named 'Heartbeats'",
    ]),
    "The request had some invalid properties. A semantic error occurred. 'take' operator: Failed to resolve table or column expression named 'Heartbeats'",
  );
});

test('a message that already ends a sentence or leads into the next keeps its own punctuation', () => {
  assert.equal(joinServiceMessages(['Is it there?', 'Reasons:', 'none! ', 'last']), 'Is it there? Reasons: none! last');
  assert.equal(joinServiceMessages(['only one']), 'only one');
  assert.equal(joinServiceMessages([]), '');
});

test("a rejected query's error reads as sentences, not one run-on line", () => {
  const answer = unresolvedName('take', 'Heartbeats');
  const error = toBackendError({ statusCode: 400, details: { error: answer.body.error } }, false);
  assert.ok(error instanceof KqlError, String(error));
  assert.equal(
    error.message,
    "The request had some invalid properties. A semantic error occurred. 'take' operator: Failed to resolve table or column expression named 'Heartbeats'",
  );
});
