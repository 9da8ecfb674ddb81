/**
 * Stored functions of a data folder: each `.kql` file at its top may hold Kusto's own commands that
 * define them, as Azure Data Explorer's script export writes them:
 *
 *   .create-or-alter function with (docstring = "Busiest hosts", folder = "Network")
 *   TopTalkers(since:timespan = 1d, n:long = 10) { VMConnection | where TimeGenerated > ago(since) | … }
 *
 * (`.create`, `.alter` and `.create-or-alter`, with or without `ifnotexists` and `with (…)`). Each
 * becomes a FunctionSchema, so queries over the folder call it, plainly or with `invoke`, as they would
 * on the workspace. A `.kql` file without such a command is a query, not a function, and is left alone;
 * a command that cannot be read is a warning naming file, line and column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringLiteralAt } from '../../kql/stringLiterals';
import type { FunctionSchema } from '../../schema/workspaceSchema';
import { readRegular } from './regularFile';

const COMMAND = /^[ \t]*\.(create-or-alter|create|alter)[ \t]+function\b/gim;

export interface FunctionFiles {
  readonly functions: FunctionSchema[];
  readonly warnings: string[];
}

/** Line:column (1-based) of an offset, for warnings. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** The offset just past the bracket that closes the one at `open`, skipping strings and comments; −1 if none. */
export function closingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || c === "'" || c === '`') {
      const literal = stringLiteralAt(text, i);
      // An unclosed literal ends at its line's end, as the lexer ends it; the parser reports it there.
      if (literal) i = literal.end - 1;
    } else if (pairs[c]) {
      stack.push(pairs[c]);
    } else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** The `with (…)` properties Kusto's scripts write: docstring and folder. */
function properties(text: string): { docstring?: string; folder?: string } {
  const out: { docstring?: string; folder?: string } = {};
  for (const m of text.matchAll(/\b(docstring|folder)\s*=\s*(@?)(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/gi)) {
    const value = m[3] ?? m[4] ?? '';
    // A verbatim string (@"…") keeps its backslashes; a plain one has escapes.
    out[m[1]!.toLowerCase() as 'docstring' | 'folder'] = m[2] ? value : value.replace(/\\(.)/g, '$1');
  }
  return out;
}

/** The function a command starting at `start` defines, or a reason it cannot be read (and where). */
function readCommand(text: string, start: number): FunctionSchema | { error: string; at: number } {
  let i = start;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skip();
  if (/^ifnotexists\b/i.test(text.slice(i, i + 12))) {
    i += 'ifnotexists'.length;
    skip();
  }
  let props = {};
  if (/^with\s*\(/i.test(text.slice(i, i + 64))) {
    const open = text.indexOf('(', i);
    const end = closingBracket(text, open);
    if (end < 0) return { error: 'the with ( … ) properties are not closed', at: open };
    props = properties(text.slice(open + 1, end - 1));
    i = end;
    skip();
  }
  const name = /^(?:\[\s*(['"])(.+?)\1\s*\]|([A-Za-z_][\w]*))/.exec(text.slice(i));
  if (!name) return { error: 'expected the function name', at: i };
  const fnName = name[2] ?? name[3]!;
  i += name[0].length;
  skip();
  if (text[i] !== '(') return { error: `expected ( and the parameters of ${fnName}`, at: i };
  const paramsEnd = closingBracket(text, i);
  if (paramsEnd < 0) return { error: `the parameters of ${fnName} are not closed`, at: i };
  const parameters = text.slice(i + 1, paramsEnd - 1).trim();
  i = paramsEnd;
  skip();
  if (text[i] !== '{') return { error: `expected { and the body of ${fnName}`, at: i };
  const bodyEnd = closingBracket(text, i);
  if (bodyEnd < 0) return { error: `the body of ${fnName} is not closed`, at: i };
  const { docstring = '', folder = '' } = props as { docstring?: string; folder?: string };
  return {
    name: fnName,
    parameters,
    body: text.slice(i, bodyEnd),
    description: docstring,
    group: folder || 'Functions',
  };
}

/** The functions defined by one file's commands, with a warning per command that cannot be read. */
export function functionsInText(text: string, file: string): FunctionFiles {
  const functions: FunctionSchema[] = [];
  const warnings: string[] = [];
  for (const m of text.matchAll(COMMAND)) {
    const read = readCommand(text, m.index! + m[0].length);
    if ('error' in read) {
      warnings.push(`${file}:${position(text, read.at)}: ${read.error}; the function is left out`);
    } else {
      functions.push(read);
    }
  }
  return { functions, warnings };
}

/** The stored functions of every `.kql` file at the folder's top, by name (a later file's same name is a warning). */
export function readFunctionFiles(dir: string): FunctionFiles {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.kql'));
  } catch {
    return { functions: [], warnings: [] };
  }
  const byName = new Map<string, FunctionSchema>();
  const warnings: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readRegular(file).toString('utf8');
    } catch (e) {
      // readRegular's error names the file already (a pipe or a device is not read: it could block).
      warnings.push((e as Error).message);
      continue;
    }
    const found = functionsInText(text, file);
    warnings.push(...found.warnings);
    for (const f of found.functions) {
      if (byName.has(f.name)) {
        warnings.push(`${file}: function ${f.name} is defined again; the first definition is kept`);
      } else {
        byName.set(f.name, f);
      }
    }
  }
  return { functions: [...byName.values()], warnings };
}
