/**
 * parse_command_line(cmd, "windows"): the arguments as Windows' CommandLineToArgvW splits them.
 * The rules (Microsoft's "Parsing C++ command-line arguments" and CommandLineToArgvW):
 * - the first argument, the program name, ends at the next space or tab, or, when it starts with a
 *   quote, at the next quote; backslashes there are plain characters;
 * - after it, spaces and tabs outside quotes separate arguments;
 * - 2n backslashes before a quote give n backslashes and the quote opens or closes a quoted part;
 *   2n+1 backslashes before a quote give n backslashes and a literal quote;
 * - backslashes not before a quote are literal;
 * - inside a quoted part, a doubled quote `""` gives a literal quote and ends the part
 *   (CommandLineToArgvW keeps the older C runtime's rule: `a"b"" c` is `ab"` then `c`).
 */
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** The quotes that follow a quote: every third one in a row is a literal quote. */
function quoteRun(cmd: string, start: number, arg: string, quotes: number): [string, number, number] {
  let i = start;
  let q = quotes;
  let out = arg;
  while (cmd[i] === '"') {
    if (++q === 3) {
      out += '"';
      q = 0;
    }
    i++;
  }
  return [out, i, q === 2 ? 0 : q];
}

export function splitWindowsCommandLine(cmd: string): string[] {
  if (cmd === '') {
    return [];
  }
  const args: string[] = [];
  let i = 0;
  let program = '';
  if (cmd[0] === '"') {
    i = 1;
    while (i < cmd.length && cmd[i] !== '"') {
      program += cmd[i++];
    }
    i++;
  } else {
    while (i < cmd.length && !isBlank(cmd[i])) {
      program += cmd[i++];
    }
  }
  args.push(program);
  while (i < cmd.length) {
    while (isBlank(cmd[i])) {
      i++;
    }
    if (i >= cmd.length) {
      break;
    }
    let arg = '';
    // 0: outside quotes, 1: inside; a third quote in a row gives a literal quote and closes the part.
    let quotes = 0;
    while (i < cmd.length && (quotes !== 0 || !isBlank(cmd[i]))) {
      const ch = cmd[i]!;
      if (ch === '\\') {
        let n = 0;
        while (cmd[i] === '\\') {
          n++;
          i++;
        }
        arg += '\\'.repeat(cmd[i] === '"' ? Math.floor(n / 2) : n);
        if (cmd[i] === '"' && n % 2 === 1) {
          arg += '"';
          i++;
          [arg, i, quotes] = quoteRun(cmd, i, arg, quotes);
        }
      } else if (ch === '"') {
        [arg, i, quotes] = quoteRun(cmd, i + 1, arg, quotes + 1);
      } else {
        arg += ch;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}

export const commandLineFunctions: ScalarFunction[] = [
  scalar('parse_command_line', (types) => (args) => {
    const cmd = args[0];
    const parser = args[1];
    if (cmd === null || cmd === undefined || parser === null || parser === undefined) {
      return null;
    }
    // "windows" is the only parser the reference defines.
    if (str(parser, types[1]).toLowerCase() !== 'windows') {
      return null;
    }
    return splitWindowsCommandLine(str(cmd, types[0]));
  }),
];
