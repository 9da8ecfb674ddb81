import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pushFiltersIntoJoins } from '../../../src/engine/optimize/pushFiltersIntoJoins';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

const JOIN = 'T | join kind=KIND (Machines) on Computer';

test('a where on left columns moves into the left side of an inner, leftouter, leftsemi or leftanti join', () => {
  for (const kind of ['inner', 'leftouter', 'leftsemi', 'leftanti']) {
    const query = `${JOIN.replace('KIND', kind)} | where BytesSent > 60`;
    const after = rewritten(pushFiltersIntoJoins, query).after.split('\n');
    assert.match(after[0]!, /^join kind=/);
    assert.ok(
      after.some((l) => /^ {2}where \(BytesSent > 60\)/.test(l)),
      `${kind}: the where is the join's left input\n${after.join('\n')}`,
    );
    assertSameResult(query);
  }
});

test('innerunique: the left side is filtered before one row a key is kept, as the reference documents', () => {
  const query = `${JOIN.replace('KIND', 'innerunique')} | where Direction == "inbound"`;
  assert.match(rewritten(pushFiltersIntoJoins, query).after, /^join kind=innerunique[^\n]*\n {2}where/);
});

test('not for the kinds that null-fill or drop the left side, nor a where reading a right column', () => {
  for (const kind of ['rightouter', 'fullouter']) {
    assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', kind)} | where isnull(BytesSent)`);
  }
  for (const kind of ['rightsemi', 'rightanti']) {
    assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', kind)} | where OS == "Linux"`);
  }
  assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', 'inner')} | where Cores > 2`);
  assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', 'inner')} | where Computer1 == "web01"`);
  assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', 'inner')} | where BytesSent > Cores`);
  // A row-volatile predicate would see other rows.
  assertUnchanged(pushFiltersIntoJoins, `${JOIN.replace('KIND', 'inner')} | where rand() < 2`);
});
