/** The map diff's CSV export neutralises formulas in free text (computer, process names), as the grid's does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DiffRow, diffToCsv } from '../../src/render/mapDiff';

test('a hostile process name is written as text, a number as a number', () => {
  const row: DiffRow = {
    change: 'new',
    kind: 'process',
    machine: 'm-1',
    computer: '@SUM(1+1)',
    processName: '=HYPERLINK("http://x","y")',
    remoteIp: '',
    remoteMachine: '',
    port: null,
    protocol: '',
    linksBefore: 0,
    linksAfter: -2,
    failedBefore: 0,
    failedAfter: 0,
    bytesBefore: 0,
    bytesAfter: 0,
  };
  const [, line] = diffToCsv([row]).split('\r\n');
  assert.match(line!, /,'@SUM\(1\+1\),"'=HYPERLINK\(""http:\/\/x"",""y""\)",/);
  assert.match(line!, /,-2,/);
  assert.doesNotMatch(line!, /,=|,@/);
});
