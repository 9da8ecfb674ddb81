/**
 * A name being typed in brackets, `['Req▮']`: the way to write a column called `Request Id`, `1stSeen`
 * or `where`. Kusto.Language reads the quoted part as a string literal and offers nothing there, so a
 * user who starts such a name the way it must end up got no suggestions at all. Completion asks the
 * library where the bracket opens instead, and offers the names there in their bracketed form.
 */
import type { CompletionItem } from 'vscode-languageserver/node';
import { statementAt } from './pipeSegments';

export interface BracketedName {
  /** Offset of the `[`. */
  readonly start: number;
  /** Offset past what the completed name replaces: the cursor, or past the `']` closing the name after it. */
  readonly end: number;
  /** The quote the user opened the name with. */
  readonly quote: "'" | '"';
}

/** The unclosed `['…` or `["…` the cursor is in, on one line, when it names something (not an index). */
export function bracketedNameAt(text: string, cursor: number): BracketedName | undefined {
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const open = /\[\s*(['"])(?:\\.|(?!\1)[^\\\n])*$/.exec(text.slice(lineStart, cursor));
  if (!open) return undefined;
  const start = lineStart + open.index;
  // Right after a name, `)` or `]` a bracket indexes a dynamic value (`Payload['items']`): not a name.
  const before = /[\w)\]]$/.test(text.slice(lineStart, start));
  if (before || !statementAt(text, start).inCode) return undefined;
  const quote = open[1] as "'" | '"';
  // The rest of the name and its closing `']`, as the editor's auto-closing pairs typed them.
  const rest = new RegExp(String.raw`^(?:\\.|[^\\\n${quote}])*${quote}\s*\]`).exec(text.slice(cursor));
  return { start, end: cursor + (rest ? rest[0].length : 0), quote };
}

/** Kusto.Language's kinds of item a bracketed name can stand for: column, table, parameter, variable, materialized view. */
const NAMED: ReadonlySet<unknown> = new Set([13, 14, 19, 20, 23]);

/** The items that are names, inserting (and filtered by, against `['Re`) their bracketed form. */
export function bracketedItems(list: readonly CompletionItem[], quote: "'" | '"'): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const item of list) {
    const data = item.data as { kind?: unknown; name?: unknown } | undefined;
    const name = data?.name;
    if (!NAMED.has(data?.kind) || typeof name !== 'string' || name === '') continue;
    const text = `[${quote}${name.replace(/[\\]/g, '\\\\').replaceAll(quote, `\\${quote}`)}${quote}]`;
    out.push({
      label: item.label,
      kind: item.kind,
      sortText: item.sortText,
      filterText: text,
      textEditText: text,
      data: item.data,
    });
  }
  return out;
}
