import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leadingChars } from '../../src/render/cellText';
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

  test('a zero-width space, a word joiner, a BOM and a lone surrogate show as their code points; joiners in emoji stay', () => {
    const cell = new ShimCell();
    renderCell(cell, 'admin\u200B \u2060x\uFEFF \uD800 a\uDC00', undefined, 'string', false);
    assert.equal(cell.textContent, 'admin[U+200B] [U+2060]x[U+FEFF] [U+D800] a[U+DC00]');
    // A surrogate pair and the zero-width joiner of an emoji sequence are characters, not hidden ones.
    const family = '\u{1F469}\u200D\u{1F4BB} \u{1F600}';
    renderCell(cell, family, undefined, 'string', false);
    assert.equal(cell.textContent, family);
  });

  test('control characters (NUL, BEL, ESC, a lone CR, DEL, C1) show as code points; tab and line breaks stay', () => {
    const cell = new ShimCell();
    // Chromium draws NUL, BEL and ESC as nothing or as a box, and a lone CR as a space: 'ok\r' read as 'ok'.
    renderCell(cell, 'a\u0000b\u0007c\u001b[31m d\re\u007f f\u0085g\u009b', undefined, 'string', false);
    assert.equal(cell.textContent, 'a[U+0000]b[U+0007]c[U+001B][31m d[U+000D]e[U+007F] f[U+0085]g[U+009B]');
    renderCell(cell, 'col1\tcol2\r\nline2\n', undefined, 'string', false);
    assert.equal(cell.textContent, 'col1\tcol2\r\nline2\n');
  });

  test('a cell shows the first 10,000 characters of a long value, its tooltip the first 2,000', () => {
    const cell = new ShimCell();
    const long = `\u202E${'x'.repeat(50_000)}`;
    renderCell(cell, long, undefined, 'string', false);
    assert.equal(cell.textContent, `[U+202E]${'x'.repeat(10_000 - 8)}`);
    assert.equal(cell.title, `[U+202E]${'x'.repeat(2000 - 8)}…`);
  });

  test('a long value is cut for the expand view, never inside a surrogate pair', () => {
    assert.equal(leadingChars('abc', 3), 'abc');
    assert.equal(leadingChars('abcd', 3), 'abc');
    assert.equal(leadingChars('ab\u{1F600}', 3), 'ab');
    assert.equal(leadingChars('a\u{1F600}b', 3), 'a\u{1F600}');
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
