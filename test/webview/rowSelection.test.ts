/**
 * The grid's selection model and its keys in plain Node: what a click, a Shift+click, Shift+arrows,
 * Ctrl+A, a sort or a filter do to the selected cell and the range of rows, and what the status line
 * hears.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type GridExtent, gridKey } from '../../webview/results/gridKeys';
import { HEADER_ROW, RowSelection, type SelectionMove } from '../../webview/results/rowSelection';

const EXTENT: GridExtent = { rows: 100, cols: 3, page: 10 };

function selection(): { s: RowSelection; notes: string[] } {
  const notes: string[] = [];
  return { s: new RowSelection((n) => notes.push(n)), notes };
}

/** Presses a key as the grid does: a move is applied, a command returned. */
function press(s: RowSelection, key: string, mods: { shift?: boolean; ctrl?: boolean } = {}, extent = EXTENT) {
  const made = gridKey({ key, shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, metaKey: false }, s, extent);
  if (made && typeof made === 'object') {
    s.moveTo(made, extent.rows, extent.cols);
  }
  return made;
}

describe('RowSelection', () => {
  test('a click, then a Shift+click two rows down: three rows, the note says so once', () => {
    const { s, notes } = selection();
    s.moveTo({ row: 1, col: 0, range: 'collapse' }, 100, 3);
    s.moveTo({ row: 3, col: 1, range: 'extend' }, 100, 3);
    assert.deepEqual(s.range, { first: 1, last: 3 });
    assert.deepEqual(s.cell, { row: 3, col: 1 });
    assert.equal(s.isRange, true);
    assert.equal(s.size, 3);
    assert.deepEqual([s.inRange(0), s.inRange(1), s.inRange(3), s.inRange(4)], [false, true, true, false]);
    assert.deepEqual(notes, ['', '3 rows selected']);
  });

  test('a Shift+click above the anchor stretches upwards from it', () => {
    const { s } = selection();
    s.moveTo({ row: 5, col: 0, range: 'collapse' }, 100, 3);
    s.moveTo({ row: 2, col: 0, range: 'extend' }, 100, 3);
    assert.deepEqual(s.range, { first: 2, last: 5 });
    s.moveTo({ row: 7, col: 0, range: 'extend' }, 100, 3);
    assert.deepEqual(s.range, { first: 5, last: 7 }, 'the anchor stays where the range began');
  });

  test('a single row is no range: nothing is marked in range, the note is empty', () => {
    const { s } = selection();
    s.moveTo({ row: 4, col: 2, range: 'collapse' }, 100, 3);
    assert.equal(s.isRange, false);
    assert.equal(s.inRange(4), false);
    assert.equal(s.isCell(4, 2), true);
    assert.equal(s.note(), '');
    assert.deepEqual(s.rowsToCopy(), { first: 4, last: 4 });
  });

  test('moves past the edges are clamped; the header row stays the header row', () => {
    const { s } = selection();
    s.moveTo({ row: 500, col: 9, range: 'collapse' }, 100, 3);
    assert.deepEqual(s.cell, { row: 99, col: 2 });
    s.moveTo({ row: -7, col: -1, range: 'collapse' }, 100, 3);
    assert.deepEqual(s.cell, { row: 0, col: 0 });
    s.moveTo({ row: HEADER_ROW, col: 1, range: 'extend' }, 100, 3);
    assert.deepEqual(s.cell, { row: HEADER_ROW, col: 1 });
    assert.equal(s.isRange, false, 'a range never takes in the headers');
    assert.equal(s.rowsToCopy(), undefined, 'on a header there is no row to copy');
  });

  test('select all takes every row and keeps the cell; an empty view selects nothing', () => {
    const { s, notes } = selection();
    s.moveTo({ row: 40, col: 1, range: 'collapse' }, 100, 3);
    assert.equal(s.selectAll(100_000), true);
    assert.deepEqual(s.range, { first: 0, last: 99_999 });
    assert.deepEqual(s.cell, { row: 40, col: 1 });
    assert.equal(notes.at(-1), '100,000 rows selected');
    const empty = selection();
    assert.equal(empty.s.selectAll(0), false);
    assert.deepEqual(empty.notes, []);
  });

  test('a sort or a filter collapses the range to the cell, clamped into the rows left', () => {
    const { s, notes } = selection();
    s.moveTo({ row: 10, col: 0, range: 'collapse' }, 100, 3);
    s.moveTo({ row: 20, col: 0, range: 'extend' }, 100, 3);
    s.reset(6);
    assert.deepEqual(s.cell, { row: 5, col: 0 });
    assert.deepEqual(s.range, { first: 5, last: 5 });
    assert.equal(notes.at(-1), '');
    // A filter that leaves no row: the cell is at 0 and a later Shift move does not reach row -1.
    s.reset(0);
    assert.deepEqual(s.cell, { row: 0, col: 0 });
  });
});

describe('gridKey', () => {
  test('Shift+ArrowDown grows the range, ArrowDown collapses it', () => {
    const { s } = selection();
    s.moveTo({ row: 3, col: 0, range: 'collapse' }, 100, 3);
    press(s, 'ArrowDown', { shift: true });
    press(s, 'ArrowDown', { shift: true });
    assert.deepEqual(s.range, { first: 3, last: 5 });
    press(s, 'ArrowDown');
    assert.deepEqual([s.cell.row, s.range.first, s.range.last], [6, 6, 6]);
  });

  test('Shift+ArrowUp stops at the first row; ArrowUp alone goes on to the headers', () => {
    const { s } = selection();
    press(s, 'ArrowUp', { shift: true });
    assert.equal(s.cell.row, 0);
    press(s, 'ArrowUp');
    assert.equal(s.cell.row, HEADER_ROW);
    assert.deepEqual(press(s, 'Enter'), 'expand');
    assert.deepEqual(press(s, ' '), 'selectColumn', 'Space on a header selects its column (Enter sorts)');
  });

  test('Shift+ArrowRight inside a range keeps it; Ctrl+Shift+End stretches it to the last row', () => {
    const { s } = selection();
    s.moveTo({ row: 2, col: 0, range: 'collapse' }, 100, 3);
    press(s, 'PageDown', { shift: true });
    assert.deepEqual(s.range, { first: 2, last: 12 });
    press(s, 'ArrowRight', { shift: true });
    assert.deepEqual([s.cell.col, s.range.first, s.range.last], [1, 2, 12]);
    press(s, 'End', { shift: true, ctrl: true });
    assert.deepEqual([s.cell.row, s.cell.col, s.range.last], [99, 2, 99]);
    press(s, 'Home', { ctrl: true });
    assert.deepEqual([s.cell.row, s.cell.col, s.size], [0, 0, 1]);
  });

  test('copy, select all, the menu and other keys', () => {
    const { s } = selection();
    const key = (k: string, mods: { shift?: boolean; ctrl?: boolean } = {}) => press(s, k, mods);
    assert.equal(key('c', { ctrl: true }), 'copySelection');
    assert.equal(key('C', { ctrl: true, shift: true }), 'copyRows');
    assert.equal(key('a', { ctrl: true }), 'selectAll');
    assert.equal(key('F10', { shift: true }), 'menu');
    assert.equal(key('ContextMenu'), 'menu');
    assert.equal(key('a', { ctrl: true, shift: true }), undefined, 'Ctrl+Shift+A is not the grid’s');
    assert.equal(key('F10'), undefined);
    assert.equal(key('x'), undefined);
    assert.equal(key('Tab'), undefined, 'Tab leaves the grid');
  });

  test('Space on a row selects its cell alone; the meta key counts as Ctrl', () => {
    const { s } = selection();
    s.moveTo({ row: 4, col: 1, range: 'collapse' }, 100, 3);
    s.moveTo({ row: 6, col: 1, range: 'extend' }, 100, 3);
    const space = gridKey({ key: ' ', shiftKey: false, ctrlKey: false, metaKey: false }, s, EXTENT) as SelectionMove;
    assert.deepEqual(space, { row: 6, col: 1, range: 'collapse' });
    assert.equal(gridKey({ key: 'a', shiftKey: false, ctrlKey: false, metaKey: true }, s, EXTENT), 'selectAll');
  });

  test('Ctrl+Space (and Cmd+Space) selects the column, as in a spreadsheet; Space alone still selects the cell', () => {
    const { s } = selection();
    s.moveTo({ row: 4, col: 1, range: 'collapse' }, 100, 3);
    assert.equal(gridKey({ key: ' ', shiftKey: false, ctrlKey: true, metaKey: false }, s, EXTENT), 'selectColumn');
    assert.equal(gridKey({ key: ' ', shiftKey: false, ctrlKey: false, metaKey: true }, s, EXTENT), 'selectColumn');
    assert.deepEqual(gridKey({ key: ' ', shiftKey: false, ctrlKey: false, metaKey: false }, s, EXTENT), {
      row: 4,
      col: 1,
      range: 'collapse',
    });
  });

  test('Escape asks to clear a selected column (the grid lets it through when none is); Ctrl+C copies', () => {
    const { s } = selection();
    assert.equal(gridKey({ key: 'Escape', shiftKey: false, ctrlKey: false, metaKey: false }, s, EXTENT), 'clearColumn');
    assert.equal(gridKey({ key: 'c', shiftKey: false, ctrlKey: true, metaKey: false }, s, EXTENT), 'copySelection');
  });

  test('Shift+moves on a view a filter emptied select no rows (the status said "2 rows selected")', () => {
    const { s, notes } = selection();
    const empty: GridExtent = { rows: 0, cols: 2, page: 10 };
    s.reset(0);
    for (const k of ['ArrowDown', 'PageDown', 'End', 'ArrowUp']) {
      press(s, k, { shift: true, ctrl: k === 'End' }, empty);
      // Ctrl+Shift+End's last row is the headers, the only row there is; the others stay on row 0.
      assert.equal(s.cell.row, k === 'End' ? HEADER_ROW : 0, k);
      assert.deepEqual(s.range, { first: 0, last: 0 }, k);
      assert.equal(s.note(), '', k);
    }
    assert.deepEqual(notes, []);
  });
});
