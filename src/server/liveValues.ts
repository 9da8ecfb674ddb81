/**
 * The workspace's actual values (machine names, processes, remote IPs) that the client sends, offered
 * after `Computer ==`, `Machine in (` and the like, each inserted as a correctly escaped string literal.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kqlString } from '../kql';
import type { LiveValuesParams } from '../protocol/lsp';

/** Most values offered for one column; a workspace with more machines gets the first ones, sorted. */
export const MAX_LIVE_VALUES = 1000;

export class LiveValueStore {
  private values = new Map<string, readonly string[]>();
  source = '';

  set(params: LiveValuesParams): void {
    const next = new Map<string, readonly string[]>();
    for (const [column, list] of Object.entries(params.values ?? {})) {
      if (!Array.isArray(list)) continue;
      const clean = [...new Set(list.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
      if (clean.length) next.set(column.toLowerCase(), clean.slice(0, MAX_LIVE_VALUES));
    }
    this.values = next;
    this.source = typeof params.source === 'string' ? params.source : '';
  }

  get(column: string): readonly string[] | undefined {
    return this.values.get(column.toLowerCase());
  }

  get size(): number {
    let n = 0;
    for (const list of this.values.values()) n += list.length;
    return n;
  }
}

// A string literal being typed: from its opening quote to the cursor.
const OPEN_LITERAL = String.raw`(@?"(?:[^"\\\n]|\\.)*)?`;
const COMPARISON = new RegExp(
  String.raw`\b([A-Za-z_]\w*)\s*(?:==|!=|=~|!~|\bhas(?:_cs)?\b|!has(?:_cs)?\b|\bcontains(?:_cs)?\b|!contains(?:_cs)?\b|\bstartswith(?:_cs)?\b|\bendswith(?:_cs)?\b)\s*${OPEN_LITERAL}$`,
);
const IN_LIST = new RegExp(
  String.raw`\b([A-Za-z_]\w*)\s+(?:!?in~?|has_any|has_all)\s*\(\s*(?:"(?:[^"\\\n]|\\.)*"\s*,\s*)*${OPEN_LITERAL}$`,
);

/** The column a value is being typed for at `offset` in the block, and where the literal starts. */
export function liveValueContext(
  blockText: string,
  offset: number,
): { column: string; literalStart: number } | undefined {
  // Only the current line and a bounded stretch before it matter; keeps the regex cheap on huge blocks.
  const before = blockText.slice(Math.max(0, offset - 2000), offset);
  const m = COMPARISON.exec(before) ?? IN_LIST.exec(before);
  if (!m) {
    return undefined;
  }
  const literal = m[2] ?? '';
  return { column: m[1]!, literalStart: offset - literal.length };
}

export function liveValueItems(
  store: LiveValueStore,
  blockText: string,
  offset: number,
  doc: TextDocument,
  blockStart: number,
): CompletionItem[] {
  if (store.size === 0) {
    return [];
  }
  const context = liveValueContext(blockText, offset);
  const values = context && store.get(context.column);
  if (!context || !values) {
    return [];
  }
  // Inside an open literal the rest of it, through its closing quote, is replaced too: VS Code closes
  // the quote as it is typed, and a value picked at `"▮"` must not leave that quote behind.
  const open = context.literalStart < offset;
  const rest = open ? /^(?:[^"\\\n]|\\.)*"/.exec(blockText.slice(offset, offset + 2000)) : null;
  const end = offset + (rest ? rest[0].length : 0);
  const range = { start: doc.positionAt(blockStart + context.literalStart), end: doc.positionAt(blockStart + end) };
  const width = String(values.length).length;
  return values.map((value, i) => {
    const literal = kqlString(value);
    return {
      label: literal,
      kind: CompletionItemKind.Value,
      detail: store.source ? `${context.column} in ${store.source}` : context.column,
      sortText: `!${String(i).padStart(width, '0')}`,
      filterText: literal,
      textEdit: { range, newText: literal },
    };
  });
}
