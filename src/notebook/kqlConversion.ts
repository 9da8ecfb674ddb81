/**
 * `.kql` file ↔ notebook cells. A query block (blocks are separated by blank lines, as in
 * Kusto.Explorer) becomes a code cell, and the comment lines above it a markdown cell; exporting writes
 * markdown cells back as `//` comments, so a round trip keeps both.
 */
import { splitQueryBlocks } from '../kql/blocks';
import type { CellJson } from './notebookFile';

const isComment = (line: string): boolean => line.trim().startsWith('//');

export function kqlToCells(text: string): CellJson[] {
  const cells: CellJson[] = [];
  for (const block of splitQueryBlocks(text)) {
    const blockLines = block.text.split(/\r?\n/);
    let firstCode = blockLines.findIndex((l) => !isComment(l) && l.trim() !== '');
    if (firstCode < 0) {
      firstCode = blockLines.length;
    }
    const comments = blockLines.slice(0, firstCode).filter((l) => l.trim() !== '');
    if (comments.length) {
      cells.push({
        kind: 'markdown',
        language: 'markdown',
        source: comments.map((l) => l.trim().replace(/^\/\/\s?/, '')).join('\n'),
      });
    }
    const code = blockLines.slice(firstCode).join('\n');
    if (code.trim() !== '') {
      cells.push({ kind: 'code', language: 'kql', source: code });
    }
  }
  return cells;
}

export function cellsToKql(cells: readonly CellJson[]): string {
  const parts: string[] = [];
  let pendingComment: string | undefined;
  for (const c of cells) {
    const text = c.source.replace(/\s+$/, '');
    if (c.kind === 'markdown') {
      const comment = text
        .split(/\r?\n/)
        .map((l) => (l.trim() === '' ? '//' : `// ${l}`))
        .join('\n');
      pendingComment = pendingComment ? `${pendingComment}\n//\n${comment}` : comment;
    } else if (text !== '') {
      // Blank lines inside a cell would split it into several queries in a .kql file.
      const code = text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .join('\n');
      parts.push(pendingComment ? `${pendingComment}\n${code}` : code);
      pendingComment = undefined;
    }
  }
  if (pendingComment) {
    parts.push(pendingComment);
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}
