/**
 * Completion: Kusto.Language's items for the block under the cursor, as LSP items. Results are cached
 * per "context": the block text with the word being typed cut out, so typing `Comp` → `Compu` reuses
 * the list computed at `C` (the library returns every candidate and the editor filters by prefix).
 */
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { bridgeItems, buildDeferredGrammar, items, kusto } from '../kql';
import { type AnalyzedBlock, analysedAt, type BlockAnalyzer } from './blockAnalysis';
import { bracketedItems, bracketedNameAt } from './bracketedName';
import { blockForCompletion } from './documentBlocks';
import { deadlineToken, isCancellation } from './guards';
import { type LiveValueStore, liveValueItems } from './liveValues';
import { type StatementSplit, statementAt } from './pipeSegments';
import { PIPED_INPUT_NAME, StatementAnalyzer } from './statementAnalysis';

const K_KIND: Record<number, CompletionItemKind> = {
  1: CompletionItemKind.Keyword, // Keyword
  2: CompletionItemKind.Operator, // Punctuation
  3: CompletionItemKind.Keyword, // Syntax
  4: CompletionItemKind.Variable, // Identifier
  5: CompletionItemKind.Value, // Example
  6: CompletionItemKind.Operator, // ScalarPrefix
  7: CompletionItemKind.Keyword, // TabularPrefix
  8: CompletionItemKind.Keyword, // TabularSuffix
  9: CompletionItemKind.Keyword, // QueryPrefix
  10: CompletionItemKind.Keyword, // CommandPrefix
  11: CompletionItemKind.Operator, // ScalarInfix
  12: CompletionItemKind.EnumMember, // RenderChart
  13: CompletionItemKind.Field, // Column
  14: CompletionItemKind.Class, // Table
  15: CompletionItemKind.Function, // BuiltInFunction
  16: CompletionItemKind.Function, // LocalFunction
  17: CompletionItemKind.Function, // DatabaseFunction
  18: CompletionItemKind.Function, // AggregateFunction
  19: CompletionItemKind.TypeParameter, // Parameter
  20: CompletionItemKind.Variable, // Variable
  21: CompletionItemKind.Module, // Database
  22: CompletionItemKind.Module, // Cluster
  23: CompletionItemKind.Class, // MaterializedView
  24: CompletionItemKind.Class, // EntityGroup
  25: CompletionItemKind.Class, // Graph
  26: CompletionItemKind.TypeParameter, // ScalarType
  27: CompletionItemKind.Property, // Option
  28: CompletionItemKind.Class, // StoredQueryResult
};

/**
 * Characters after which the editor asks for completion. Not a line break: a list popping up on every
 * Enter hides the next line and takes the next Enter; typing `|` on the new line asks anyway.
 */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = [' ', '|', '(', ',', '=', '.', '"'];

/** What completionItem/resolve needs to add documentation. */
export interface CompletionData {
  readonly kind: number;
  readonly name: string;
}

/** Characters that end a word for the cache key: everything but identifier characters. */
const WORD_CHAR = /[A-Za-z0-9_]/;

function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

interface ApplyText {
  readonly Text: string | null;
  readonly Caret: boolean;
}

/**
 * The text an item inserts before and after the caret. The library's own `BeforeText`/`AfterText`
 * getters join the parts through Bridge's LINQ, about 25 µs an item: 10-20 ms for the ~400 items of
 * every list. The same join as a plain loop, with the library's rule: no caret part means all is before.
 */
function applyTextParts(item: Kusto.Language.Editor.CompletionItem): { before: string; after: string } | undefined {
  const parts = bridgeItems<ApplyText>(item.ApplyTexts, kusto().Editor.CompletionText);
  if (parts.length === 0) {
    return undefined;
  }
  let before = '';
  let after = '';
  let caretSeen = false;
  for (const part of parts) {
    caretSeen ||= part.Caret;
    if (caretSeen) {
      after += part.Text ?? '';
    } else {
      before += part.Text ?? '';
    }
  }
  return { before, after };
}

/**
 * LSP items by library item. With the completion memo the library hands out the same item objects
 * for the same symbols, so most of a list converts once per session. LSP items are never mutated.
 */
const lspItems = new WeakMap<Kusto.Language.Editor.CompletionItem, CompletionItem>();

export function toLspItemCached(item: Kusto.Language.Editor.CompletionItem): CompletionItem {
  let lsp = lspItems.get(item);
  if (!lsp) {
    lsp = toLspItem(item);
    lspItems.set(item, lsp);
  }
  return lsp;
}

export function toLspItem(item: Kusto.Language.Editor.CompletionItem): CompletionItem {
  const kind = item.Kind as number;
  const display = item.DisplayText ?? '';
  const match = item.MatchText ?? display;
  const parts = applyTextParts(item);
  const before = parts?.before ?? display;
  const after = parts?.after ?? '';
  const isFunction = kind >= 15 && kind <= 18;
  const lsp: CompletionItem = {
    label: isFunction && display.startsWith(match) ? match : display,
    kind: K_KIND[kind] ?? CompletionItemKind.Text,
    sortText: item.OrderText ?? display,
    filterText: match,
    data: { kind, name: match } satisfies CompletionData,
  };
  if (isFunction && display.startsWith(match) && display.length > match.length) {
    lsp.labelDetails = { detail: display.slice(match.length) };
  }
  if (after) {
    // Functions: the cursor lands between the parentheses.
    lsp.insertText = `${snippetEscape(before)}$0${snippetEscape(after)}`;
    lsp.insertTextFormat = InsertTextFormat.Snippet;
  } else if (before !== lsp.label) {
    lsp.insertText = before;
  }
  // The list gives every item its edit range (itemDefaults.editRange), and under that default a client
  // inserts `textEditText`, else the label, never `insertText` (LSP 3.17): without it VS Code inserted
  // `Request Id` for `['Request Id']`, `strcat` for `strcat()`, and no `| ` after a table.
  if (lsp.insertText !== undefined) {
    lsp.textEditText = lsp.insertText;
  }
  if (item.Retrigger) {
    lsp.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  }
  return lsp;
}

interface ComputedCompletion {
  readonly items: readonly CompletionItem[];
  /** Block offsets of the range the library would replace. */
  readonly editStart: number;
  readonly editLength: number;
}

interface CachedCompletion {
  readonly items: readonly CompletionItem[];
  /** Where the replaced range starts, relative to the start of the word at the cursor. */
  readonly editFromWord: number;
  readonly editLength: number;
}

/**
 * Punctuation after which spaces do not change the library's answer at the end of a block: `a, ▮`
 * completes as `a,▮` does (the same items, the edit range at the cursor), so both share one cache
 * entry and the space typed after a comma costs nothing. `completionContext.test.ts` checks this
 * equivalence at such positions of the sample queries (all of them with KQL_THOROUGH=1). With text
 * after the cursor it does not hold (`=▮` before a line break completes the next line's slot), so it
 * is used only at the end.
 */
const SPACE_NEUTRAL = new Set(['|', '=', ',', '(', ')', '[', ';', ':', '>', '<', '*', '+', '/']);

/** The offset the cache keys a request at the end of a block by: before trailing spaces after punctuation. */
export function completionContextStart(text: string, wordStart: number): number {
  let i = wordStart;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i < wordStart && i > 0 && SPACE_NEUTRAL.has(text[i - 1]!) ? i : wordStart;
}

export interface CompletionStats {
  hits: number;
  misses: number;
  /** Misses completed from the cursor's pipe segment alone, after the earlier pipeline's table. */
  piped: number;
  /** Misses completed from the cursor's statement alone, after the earlier statements' lets. */
  statement: number;
  /** Of those, answered from an equal statement or segment seen before (in the same context). */
  shared: number;
}

export class CompletionProvider {
  private readonly cache = new Map<string, CachedCompletion>();
  readonly stats: CompletionStats = { hits: 0, misses: 0, piped: 0, statement: 0, shared: 0 };
  /** Answers for a statement or segment, by its text and context, in the synthetic text's offsets. */
  private readonly localCache = new Map<string, ComputedCompletion>();

  private readonly local: StatementAnalyzer | undefined;

  constructor(
    private readonly analyzer: BlockAnalyzer,
    private readonly liveValues: LiveValueStore,
    private readonly log: (message: string) => void,
    private readonly budgetMs = 2000,
    /** Complete a statement or pipe segment without re-analysing the text before it (see statementAnalysis.ts). */
    localAnalysis = true,
  ) {
    this.local = localAnalysis ? new StatementAnalyzer(analyzer, budgetMs) : undefined;
  }

  complete(doc: TextDocument, offset: number): CompletionList {
    // The library's completion reads its grammar, which the server defers (src/kql/deferredGrammar.ts):
    // built here, outside the time budget, or building it (about a second, once) would use the budget
    // up and the library would give an empty list.
    buildDeferredGrammar();
    const block = blockForCompletion(doc, offset);
    const local = offset - block.start;
    const bracketed = bracketedNameAt(block.text, local);
    if (bracketed) {
      // The names where the bracket opens, as if `['…']` were not typed yet, replacing all of it.
      const text = block.text.slice(0, bracketed.start) + block.text.slice(bracketed.end);
      const found = this.listAt(text, bracketed.start, doc.uri);
      return this.list(doc, block.start + bracketed.start, block.start + bracketed.end, offset, [
        ...bracketedItems(found.items, bracketed.quote),
      ]);
    }
    if (statementAt(block.text, local).inComment) {
      // Kusto.Language means to offer nothing inside a comment, but at the end of a comment whose
      // trivia holds an earlier line break it offers the next token's items, so every space typed in
      // a comment on its own line would pop up the list.
      return { isIncomplete: false, items: [] };
    }
    const found = this.listAt(block.text, local, doc.uri);
    const live = liveValueItems(this.liveValues, block.text, local, doc, block.start);
    const items = live.length ? [...live, ...found.items] : (found.items as CompletionItem[]);
    return this.list(doc, block.start + found.editStart, block.start + found.editEnd, offset, items);
  }

  /** A list whose items replace [start, end) of the document (or insert at the cursor, when that spans lines). */
  private list(doc: TextDocument, start: number, end: number, offset: number, items: CompletionItem[]): CompletionList {
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    // An edit range must stay on one line; fall back to inserting at the cursor.
    const editRange =
      range.start.line === range.end.line ? range : { start: doc.positionAt(offset), end: doc.positionAt(offset) };
    return { isIncomplete: false, itemDefaults: { editRange }, items };
  }

  /** The library's items at `local` of a block's text, cached by context, and the block offsets they replace. */
  private listAt(
    text: string,
    local: number,
    uri: string,
  ): { items: readonly CompletionItem[]; editStart: number; editEnd: number } {
    const split = statementAt(text, local);
    const wordStart = this.wordStart(text, local);
    const after = text.slice(this.wordEnd(text, local));
    const contextStart = after === '' ? completionContextStart(text, wordStart) : wordStart;
    const key = `${contextStart}\u0000${text.slice(0, contextStart)}\u0000${after}`;
    let result = this.cache.get(key);
    if (result) {
      this.stats.hits++;
    } else {
      this.stats.misses++;
      const computed = this.computeLocal(text, local, split, uri) ?? this.compute(this.analyzer.get(text), local, uri);
      if (computed) {
        result = {
          items: computed.items,
          editFromWord: computed.editStart - wordStart,
          editLength: computed.editLength,
        };
        this.cache.set(key, result);
        if (this.cache.size > 200) {
          this.cache.delete(this.cache.keys().next().value as string);
        }
      }
    }
    if (!result) return { items: [], editStart: wordStart, editEnd: local };
    const editStart = wordStart + result.editFromWord;
    return { items: result.items, editStart, editEnd: Math.max(local, editStart + result.editLength) };
  }

  private compute(block: AnalyzedBlock, position: number, uri: string): ComputedCompletion | undefined {
    if (!block.service || !analysedAt(block, position)) {
      return undefined;
    }
    try {
      const info = block.service.GetCompletionItems(
        position,
        kusto().Editor.CompletionOptions.Default,
        deadlineToken(this.budgetMs),
      );
      if (!info) {
        return undefined;
      }
      return {
        items: [...items(info.Items)].map(toLspItemCached),
        editStart: info.EditStart,
        editLength: info.EditLength,
      };
    } catch (e) {
      const why = isCancellation(e)
        ? `took longer than ${this.budgetMs} ms`
        : e instanceof Error
          ? e.message
          : String(e);
      this.log(`Gave up completing in ${uri} at offset ${position} of a ${block.text.length}-character block: ${why}.`);
      return undefined;
    }
  }

  /** Completion from the cursor's statement or segment alone (see statementAnalysis.ts); undefined to use the whole block. */
  private computeLocal(
    text: string,
    position: number,
    split: StatementSplit,
    uri: string,
  ): ComputedCompletion | undefined {
    if (!this.local) {
      return undefined;
    }
    try {
      const segment = this.local.analyse(text, position, split);
      if (!segment) {
        return undefined;
      }
      const at = segment.toSynthetic(position);
      // The same segment after an input of the same schema, in this query or another: the same answer.
      const key = `${segment.context}\u0000${at}\u0000${segment.text}`;
      let found = this.localCache.get(key);
      if (found) {
        this.stats.shared++;
      } else {
        const info = segment.service.GetCompletionItems(
          at,
          kusto().Editor.CompletionOptions.Default,
          deadlineToken(this.budgetMs),
        );
        if (!info) {
          return undefined;
        }
        const list: CompletionItem[] = [];
        for (const item of items(info.Items)) {
          if (!(item.DisplayText ?? '').includes(PIPED_INPUT_NAME)) {
            list.push(toLspItemCached(item));
          }
        }
        found = { items: list, editStart: info.EditStart, editLength: info.EditLength };
        this.localCache.set(key, found);
        if (this.localCache.size > 200) {
          this.localCache.delete(this.localCache.keys().next().value as string);
        }
      }
      const editStart = segment.toBlock(found.editStart);
      if (editStart < 0 || editStart > position) {
        return undefined;
      }
      this.stats[segment.kind === 'segment' ? 'piped' : 'statement']++;
      return { items: found.items, editStart, editLength: found.editLength };
    } catch (e) {
      // The whole-block path decides, and logs if it fails too.
      this.log(
        `Completing ${uri} from its statement alone failed (${isCancellation(e) ? 'took too long' : e instanceof Error ? e.message : String(e)}); analysing the whole query.`,
      );
      return undefined;
    }
  }

  private wordStart(text: string, at: number): number {
    let i = at;
    while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
    return i;
  }

  private wordEnd(text: string, at: number): number {
    let i = at;
    while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
    return i;
  }
}
