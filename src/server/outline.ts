/**
 * Document symbols (one per query block, named by its leading comment or first line, with its `let`
 * statements as children) and folding ranges per block. Format Document is in formatting.ts.
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { QueryBlock } from '../kql';
import { blocksOf } from './documentBlocks';

const MAX_NAME = 80;

function blockName(block: QueryBlock): string {
  const lines = block.text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const comment = lines.find((l) => l.startsWith('//'));
  const firstCode = lines.find((l) => !l.startsWith('//')) ?? lines[0] ?? '';
  const name = lines[0]?.startsWith('//') && comment ? comment.replace(/^\/\/+\s*/, '') : firstCode;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name || '(query)';
}

const LET = /^([ \t]*)let[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(\(?)/gm;

function letSymbols(doc: TextDocument, block: QueryBlock): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const m of block.text.matchAll(LET)) {
    const start = block.start + m.index! + m[1]!.length;
    const nameStart = block.start + m.index! + m[0].indexOf(m[2]!, m[1]!.length + 3);
    // A let runs to its terminating semicolon, or to the end of the block.
    const semi = block.text.indexOf(';', m.index! + m[0].length);
    const end = block.start + (semi < 0 ? block.text.length : semi + 1);
    out.push({
      name: m[2]!,
      detail: m[3] ? 'function' : 'let',
      kind: m[3] ? SymbolKind.Function : SymbolKind.Variable,
      range: { start: doc.positionAt(start), end: doc.positionAt(end) },
      selectionRange: { start: doc.positionAt(nameStart), end: doc.positionAt(nameStart + m[2]!.length) },
    });
  }
  return out;
}

export function documentSymbols(doc: TextDocument): DocumentSymbol[] {
  return blocksOf(doc).map((b) => {
    const range = { start: doc.positionAt(b.start), end: doc.positionAt(b.end) };
    const firstLineEnd = b.text.search(/\r?\n|$/);
    return {
      name: blockName(b),
      kind: SymbolKind.Namespace,
      range,
      selectionRange: { start: range.start, end: doc.positionAt(b.start + firstLineEnd) },
      children: letSymbols(doc, b),
    };
  });
}

export function foldingRanges(doc: TextDocument): FoldingRange[] {
  return blocksOf(doc)
    .filter((b) => b.endLine > b.startLine)
    .map((b) => ({ startLine: b.startLine, endLine: b.endLine, kind: FoldingRangeKind.Region }));
}
