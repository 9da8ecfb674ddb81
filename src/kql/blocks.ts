/**
 * Splits a document into query blocks the way Kusto.Explorer does: blocks are separated by blank lines.
 * A block holding only `let`/`declare`/`set` statements belongs to the query below it, and blank lines
 * inside a multi-line ``` string do not split.
 */
export interface QueryBlock {
  /** Offsets into the document: start of the first line, end of the last non-blank line. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 0-based line numbers of the first and last line. */
  readonly startLine: number;
  readonly endLine: number;
}

interface Line {
  start: number;
  end: number;
  index: number;
  blank: boolean;
}

function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  let inFence = false;
  let pos = 0;
  let index = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) {
      end = text.length;
    }
    const lineText = text.slice(pos, end).replace(/\r$/, '');
    const fences = lineText.split('```').length - 1;
    const blank = !inFence && lineText.trim() === '';
    lines.push({ start: pos, end: pos + lineText.length, index, blank });
    if (fences % 2 === 1) {
      inFence = !inFence;
    }
    pos = end + 1;
    index++;
  }
  return lines;
}

/** A block whose code (comments aside) is only statements ending in `;` that define, not query. */
function isPreludeOnly(text: string): boolean {
  const code = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l !== '')
    .join('\n');
  return code !== '' && /^(let|declare|set|alias)\b/i.test(code) && code.endsWith(';');
}

function isCommentOnly(text: string): boolean {
  return text.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('//'));
}

export function splitQueryBlocks(text: string): QueryBlock[] {
  const raw: Line[][] = [];
  let current: Line[] = [];
  for (const line of scanLines(text)) {
    if (line.blank) {
      if (current.length) {
        raw.push(current);
      }
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) {
    raw.push(current);
  }

  const blocks: QueryBlock[] = [];
  let pending: Line[] | undefined;
  for (const group of raw) {
    const lines = pending ? [...pending, ...group] : group;
    const start = lines[0]!.start;
    const end = lines[lines.length - 1]!.end;
    const blockText = text.slice(start, end);
    if (isPreludeOnly(blockText) || (pending === undefined && isCommentOnly(blockText))) {
      // Comments above a query and let statements are carried into the next block.
      pending = lines;
      continue;
    }
    pending = undefined;
    blocks.push({
      start,
      end,
      text: blockText,
      startLine: lines[0]!.index,
      endLine: lines[lines.length - 1]!.index,
    });
  }
  if (pending && !isCommentOnly(text.slice(pending[0]!.start, pending[pending.length - 1]!.end))) {
    const start = pending[0]!.start;
    const end = pending[pending.length - 1]!.end;
    blocks.push({
      start,
      end,
      text: text.slice(start, end),
      startLine: pending[0]!.index,
      endLine: pending[pending.length - 1]!.index,
    });
  }
  return blocks;
}

/** The block that contains the offset, or the nearest block above it when the offset is on a blank line. */
export function blockAt(blocks: readonly QueryBlock[], offset: number): QueryBlock | undefined {
  let best: QueryBlock | undefined;
  for (const b of blocks) {
    if (b.start <= offset) {
      best = b;
    }
    if (offset >= b.start && offset <= b.end) {
      return b;
    }
  }
  return best;
}
