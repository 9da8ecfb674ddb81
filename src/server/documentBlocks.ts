/** A document's query blocks, computed once per version, and the block a position falls in. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { splitQueryBlocks, type QueryBlock } from '../kql';

const byUri = new Map<string, { version: number; blocks: readonly QueryBlock[] }>();

export function blocksOf(doc: TextDocument): readonly QueryBlock[] {
  const cached = byUri.get(doc.uri);
  if (cached && cached.version === doc.version) {
    return cached.blocks;
  }
  const blocks = splitQueryBlocks(doc.getText());
  byUri.set(doc.uri, { version: doc.version, blocks });
  return blocks;
}

export function forgetDocument(uri: string): void {
  byUri.delete(uri);
}

/** The block that contains the offset (its end included, where the cursor sits after typing). */
export function blockContaining(doc: TextDocument, offset: number): QueryBlock | undefined {
  return blocksOf(doc).find((b) => offset >= b.start && offset <= b.end);
}

/**
 * The text completion should see at an offset: the containing block; on an empty line right below a
 * block, that block continued to the cursor (typing there joins it); elsewhere an empty new query.
 */
export function blockForCompletion(doc: TextDocument, offset: number): QueryBlock {
  const inside = blockContaining(doc, offset);
  if (inside) {
    return inside;
  }
  const position = doc.positionAt(offset);
  const above = blocksOf(doc).find((b) => b.endLine === position.line - 1);
  if (above) {
    const text = doc.getText().slice(above.start, offset);
    return { ...above, text, end: offset, endLine: position.line };
  }
  return { start: offset, end: offset, text: '', startLine: position.line, endLine: position.line };
}
