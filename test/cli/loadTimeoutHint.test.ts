import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTimeoutText, queryTimeoutText } from '../../src/cli/loadTimeoutHint';
import { LoadTimeoutError } from '../../src/data/loaders/loadTimeout';
import { QueryTimeoutError } from '../../src/results/errors';

test('a timeout in a load says which table, how far, and to give --timeout more; the cache only when on', () => {
  const e = new LoadTimeoutError(120_000, 'VMConnection', 1415.9 * 1048576, 2993.4 * 1048576);
  assert.equal(
    loadTimeoutText(e, true),
    'The query did not finish within 120 s: it was still loading VMConnection from its files (1,415.9 of 2,993.4 MB read). A first load of a large export can take longer than the query; allow more with --timeout SECONDS. A load that finishes is kept in the load cache, so later runs skip it.',
  );
  assert.doesNotMatch(loadTimeoutText(e, false)!, /load cache/);
  assert.equal(loadTimeoutText(new QueryTimeoutError(120_000), true), undefined);
});

test('a timeout in the query names the operator it stopped in; none known, the message alone', () => {
  const e = new QueryTimeoutError(5_000, undefined, { stage: 'query', operator: 'where x > 1', line: 2 });
  assert.equal(
    queryTimeoutText(e),
    'The query did not finish within 5 s. It was running `where x > 1` (line 2 of the query).',
  );
  assert.equal(queryTimeoutText(new QueryTimeoutError(5_000)), undefined);
  assert.equal(queryTimeoutText(new Error('x')), undefined);
});
