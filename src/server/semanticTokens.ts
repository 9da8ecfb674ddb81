/**
 * Semantic tokens from Kusto.Language's classifications, so a column, a table, a function and a
 * literal are coloured by what the binder resolved them to, not by what they look like.
 *
 * A document of thousands of queries costs seconds to classify, so the work is cooperative
 * (cooperative.ts): it yields between blocks so other requests are answered in between, honours the
 * client's cancellation, and stops at a time budget, leaving the remaining blocks to the TextMate
 * grammar's colours. `range` requests (the visible part of the editor) classify only the blocks they
 * touch, so what the user looks at is coloured first.
 */
import {
  type Range,
  type SemanticTokens,
  SemanticTokensBuilder,
  type SemanticTokensLegend,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { items, type QueryBlock } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { type Cancellable, CooperativeRun } from './cooperative';
import { blocksOf } from './documentBlocks';
import { TextKeyedCache } from './textKeyedCache';

const TOKEN_TYPES = [
  'comment',
  'keyword',
  'string',
  'number',
  'operator',
  'type',
  'variable',
  'parameter',
  'function',
  'property',
  'class',
  'namespace',
  'macro',
  'enumMember',
] as const;
type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

/** Kusto ClassificationKind → token type; kinds left out (plain text, punctuation) are not coloured. */
const BY_KIND: Partial<Record<number, TokenType>> = {
  1: 'comment', // Comment
  3: 'macro', // Directive
  4: 'number', // Literal
  5: 'string', // StringLiteral
  6: 'type', // Type
  7: 'property', // Column
  8: 'class', // Table
  9: 'namespace', // Database
  10: 'function', // Function
  11: 'parameter', // Parameter
  12: 'variable', // Variable
  14: 'parameter', // ClientParameter
  15: 'parameter', // QueryParameter
  16: 'operator', // ScalarOperator
  17: 'operator', // MathOperator
  18: 'keyword', // QueryOperator
  19: 'keyword', // Command
  20: 'keyword', // Keyword
  21: 'class', // MaterializedView
  22: 'property', // SchemaMember
  23: 'parameter', // SignatureParameter
  24: 'enumMember', // Option
};
const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));

/** A whole document's tokens may take this long, yields included; the rest keep the grammar's colours. */
export const FULL_BUDGET_MS = 5_000;
/** One block's classification may take this long. */
const BLOCK_BUDGET_MS = 2_000;

export interface TokensOptions {
  /** Only the blocks that touch this range (a `semanticTokens/range` request). */
  readonly range?: Range;
  readonly token?: Cancellable;
  readonly budgetMs?: number;
  /** Told about a block the library gave up on (it keeps the grammar's colours). */
  readonly onGiveUp?: (message: string) => void;
}

export type TokensOutcome =
  | { readonly kind: 'done'; readonly tokens: SemanticTokens; readonly blocks: number; readonly skipped: number }
  | { readonly kind: 'cancelled' };

/**
 * A block's classified ranges (start in the block, length, token type; three numbers each), kept per
 * analyzer (one schema) by block text. A full request walks the document from the top within its budget:
 * without these, past the 400 analyses the analyzer keeps, each request classified the top of a large
 * file again and never reached its end, where the user types.
 */
const classified = new WeakMap<BlockAnalyzer, TextKeyedCache<Int32Array>>();
/** Blocks whose ranges are kept: a few hundred bytes each. */
export const CLASSIFIED_CAPACITY = 20_000;
/** And the characters of their texts plus their ranges' bytes / 2 (about 32 MB). */
export const CLASSIFIED_MAX_CHARS = 16 * 1024 * 1024;

function classifiedRanges(analyzer: BlockAnalyzer, text: string, run: CooperativeRun): Int32Array | undefined {
  let cache = classified.get(analyzer);
  if (!cache) {
    cache = new TextKeyedCache(CLASSIFIED_CAPACITY, CLASSIFIED_MAX_CHARS, (ranges) => ranges.byteLength / 2);
    classified.set(analyzer, cache);
  }
  const kept = cache.get(text);
  if (kept) return kept;
  const service = analyzer.get(text).service;
  if (!service) return undefined;
  const info = service.GetClassifications(0, text.length, false, true, run.libraryToken(BLOCK_BUDGET_MS));
  const ranges: number[] = [];
  for (const range of items(info?.Classifications)) {
    const type = BY_KIND[range.Kind as number];
    if (type !== undefined && range.Length > 0) ranges.push(range.Start, range.Length, TYPE_INDEX.get(type)!);
  }
  const out = Int32Array.from(ranges);
  cache.set(text, out);
  return out;
}

function isClassified(analyzer: BlockAnalyzer, text: string): boolean {
  return classified.get(analyzer)?.has(text) === true;
}

function pushBlockTokens(
  doc: TextDocument,
  b: QueryBlock,
  analyzer: BlockAnalyzer,
  run: CooperativeRun,
  builder: SemanticTokensBuilder,
): void {
  const ranges = classifiedRanges(analyzer, b.text, run);
  if (!ranges) return;
  const text = doc.getText();
  for (let i = 0; i < ranges.length; i += 3) {
    const typeIndex = ranges[i + 2]!;
    // Tokens may not span lines (``` strings, comments): emit one per line.
    let start = b.start + ranges[i]!;
    const end = start + ranges[i + 1]!;
    while (start < end) {
      const pos = doc.positionAt(start);
      const lineEnd = Math.min(end, doc.offsetAt({ line: pos.line + 1, character: 0 }));
      const length = text.slice(start, lineEnd).replace(/\r?\n$/, '').length;
      if (length > 0) builder.push(pos.line, pos.character, length, typeIndex, 0);
      if (lineEnd <= start) break;
      start = lineEnd;
    }
  }
}

export async function semanticTokens(
  doc: TextDocument,
  analyzer: BlockAnalyzer,
  options: TokensOptions = {},
): Promise<TokensOutcome> {
  const run = new CooperativeRun(options.token, options.budgetMs ?? FULL_BUDGET_MS);
  const builder = new SemanticTokensBuilder();
  const r = options.range;
  const blocks = blocksOf(doc).filter((b) => !r || (b.endLine >= r.start.line && b.startLine <= r.end.line));
  let done = 0;
  for (const b of blocks) {
    // A block not yet analysed costs a parse: let waiting requests in first.
    const step = await run.checkpoint(!isClassified(analyzer, b.text) && !analyzer.has(b.text));
    if (step === 'cancelled') return { kind: 'cancelled' };
    if (step === 'budget') break;
    try {
      pushBlockTokens(doc, b, analyzer, run, builder);
    } catch (e) {
      if (run.cancelled) return { kind: 'cancelled' };
      // A block the library gives up on keeps the grammar's colours; the others still get theirs.
      options.onGiveUp?.(
        `Semantic tokens of the query at line ${b.startLine + 1} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    done++;
  }
  return { kind: 'done', tokens: builder.build(), blocks: done, skipped: blocks.length - done };
}
