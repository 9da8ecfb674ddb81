import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CellElement, renderCell } from '../../webview/results/cell';

/** A cell that records what it was given and fails the test if anything writes markup into it. */
class ShimCell implements CellElement {
  textContent: string | null = null;
  title = '';
  className = '';
  get innerHTML(): string {
    return '';
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML must never be set from data');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML must never be used with data');
  }
}

describe('renderCell', () => {
  test('puts a hostile value in as text, never as markup', () => {
    const cell = new ShimCell();
    const hostile = '<img src=x onerror=alert(1)>';
    renderCell(cell, hostile, undefined, 'string', false);
    assert.equal(cell.textContent, hostile);
    assert.equal(cell.title, hostile);
    assert.equal(cell.className, 'cell');
  });

  test('a bidirectional control shows as its code point, so the value reads in stored order (it read "reportexe.pdf")', () => {
    const cell = new ShimCell();
    renderCell(cell, 'report\u202Efdp.exe', undefined, 'string', false);
    assert.equal(cell.textContent, 'report[U+202E]fdp.exe');
    assert.equal(cell.title, 'report[U+202E]fdp.exe');
    renderCell(cell, { name: '\u2067x\u2069\u200F' }, undefined, 'dynamic', false);
    assert.equal(cell.textContent, '{"name":"[U+2067]x[U+2069][U+200F]"}');
  });

  test('a dynamic value containing markup is shown as its JSON text', () => {
    const cell = new ShimCell();
    renderCell(cell, { html: '<script>alert(1)</script>' }, undefined, 'dynamic', false);
    assert.equal(cell.textContent, '{"html":"<script>alert(1)</script>"}');
    assert.equal(cell.className, 'cell dyn');
  });

  test('classes mark nulls, numbers and the selection', () => {
    const cell = new ShimCell();
    renderCell(cell, null, undefined, 'long', true);
    assert.deepEqual([cell.textContent, cell.className], ['', 'cell null selected']);
    renderCell(cell, 42, undefined, 'long', false);
    assert.deepEqual([cell.textContent, cell.className], ['42', 'cell num']);
  });

  test('a null and an empty string both read as empty; the tooltip says which is null', () => {
    const cell = new ShimCell();
    renderCell(cell, null, undefined, 'string', false);
    assert.deepEqual([cell.textContent, cell.title], ['', 'null']);
    renderCell(cell, '', undefined, 'string', false);
    assert.deepEqual([cell.textContent, cell.title], ['', '']);
  });

  test('long values get a shortened tooltip but full text', () => {
    const cell = new ShimCell();
    const long = 'x'.repeat(5000);
    renderCell(cell, long, undefined, 'string', false);
    assert.equal(cell.textContent, long);
    assert.equal(cell.title.length, 2001);
  });

  test('a value of several lines keeps all of them as its text and is marked as such', () => {
    const cell = new ShimCell();
    renderCell(cell, 'first line\nsecond line', undefined, 'string', false);
    assert.deepEqual(
      [cell.textContent, cell.title, cell.className],
      ['first line\nsecond line', 'first line\nsecond line', 'cell multiline'],
    );
    renderCell(cell, 'one line', undefined, 'string', false);
    assert.equal(cell.className, 'cell');
  });
});
