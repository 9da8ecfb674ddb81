import assert from 'node:assert/strict';
import { test } from 'node:test';
import { truncationNote } from '../../src/render/truncationNote';

test('the header names the limit that cut the result', () => {
  assert.equal(
    truncationNote([
      'The result PrimaryResult is larger than 1 MB; only its first 502 rows are shown (the size limit).',
    ]),
    'truncated at the size limit',
  );
  assert.equal(
    truncationNote(['The result has 5000 rows; only the first 1000 are shown (the row limit).']),
    'truncated at the row limit',
  );
  // Log Analytics says "Showing the first N of M rows." when it cuts at the row limit.
  assert.equal(truncationNote(['Showing the first 10 of 20 rows.']), 'truncated at the row limit');
});
