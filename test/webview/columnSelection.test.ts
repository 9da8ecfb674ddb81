import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ColumnSelection } from '../../webview/results/columnSelection';

function selection(names = ['Computer', 'Port', 'Bytes']): { s: ColumnSelection; notes: string[] } {
  const notes: string[] = [];
  return { s: new ColumnSelection(names, (n) => notes.push(n)), notes };
}

describe('ColumnSelection', () => {
  test('selects one column at a time; the status note names it and clearing says nothing', () => {
    const { s, notes } = selection();
    assert.equal(s.column, undefined);
    assert.equal(s.select(1), true);
    assert.equal(s.select(1), false, 'selecting it again changes nothing');
    assert.equal(s.select(2), true);
    assert.ok(s.has(2) && !s.has(1));
    assert.equal(s.name, 'Bytes');
    assert.equal(s.clear(), true);
    assert.equal(s.clear(), false, 'nothing left to clear: Escape goes on to the page');
    assert.deepEqual(notes, [
      'column “Port” selected (Ctrl+C copies it)',
      'column “Bytes” selected (Ctrl+C copies it)',
      '',
    ]);
  });

  test('a column outside the table is not selected', () => {
    const { s, notes } = selection();
    for (const col of [-1, 3, 1.5, Number.NaN]) {
      assert.equal(s.select(col), false, String(col));
    }
    assert.equal(s.column, undefined);
    assert.deepEqual(notes, []);
  });

  test('a re-run selects the column of the same name where it now is, and none when it is gone', () => {
    const before = selection();
    before.s.select(1);
    // project-reorder moved Port to the front.
    const reordered = new ColumnSelection(['Port', 'Computer', 'Bytes']);
    assert.equal(reordered.selectByName(before.s.name), true);
    assert.equal(reordered.column, 0);
    const gone = new ColumnSelection(['Computer', 'Bytes']);
    assert.equal(gone.selectByName('Port'), false);
    assert.equal(gone.column, undefined);
    assert.equal(gone.selectByName(undefined), false);
  });

  test('a hostile column name is shown as the header shows it, and cut, in the status note', () => {
    const long = `\u202Egnol${'x'.repeat(2000)}`;
    const { s, notes } = selection(['<script>alert(1)</script>', long]);
    s.select(0);
    s.select(1);
    assert.equal(notes[0], 'column “<script>alert(1)</script>” selected (Ctrl+C copies it)');
    assert.ok(notes[1]!.startsWith('column “[U+202E]gnolxx'), notes[1]);
    assert.ok(notes[1]!.length < 120, `${notes[1]!.length} chars`);
  });
});
