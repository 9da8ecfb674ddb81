/**
 * Limits Kusto.Language itself sets on query text, checked before parsing. Its parser cannot be
 * cancelled and costs seconds per megabyte or per few hundred levels of nesting, so a query the
 * library would refuse anyway (KS244, KS245) is refused here at once, with the place and the limit,
 * instead of running past its time limit in the CLI (where no worker can be killed) or the engine.
 */
import { KqlError } from './errors';
import { LineMap } from './positions';
import { stringLiteralAt } from './stringLiterals';

/** Kusto.Language's MaxParseTextSize: longer text is not parsed (KS244). */
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;
/**
 * Kusto.Language's MaxAnalysisDepth: a deeper syntax tree is not analysed (KS245). Every bracket level
 * is at least one level of the tree, so text whose brackets nest deeper can never be analysed.
 */
export const MAX_SYNTAX_DEPTH = 500;

/**
 * Deepest nesting of (), [] and {} outside string literals and comments, and the offset of the first
 * bracket that opens that depth. Stops counting once `limit` is passed, so a 1 MB line of brackets
 * costs one scan.
 */
export function deepestBracket(text: string, limit = Number.POSITIVE_INFINITY): { depth: number; at: number } {
  let at = 0;
  let depth = 0;
  let max = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    const literal = stringLiteralAt(text, i);
    if (literal) {
      i = Math.max(literal.end, i + 1);
      continue;
    }
    if (ch === 40 || ch === 91 || ch === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
        if (max > limit) return { depth: max, at };
      }
    } else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) {
      depth--;
    }
    i++;
  }
  return { depth: max, at };
}

/** Deepest nesting of (), [] and {} outside string literals and comments (see deepestBracket). */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  return deepestBracket(text, limit).depth;
}

/** The error Kusto.Language would end with for text past its size or depth limit, found without parsing. */
export function textLimitError(text: string): KqlError | undefined {
  if (text.length > MAX_PARSE_CHARS) {
    const mb = (text.length / 1048576).toFixed(1);
    return errorAt(
      text,
      MAX_PARSE_CHARS,
      'KS244',
      `Query text size exceeds maximum safe limit. Parsing not performed. The query is ${mb} MB (${text.length.toLocaleString('en-US')} characters), over the ${MAX_PARSE_CHARS.toLocaleString('en-US')} characters Kusto's parser accepts (this is where the text passes it).`,
    );
  }
  const { depth, at } = deepestBracket(text, MAX_SYNTAX_DEPTH);
  if (depth > MAX_SYNTAX_DEPTH) {
    return errorAt(
      text,
      at,
      'KS245',
      `Query syntax depth exceeds maximum safe limit. Semantic analysis not performed. Brackets nest more than ${MAX_SYNTAX_DEPTH} levels deep here, deeper than Kusto analyses.`,
    );
  }
  return undefined;
}

function errorAt(text: string, offset: number, code: string, message: string): KqlError {
  const lines = new LineMap(text);
  return new KqlError(code, message, lines.rangeOf(offset, offset + 1), offset, offset + 1);
}
