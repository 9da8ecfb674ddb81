/**
 * One iterative pass over JSON text (no recursion, so any nesting depth is safe) that finds where
 * the text stops being JSON, which JSON.parse's messages do not always say, and the offsets of the
 * elements of the array at a given path (for the line of a record in an error message).
 */

export interface JsonScan {
  /** The first syntax error: its offset and what was expected there. */
  readonly error?: { readonly offset: number; readonly reason: string };
  /** Offsets of the elements of the array found at `path` (keys and indexes from the root). */
  readonly offsets: number[];
}

interface Frame {
  readonly kind: 'array' | 'object';
  /** The key (object) or index (array) of the value being read in this container. */
  at: string | number;
  /** Whether this container is the array at the target path. */
  readonly target: boolean;
  /** Whether this container's path still matches the target path's prefix. */
  readonly onPath: boolean;
}

const LITERAL = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/;

export function scanJson(text: string, path: readonly (string | number)[] = []): JsonScan {
  const offsets: number[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) {
        break;
      }
      i++;
    }
  };
  const fail = (reason: string): JsonScan => ({ error: { offset: i, reason }, offsets });
  /** Reads a string at i (which is a quote); returns its text or undefined when unterminated. */
  const readString = (): string | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          return undefined;
        }
      }
      if (c === 92) {
        i++;
      } else if (c < 32) {
        return undefined;
      }
      i++;
    }
    return undefined;
  };
  const depthOnPath = () => stack.length;
  const childOnPath = (): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      return path.length >= 0;
    }
    return top.onPath && depthOnPath() <= path.length && path[depthOnPath() - 1] === top.at;
  };
  // Reads one value; containers push a frame and are finished in the loop below.
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const top = stack[stack.length - 1];
      if (top?.target) {
        offsets.push(i);
      }
      if (i >= n) {
        return fail('the text ends where a value is expected');
      }
      const c = text[i]!;
      if (c === '{' || c === '[') {
        const onPath = childOnPath();
        stack.push({
          kind: c === '{' ? 'object' : 'array',
          at: c === '{' ? '' : 0,
          onPath,
          target: onPath && depthOnPath() === path.length && c === '[',
        });
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          stack.pop();
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (text[i] !== '"') {
            return fail('expected a property name in double quotes');
          }
          const key = readString();
          if (key === undefined) {
            return fail('a string is not terminated or holds a control character');
          }
          stack[stack.length - 1]!.at = key;
          ws();
          if (text[i] !== ':') {
            return fail("expected ':' after a property name");
          }
          i++;
        }
        continue;
      }
      if (c === '"') {
        const start = i;
        if (readString() === undefined) {
          i = start;
          return fail('a string is not terminated or holds a control character');
        }
      } else {
        const m = LITERAL.exec(text.slice(i, i + 400));
        if (!m) {
          return fail(`unexpected ${JSON.stringify(c)}: expected a value`);
        }
        i += m[0].length;
      }
      expectValue = false;
      continue;
    }
    // After a value: a separator, a container's end, or the end of the text.
    const top = stack[stack.length - 1];
    if (!top) {
      return i < n ? fail('unexpected text after the end of the JSON value') : { offsets };
    }
    const c = text[i];
    if (c === ',') {
      i++;
      if (top.kind === 'array') {
        top.at = (top.at as number) + 1;
      } else {
        ws();
        if (text[i] !== '"') {
          return fail('expected a property name in double quotes');
        }
        const key = readString();
        if (key === undefined) {
          return fail('a string is not terminated or holds a control character');
        }
        top.at = key;
        ws();
        if (text[i] !== ':') {
          return fail("expected ':' after a property name");
        }
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((c === ']' && top.kind === 'array') || (c === '}' && top.kind === 'object')) {
      i++;
      stack.pop();
      continue;
    }
    return fail(
      i >= n
        ? 'the text ends inside an array or object'
        : top.kind === 'array'
          ? "expected ',' or ']'"
          : "expected ',' or '}'",
    );
  }
}
