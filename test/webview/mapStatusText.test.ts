/** The dependency map's status line on a 10,000-machine fleet reads as the rest of the product writes counts. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapStatusText } from '../../webview/map/statusText';

test('counts carry thousands separators and one endpoint is singular', () => {
  assert.equal(
    mapStatusText({
      machines: 10_000,
      processes: 10_000,
      endpoints: 1,
      limited: { shown: 300, of: 10_000 },
      hidden: 9_700,
      layoutNote: '301 nodes laid out in 6,128 ms (in a worker)',
    }),
    '10,000 machines, 10,000 processes, 1 external endpoint · the 300 busiest of 10,000 machines drawn: search a name, ' +
      'or Focus a selection, for the others · 9,700 not shown in this view · 301 nodes laid out in 6,128 ms (in a worker)' +
      ' · double-click a node to open its query',
  );
  assert.equal(
    mapStatusText({ machines: 1, processes: 1, endpoints: 0, hidden: 0 }),
    '1 machine, 1 process, 0 external endpoints · double-click a node to open its query',
  );
});
