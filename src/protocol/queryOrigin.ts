/**
 * Maps positions in a query's text to the document it came from. A block starts at the start of a
 * line; a selection may start mid-line, so only the query's first line is shifted sideways.
 */
import type { Position, Range } from '../kql/positions';

export interface TextOrigin {
  /** 0-based document line and character where the query text begins. */
  readonly line: number;
  readonly character: number;
}

export function toDocumentPosition(p: Position, origin: TextOrigin): Position {
  return { line: origin.line + p.line, character: p.line === 0 ? origin.character + p.character : p.character };
}

export function toDocumentRange(r: Range, origin: TextOrigin): Range {
  return { start: toDocumentPosition(r.start, origin), end: toDocumentPosition(r.end, origin) };
}
