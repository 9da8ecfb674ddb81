/**
 * Semantic tokens from Kusto.Language's classifications, so a column, a table, a function and a
 * literal are coloured by what the binder resolved them to, not by what they look like.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { items } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { blocksOf } from './documentBlocks';
import { deadlineToken } from './guards';

const TOKEN_TYPES = [
  'comment', 'keyword', 'string', 'number', 'operator', 'type', 'variable', 'parameter',
  'function', 'property', 'class', 'namespace', 'macro', 'enumMember',
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

export function semanticTokens(doc: TextDocument, analyzer: BlockAnalyzer, budgetMs = 2000): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const b of blocksOf(doc)) {
    const service = analyzer.get(b.text).service;
    if (!service) continue;
    const info = service.GetClassifications(0, b.text.length, false, true, deadlineToken(budgetMs));
    for (const range of items(info?.Classifications)) {
      const type = BY_KIND[range.Kind as number];
      if (type === undefined || range.Length <= 0) continue;
      const typeIndex = TYPE_INDEX.get(type)!;
      // Tokens may not span lines (``` strings, comments): emit one per line.
      let start = b.start + range.Start;
      const end = start + range.Length;
      while (start < end) {
        const pos = doc.positionAt(start);
        const lineEnd = Math.min(end, doc.offsetAt({ line: pos.line + 1, character: 0 }));
        const text = doc.getText().slice(start, lineEnd).replace(/\r?\n$/, '');
        if (text.length > 0) builder.push(pos.line, pos.character, text.length, typeIndex, 0);
        if (lineEnd <= start) break;
        start = lineEnd;
      }
    }
  }
  return builder.build();
}
