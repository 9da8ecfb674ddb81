import { RESERVED_WORDS } from './reservedWords';

/**
 * Values spliced into generated KQL go through here and nowhere else: a machine name with a quote, a
 * backslash, a pipe or a newline must stay one string literal, never become query text.
 */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\0':
        out += '\\0';
        break;
      default: {
        const code = ch.codePointAt(0)!;
        // Other control characters and line/paragraph separators would break the line structure.
        out += code < 0x20 || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
      }
    }
  }
  return out + '"';
}

/** `dynamic(["a","b"])`-free list for `in (...)`: each element a string literal. */
export function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

/**
 * A column or table name: bare when it is a plain identifier and not a reserved word, else quoted as
 * ['name'] (a newline or control character escaped, so the name stays one literal).
 */
export function kqlIdentifier(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED_WORDS.has(name)) return name;
  // The double-quoted literal's escapes, turned into a single-quoted one.
  const body = kqlString(name).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `['${body}']`;
}
