import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateBeforeJoin } from '../../../src/engine/optimize/aggregateBeforeJoin';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

const JOIN = 'T | join kind=fullouter (Machines) on Computer';

test('summarize over an outer join sums the left side per join key first', () => {
  const query = `${JOIN} | summarize sum(BytesSent), count() by Computer, OS`;
  assert.equal(
    rewritten(aggregateBeforeJoin, query).after,
    [
      'summarize sum_BytesSent = sum($partial0), count_ = sum(coalesce($partial1, 1)) by Computer, OS',
      '  join kind=fullouter on Computer == Computer',
      '    summarize $partial0 = sum(BytesSent), $partial1 = count() by Computer',
      '      table T',
      '    table Machines',
    ].join('\n'),
  );
  assertSameResult(query);
});

test('not for innerunique joins, computed keys or aggregates that do not decompose', () => {
  assertUnchanged(aggregateBeforeJoin, 'T | join (Machines) on Computer | summarize sum(BytesSent) by OS');
  assertUnchanged(aggregateBeforeJoin, `${JOIN} | summarize sum(BytesSent) by tolower(OS)`);
  assertUnchanged(aggregateBeforeJoin, `${JOIN} | summarize avg(BytesSent) by OS`);
  assertUnchanged(aggregateBeforeJoin, `${JOIN} | summarize sum(Cores) by Computer`);
});
