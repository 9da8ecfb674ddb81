import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computersFromPick, computersSummary, machinePickList, nextMachineSelection } from '../../src/notebook';

const fleet = Array.from({ length: 2_000 }, (_, i) => `vm-${String(i).padStart(4, '0')}`);

test('reopened, Pick Machines lists the current pick first, then the others, and keeps picked names it no longer lists', () => {
  const list = machinePickList(fleet, ['vm-1500', 'gone-01', 'vm-0002']);
  assert.deepEqual(list.picked, ['vm-1500', 'vm-0002']);
  assert.deepEqual(list.unlisted, ['gone-01']);
  assert.equal(list.others.length, 1_998);
  assert.ok(!list.others.includes('vm-1500') && list.others[0] === 'vm-0000');
  assert.deepEqual(machinePickList(fleet, ['*']).picked, [], '"*" is no machine');
  assert.equal(machinePickList(fleet, ['*']).others.length, 2_000);
});

test('on Enter, "All machines" and single machines exclude each other, judged against what was ticked at opening', () => {
  // Machines ticked while All machines stayed ticked are the pick (before: the report still covered all).
  assert.deepEqual(nextMachineSelection(['*'], ['*', 'vm-0001']), ['vm-0001']);
  // All machines ticked anew replaces the machines.
  assert.deepEqual(nextMachineSelection(['vm-0001', 'vm-0002'], ['vm-0001', 'vm-0002', '*']), ['*']);
  // Anything else is the user's selection as it is.
  assert.deepEqual(nextMachineSelection(['vm-0001'], ['vm-0001', 'vm-0002']), ['vm-0001', 'vm-0002']);
  assert.deepEqual(nextMachineSelection(['*'], []), []);
});

test('none, "All machines" or every listed machine writes "*"; a pick keeps its names, quotes and emoji included', () => {
  assert.deepEqual(computersFromPick([], fleet), ['*']);
  assert.deepEqual(computersFromPick(['*'], fleet), ['*']);
  assert.deepEqual(computersFromPick([...fleet].reverse(), fleet), ['*'], '2,000 names would be ~40 KB per query');
  const three = ['o\'brien "db"', 'emoji-🖥️-01', 'שרת-01'];
  assert.deepEqual(computersFromPick(three, [...fleet, ...three]), three);
  assert.deepEqual(computersFromPick(['vm-0001'], []), ['vm-0001'], 'nothing listed is no reason to widen the pick');
});

test('the parameter cell status bar names what is picked in one short line', () => {
  assert.equal(computersSummary(['*']), 'All machines');
  assert.equal(computersSummary([]), 'All machines');
  assert.equal(computersSummary(['web-01']), '1 machine: web-01');
  assert.equal(
    computersSummary(fleet.slice(0, 300)),
    '300 machines: vm-0000, vm-0001, vm-0002, vm-0003, vm-0004, vm-0005, …',
  );
  const long = 'x'.repeat(200);
  assert.equal(computersSummary([long]), `1 machine: ${'x'.repeat(59)}…`);
  // A line break or a codicon in a name shows as text.
  assert.equal(computersSummary(['a\nb', '$(zap)']), '2 machines: a\\u000ab, $\u200b(zap)');
});
