/**
 * Splits KQL text into its top-level statements (at `;` outside strings, comments and brackets) and
 * tells which of them define names for the statements after them: `let`, `declare query_parameters`,
 * `set` and `alias`. Notebook cells share exactly these with the cells below them.
 */
import { stringLiteralAt } from '../kql/stringLiterals';

export interface Statement {
  /** Offsets into the text; `end` is past the `;` when the statement has one. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly terminated: boolean;
}

export type DefinitionKind = 'let' | 'declare' | 'set' | 'alias';

export interface Definition extends Statement {
  readonly kind: DefinitionKind;
  /** The names it makes visible to later statements (none for `set`). */
  readonly names: readonly string[];
}

export function splitStatements(text: string): Statement[] {
  const out: Statement[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  const push = (end: number, terminated: boolean): void => {
    const body = text.slice(start, end);
    if (codeOf(body) !== '') {
      out.push({ start, end, text: body, terminated });
    }
    start = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    const literal = stringLiteralAt(text, i);
    if (literal) {
      i = Math.max(literal.end, i + 1);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
      depth--;
    } else if (c === ';' && depth === 0) {
      push(i + 1, true);
    }
    i++;
  }
  push(text.length, false);
  return out;
}

/** The statement's text without comments, trimmed: empty for a statement of comments only. */
export function codeOf(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\/\/.*$/, ''))
    .join('\n')
    .trim();
}

const NAME = String.raw`([A-Za-z_][\w]*|\[\s*(?:'[^']*'|"[^"]*")\s*\])`;

function unbracket(name: string): string {
  const m = /^\[\s*(?:'([^']*)'|"([^"]*)")\s*\]$/.exec(name);
  return m ? (m[1] ?? m[2]!) : name;
}

/** The statement as a definition, or undefined when it is a query (or anything else). */
export function asDefinition(statement: Statement): Definition | undefined {
  const code = codeOf(statement.text);
  const keyword = /^(let|declare|set|alias)\b/i.exec(code)?.[1]?.toLowerCase() as DefinitionKind | undefined;
  if (!keyword) {
    return undefined;
  }
  let names: string[] = [];
  if (keyword === 'let') {
    const m = new RegExp(String.raw`^let\s+${NAME}`, 'i').exec(code);
    names = m ? [unbracket(m[1]!)] : [];
  } else if (keyword === 'declare') {
    const m = /^declare\s+query_parameters\s*\(([\s\S]*)\)\s*;?$/i.exec(code);
    if (m) {
      // Parameters are `name: type [= default]`, separated by commas at depth 0.
      names = [...m[1]!.matchAll(new RegExp(String.raw`(?:^|,)\s*${NAME}\s*:`, 'g'))].map((x) => unbracket(x[1]!));
    }
  } else if (keyword === 'alias') {
    const m = new RegExp(String.raw`^alias\s+database\s+${NAME}`, 'i').exec(code);
    names = m ? [unbracket(m[1]!)] : [];
  }
  return { ...statement, kind: keyword, names };
}

export function definitionsOf(text: string): Definition[] {
  return splitStatements(text).flatMap((s) => {
    const d = asDefinition(s);
    return d ? [d] : [];
  });
}

/** True when the text holds statements and every one of them only defines (a parameter cell). */
export function isDefinitionsOnly(text: string): boolean {
  const statements = splitStatements(text);
  return statements.length > 0 && statements.every((s) => asDefinition(s) !== undefined);
}
