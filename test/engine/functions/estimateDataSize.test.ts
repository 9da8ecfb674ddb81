/** estimate_data_size: the reference's example and the sizes it states. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { column, rows } from './helpers';

test('estimate_data_size(*): the reference example, (8 + 10) x 10 = 180', () => {
  const r = rows(`range x from 1 to 10 step 1
| extend Text = '1234567890'
| summarize Total=sum(estimate_data_size(*))`);
  assert.deepEqual(r, [[180]]);
});

test('estimate_data_size of named columns, and a string counts its UTF-8 bytes', () => {
  assert.deepEqual(column('range x from 1 to 2 step 1 | extend s = "abc" | project e = estimate_data_size(x)'), [8, 8]);
  assert.deepEqual(column('print s = "héllo", n = 1 | project e = estimate_data_size(s)'), [6]);
  assert.deepEqual(
    column('range x from 1 to 1 step 1 | extend s = "", t = "ab" | project e = estimate_data_size(s, t)'),
    [2],
  );
});

test('estimate_data_size: a dynamic value is larger than the same JSON as a string (the reference says so)', () => {
  const [r] = rows(
    `print s = '{"a":"bcd"}', d = dynamic({"a":"bcd"}) | project es = estimate_data_size(s), ed = estimate_data_size(d)`,
  );
  assert.ok((r![1] as number) > (r![0] as number));
});

test('estimate_data_size(*) sees the operator input, not columns the same extend adds', () => {
  assert.deepEqual(
    column('range x from 1 to 1 step 1 | extend t = "abcd", e = estimate_data_size(*) | project e'),
    [8],
  );
});
