/**
 * The `Computers` parameter of a report's parameter cell: `let Computers = dynamic(["a", "b"]);`, with
 * `"*"` meaning all machines. Names written into it always go through kqlString, so a machine name with
 * a quote, a backslash or a newline stays one string literal.
 */
import { kqlString } from '../kql/literals';

const COMPUTERS_START = /let\s+Computers\s*=\s*dynamic\s*\(\s*\[/;
const LITERAL = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/y;
export const ALL_MACHINES = '*';

interface Found {
  readonly start: number;
  readonly end: number;
  readonly names: string[];
}

/** The `let Computers = dynamic([...]);` statement, read literal by literal so `]` inside a name is no end. */
function findComputers(text: string): Found | undefined {
  const m = COMPUTERS_START.exec(text);
  if (!m) {
    return undefined;
  }
  const names: string[] = [];
  let i = m.index + m[0].length;
  while (i < text.length) {
    LITERAL.lastIndex = i;
    const lit = LITERAL.exec(text);
    if (lit) {
      names.push(unescapeKql(lit[1] ?? lit[2]!));
      i = LITERAL.lastIndex;
    } else if (text[i] === ']') {
      const tail = /^\]\s*\)\s*;?/.exec(text.slice(i));
      return tail ? { start: m.index, end: i + tail[0].length, names } : undefined;
    } else {
      i++;
    }
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

/**
 * A string literal's body as the value it stands for: the escapes kqlString writes (\\, \", \n, \r,
 * \t, \0, \uXXXX) and \' read back, so a picked name with a NUL or a line separator is found again
 * (JSON.parse, used before, refused \0 and left the name escaped: it was no longer ticked on reopening).
 */
function unescapeKql(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
  );
}

export function hasComputersParameter(text: string): boolean {
  return findComputers(text) !== undefined;
}

/** The names in the cell's `Computers` list (string literals only), or undefined without one. */
export function computersOf(text: string): string[] | undefined {
  return findComputers(text)?.names;
}

/** The width a long list wraps at: a picked list of 300 names reads as lines, not one 6 KB line. */
const WRAP_AT = 100;

export function computersLet(names: readonly string[]): string {
  const list = names.length === 0 || names.includes(ALL_MACHINES) ? [ALL_MACHINES] : names;
  const literals = list.map(kqlString);
  const oneLine = `let Computers = dynamic([${literals.join(', ')}]);`;
  if (oneLine.length <= WRAP_AT) {
    return oneLine;
  }
  // Several names a line, indented, as a formatter would: the cell stays readable and a diff of two
  // picks shows the names that changed. Whitespace between a dynamic literal's elements means nothing.
  const lines: string[] = [];
  let line = '';
  for (const literal of literals) {
    const next = line === '' ? `    ${literal},` : `${line} ${literal},`;
    if (line !== '' && next.length > WRAP_AT) {
      lines.push(line);
      line = `    ${literal},`;
    } else {
      line = next;
    }
  }
  lines.push(line.slice(0, -1));
  return `let Computers = dynamic([\n${lines.join('\n')}\n]);`;
}

/** The cell with its `Computers` list replaced (or the definition added at its end when it has none). */
export function withComputers(text: string, names: readonly string[]): string {
  const line = computersLet(names);
  const found = findComputers(text);
  if (found) {
    return text.slice(0, found.start) + line + text.slice(found.end);
  }
  return text.trim() === '' ? line : `${text.replace(/\s*$/, '')}\n${line}`;
}
