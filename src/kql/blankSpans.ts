/**
 * A query text with spans blanked out, for binding it again without some of its parts at the same
 * offsets: every character becomes a space except line breaks, so lines keep their numbers.
 */
export function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  // UTF-16 units, as the library's offsets count them.
  const chars = text.split('');
  for (const { start, end } of spans) {
    for (let i = start; i < end; i++) {
      if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
    }
  }
  return chars.join('');
}
