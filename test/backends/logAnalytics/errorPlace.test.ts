/**
 * Log Analytics' semantic errors carry no position. A name the service could not resolve (a table the
 * workspace lacks, a misspelt column) is found where the query uses it, so the editor and a notebook
 * cell show the error at that line:column rather than at the query's first character.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isUnplaced, placeServiceError } from '../../../src/backends/logAnalytics/errorPlace';
import { KqlError } from '../../../src/kql/errors';
import { loopbackBackend, useLoopbackServer } from './loopbackServer';
import { unresolvedName } from './serviceAnswers';

const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const zero = { line: 0, character: 0 };
const unplaced = (message: string) => new KqlError('BadArgumentError', message, { start: zero, end: zero });

describe('placing a Log Analytics error in the query', () => {
  test('the unresolved name is found where the query uses it, not in a comment or a string', () => {
    const query = '// Heartbeats of the day\nlet Recent = 1d;\nprint "Heartbeats"\n| union (Heartbeats | take 1)';
    const placed = placeServiceError(
      query,
      unplaced("'union' operator: Failed to resolve table or column expression named 'Heartbeats'"),
    );
    assert.deepEqual(placed.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 19 } });
    assert.equal(query.slice(placed.start, placed.end), 'Heartbeats');
    assert.equal(isUnplaced(placed), false);
  });

  test('a name that is only a prefix of another is not taken for it', () => {
    const placed = placeServiceError(
      'HeartbeatsX\n| union Heartbeats',
      unplaced("Failed to resolve table expression named 'Heartbeats'"),
    );
    assert.deepEqual(placed.range.start, { line: 1, character: 8 });
  });

  test('an error naming nothing, or a name the query does not hold, stays unplaced', () => {
    const other = unplaced('Query exceeded the memory limit');
    assert.equal(placeServiceError('T | take 1', other), other);
    assert.equal(isUnplaced(other), true);
    const absent = unplaced("Failed to resolve scalar expression named 'Nope'");
    assert.equal(isUnplaced(placeServiceError('T | take 1', absent)), true);
  });

  describe('on the wire', () => {
    const loopback = useLoopbackServer();
    test("a cell's own table the workspace lacks: the error is at its line:column in the text given", async () => {
      loopback.server.script([unresolvedName('where', 'Heartbeats')]);
      const backend = loopbackBackend(loopback, { credential });
      // A notebook's text: the definitions of the cells above, then the cell.
      const query = 'let Recent = 1d;\nHeartbeats\n| where TimeGenerated > ago(Recent)';
      await assert.rejects(backend.run(query), (e: unknown) => {
        assert.ok(e instanceof KqlError, String(e));
        assert.deepEqual(e.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
        assert.match(e.message, /named 'Heartbeats'/);
        return true;
      });
    });
  });
});
