/**
 * The Problems panel's entries for a data folder: a file whose table did not load is an error that
 * says so; a skipped line of a file whose table loaded is a warning about that line, not "did not
 * load"; a quote never closed (a line, no column) and a file deep in an export tree are listed too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataFileProblems, failedFileCount } from '../../src/ui/dataFileProblems';

const WARNINGS = [
  '/d/MyApp_CL.json:3:71: invalid JSON: expected a property name',
  '/d/AppEvents_CL.csv:3:29: a quoted field that is not closed on its line (it runs 2 lines further, to a quote followed by text); a quote inside a field is written "" (record skipped)',
  '/d/AppEvents_CL.csv:5: a quoted field is never closed (missing "); the rest of the file from that line is skipped',
  '/d/am-VMProcess/WorkspaceResourceId=/s/y=2026/m=12/d=05/h=01/m=00/PT1H.json:2:1: invalid JSON: unexpected end',
  '/d/AppEvents_CL.csv:5: a quoted field is never closed (missing "); the rest of the file from that line is skipped',
  'Heartbeat: a note without a place',
];

test("a loaded table's skipped lines are warnings at their lines; a file that did not load is an error", () => {
  const problems = dataFileProblems(WARNINGS, new Set(['AppEvents_CL', 'VMProcess', 'Heartbeat']));
  assert.deepEqual(
    problems.map((p) => [p.table, p.line, p.column, p.severity, p.message.slice(0, 40)]),
    [
      ['MyApp_CL', 3, 71, 'error', 'MyApp_CL did not load: invalid JSON: exp'],
      ['AppEvents_CL', 3, 29, 'warning', 'AppEvents_CL: a quoted field that is not'],
      ['AppEvents_CL', 5, 1, 'warning', 'AppEvents_CL: a quoted field is never cl'],
      ['VMProcess', 2, 1, 'warning', 'VMProcess: invalid JSON: unexpected end'],
    ],
  );
});

test('the Schema view counts only the files that did not load', () => {
  assert.equal(failedFileCount(WARNINGS, new Set(['AppEvents_CL', 'VMProcess'])), 1);
  assert.equal(failedFileCount(WARNINGS, new Set(['AppEvents_CL'])), 2);
});
