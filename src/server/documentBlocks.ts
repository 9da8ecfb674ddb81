/**
 * A document's query blocks, computed once per version, and the block a position falls in. Block texts
 * are copies, not slices of the document's text: V8 keeps a slice's whole parent string alive, and the
 * analyzer's caches keep block texts (as keys, and inside the library's analyses) long after the version
 * they came from. Each keystroke's re-checked block held that version's whole text: 50 keystrokes in a
 * 100-query file kept 3.9 MB of old versions, in a 2,000-query file 1.6 MB per keystroke.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type QueryBlock, splitQueryBlocks } from '../kql';

const byUri = new Map<string, { version: number; blocks: readonly QueryBlock[] }>();

export function blocksOf(doc: TextDocument): readonly QueryBlock[] {
  const cached = byUri.get(doc.uri);
  if (cached && cached.version === doc.version) {
    return cached.blocks;
  }
  const blocks = splitQueryBlocks(doc.getText()).map((b) => ({ ...b, text: detached(b.text) }));
  byUri.set(doc.uri, { version: doc.version, blocks });
  return blocks;
}

/**
 * The same characters in a string of their own. V8 makes a slice of 13 or more characters a view into
 * its parent; prefixing flattens a new string of only these characters, which the slice then views.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
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
    const text = detached(doc.getText().slice(above.start, offset));
    return { ...above, text, end: offset, endLine: position.line };
  }
  return { start: offset, end: offset, text: '', startLine: position.line, endLine: position.line };
}
