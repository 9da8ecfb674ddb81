import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cannotRunNote, missingTables } from '../../src/notebook';

const SERVICE_MAP_ONLY = ['ServiceMapComputer_CL', 'ServiceMapProcess_CL'];

test('the catalogue tables a query reads that the workspace lacks, in catalogue order', () => {
  const q = 'VMBoundPort | join kind=inner (VMConnection | where Direction == "inbound") on Computer';
  assert.deepEqual(missingTables(q, SERVICE_MAP_ONLY), ['VMConnection', 'VMBoundPort']);
  assert.deepEqual(missingTables(q, ['VMConnection', 'VMBoundPort', ...SERVICE_MAP_ONLY]), []);
  assert.deepEqual(missingTables('ServiceMapComputer_CL | take 5', SERVICE_MAP_ONLY), []);
});

test('a table named in a comment, a string or as part of a longer name is no use of it', () => {
  const q = [
    '// unlike VMConnection, this reads the inventory',
    'ServiceMapComputer_CL',
    '| where ComputerName_s != "VMComputer" and Notes != @\'VMProcess\'',
    '| extend VMConnectionCount = 0',
  ].join('\n');
  assert.deepEqual(missingTables(q, SERVICE_MAP_ONLY), []);
});

test('a user table the workspace lacks is left to the query error: only catalogue tables are judged', () => {
  assert.deepEqual(missingTables('Heartbeat | take 1', SERVICE_MAP_ONLY), []);
});

test('the note names the missing tables, where they come from, and what the workspace has', () => {
  assert.equal(
    cannotRunNote(['VMConnection'], SERVICE_MAP_ONLY),
    'This part cannot run on this workspace: it reads VMConnection, which the workspace does not have. ' +
      'That table is written by VM insights with processes and dependencies (the Dependency agent). ' +
      'Of the tables these reports use, the workspace has ServiceMapComputer_CL and ServiceMapProcess_CL.',
  );
  assert.match(
    cannotRunNote(['VMConnection', 'VMBoundPort'], []),
    /reads VMConnection and VMBoundPort, .*Those tables are .* The workspace has none of the tables these reports use\.$/,
  );
});
