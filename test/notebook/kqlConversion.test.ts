import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellsToKql, kqlToCells } from '../../src/notebook';

const file = `// Open ports
// per machine
VMBoundPort
| summarize count() by Computer

let x = 1;
print x

VMConnection | take 3
`;

test('.kql blocks become code cells and the comments above them markdown cells, and back', () => {
  const cells = kqlToCells(file);
  assert.deepEqual(
    cells.map((c) => [c.kind, c.source]),
    [
      ['markdown', 'Open ports\nper machine'],
      ['code', 'VMBoundPort\n| summarize count() by Computer'],
      ['code', 'let x = 1;\nprint x'],
      ['code', 'VMConnection | take 3'],
    ],
  );
  assert.equal(cellsToKql(cells), file);
});

test('a cell with blank lines exports as one query', () => {
  const text = cellsToKql([{ kind: 'code', language: 'kql', source: 'VMConnection\n\n| take 1\n' }]);
  assert.equal(text, 'VMConnection\n| take 1\n');
});
