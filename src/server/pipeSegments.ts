/**
 * Where the statement and the pipe segment under the cursor start and end: the top-level `|` and `;`
 * of a query block, found with a scan that skips strings, comments and bracketed sub-queries.
 */
import { type LiteralSpan, stringLiteralAt } from '../kql/stringLiterals';

export interface StatementSplit {
  /** Offset of the first character after the `;` that ends the previous statement (0 for the first). */
  readonly statementStart: number;
  /** Offset just past the statement: past its closing `;`, or the end of the text. */
  readonly statementEnd: number;
  /** Offset of the last top-level `|` of the statement before the cursor; -1 in its first segment. */
  readonly pipe: number;
  /** Offset just past the cursor's segment: the next top-level `|` or `;`, or the end of the text. */
  readonly segmentEnd: number;
  /** The operator names of the statement's segments before the cursor's (`where`, `summarize`, `as`, ...). */
  readonly earlierOperators: readonly string[];
  /** False when the cursor is inside a comment or a string literal. */
  readonly inCode: boolean;
  /** True when the cursor is inside a `//` comment (after its first character). */
  readonly inComment: boolean;
  /** Whether the statement has a token before the cursor (not only whitespace and comments). */
  readonly tokenBefore: boolean;
}

/** A statement split whose cursor is in code, in a segment after the statement's first. */
export type SegmentSplit = StatementSplit;

/** The statement, and the pipe segment within it, that the cursor is in. */
export function statementAt(text: string, cursor: number): StatementSplit {
  const pipes: number[] = [];
  let statementStart = 0;
  let depth = 0;
  let segmentEnd = -1;
  let inCode = true;
  let inComment = false;
  let tokenBefore = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    // A comment or a literal spans [i, skip.end); the cursor inside one is not in code.
    let skip: LiteralSpan | undefined;
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      skip = { end: nl < 0 ? n : nl, closed: false };
    } else {
      skip = stringLiteralAt(text, i);
    }
    if (skip) {
      tokenBefore ||= i < cursor && ch !== 47;
      if (i < cursor && (cursor < skip.end || (cursor === skip.end && !skip.closed))) {
        inCode = false;
        inComment = ch === 47;
      }
      i = Math.max(skip.end, i + 1);
      continue;
    }
    tokenBefore ||= i < cursor && ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13;
    if (ch === 40 || ch === 91 || ch === 123) {
      depth++;
    } else if (ch === 41 || ch === 93 || ch === 125) {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && (ch === 124 /* | */ || ch === 59) /* ; */) {
      if (i >= cursor) {
        if (segmentEnd < 0) {
          segmentEnd = i;
        }
        if (ch === 59) {
          return split(text, statementStart, i + 1, pipes, segmentEnd, { inCode, inComment, tokenBefore });
        }
      } else if (ch === 59) {
        statementStart = i + 1;
        pipes.length = 0;
        tokenBefore = false;
      } else {
        pipes.push(i);
      }
    }
    i++;
  }
  return split(text, statementStart, n, pipes, segmentEnd < 0 ? n : segmentEnd, { inCode, inComment, tokenBefore });
}

type CursorFacts = Pick<StatementSplit, 'inCode' | 'inComment' | 'tokenBefore'>;

function split(
  text: string,
  statementStart: number,
  statementEnd: number,
  pipes: readonly number[],
  segmentEnd: number,
  facts: CursorFacts,
): StatementSplit {
  const earlierOperators = pipes.slice(0, -1).map((p, k) => operatorName(text, p + 1, pipes[k + 1]!));
  return {
    statementStart,
    statementEnd,
    pipe: pipes.length ? pipes[pipes.length - 1]! : -1,
    segmentEnd,
    earlierOperators,
    ...facts,
  };
}

/**
 * The pipe segment the cursor is in, when it is a segment after the first one of a query statement
 * and the cursor is in code (not in a string or comment). Otherwise undefined.
 */
export function segmentAt(text: string, cursor: number): SegmentSplit | undefined {
  const s = statementAt(text, cursor);
  return s.inCode && s.pipe >= 0 ? s : undefined;
}

function operatorName(text: string, from: number, to: number): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)/.exec(text.slice(from, to));
  return m ? m[1]!.toLowerCase() : '';
}
