// ingestion_time(), extent_id() and extent_tags() on local tables, which are files: what the reference
// gives for records without an IngestionTime policy and not in an extent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rows } from './helpers';

test('every record of a table: null ingestion time, the empty guid, no extent tags', () => {
  const q = `datatable(x:long)[1, 2]
    | extend t = ingestion_time(), id = extent_id(), tags = extent_tags()
    | extend isNull = isnull(t), idType = gettype(id), n = array_length(tags)
    | project-away t`;
  assert.deepEqual(rows(q), [
    [1, '00000000-0000-0000-0000-000000000000', [], true, 'guid', 0],
    [2, '00000000-0000-0000-0000-000000000000', [], true, 'guid', 0],
  ]);
});

test("the reference's extent_tags filter finds nothing: no record is in a tagged extent", () => {
  const q = "datatable(x:long)[1] | extend Tags = extent_tags() | where Tags has_cs 'MyTag' | count";
  assert.deepEqual(rows(q), [[0]]);
});
