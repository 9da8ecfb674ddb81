/**
 * How many terminal columns text takes, as terminals draw it (wcwidth's rules, simplified): East Asian
 * wide and fullwidth characters and emoji shown as emoji take 2, combining marks and zero-width
 * characters 0, the rest 1. The table format pads and cuts by this, not by UTF-16 code units, so a
 * machine named 宿主机-01 keeps the columns after it in place.
 */

const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u;
const WIDE =
  /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;

// Most cells are ASCII: measured by their length, without a look at each character.
const ASCII = /^[\x20-\x7e]*$/;

/** The columns one character (a code point) takes. */
function charWidth(ch: string): number {
  // Below U+0300 (the combining marks) every printable character takes one column.
  if (ch.charCodeAt(0) < 0x300) {
    return 1;
  }
  return ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
}

/** The columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) {
    return text.length;
  }
  let w = 0;
  for (const ch of text) {
    w += charWidth(ch);
  }
  return w;
}

/** `text` cut to at most `width` columns, ending in … when cut; never inside a character. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) {
    return text;
  }
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) {
      break;
    }
    out += ch;
    w += cw;
  }
  return width > 0 ? `${out}…` : '';
}

/** `text` padded with spaces to `width` columns, after it (`end`) or before it. */
export function padToWidth(text: string, width: number, side: 'start' | 'end'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'end' ? text + pad : pad + text;
}
