/**
 * Log Analytics' semantic errors carry no position: "'where' operator: Failed to resolve table or column
 * expression named 'Heartbeats'" says what, never where. Left at 0:0, the editor underlines the block's
 * first character and a notebook blames the cell whose definitions come first in the text it sent. The
 * name the service could not resolve is looked up in the query as it was given (outside comments and
 * string literals), so the error points at where the user wrote it.
 */
import { KqlError } from '../../kql/errors';
import { LineMap } from '../../kql/positions';

/** "… expression named 'X'": the name the service could not resolve. */
const NAMED = /Failed to resolve [a-z ]+ expression named '([^']+)'/i;

/** The text with its comments and string literals blanked, every offset kept (newlines too). */
function codeOnly(text: string): string {
  return text.replace(/\/\/[^\n]*|@?"(?:[^"\\\n]|\\.)*"|@?'(?:[^'\\\n]|\\.)*'|```[\s\S]*?```/g, (m) =>
    m.replace(/[^\r\n]/g, ' '),
  );
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The error placed at the first use of the name the service could not resolve; the error itself when
 * its message names none or the query does not hold it (it then keeps its 0:0 and stays unplaced).
 */
export function placeServiceError(query: string, error: KqlError): KqlError {
  const name = NAMED.exec(error.message)?.[1];
  if (!name || error.start !== 0 || error.end !== 0) {
    return error;
  }
  const found = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(name)}(?![A-Za-z0-9_])`).exec(codeOnly(query));
  if (!found) {
    return error;
  }
  const lines = new LineMap(query);
  const start = found.index;
  const end = start + name.length;
  return new KqlError(
    error.code,
    error.message,
    { start: lines.positionAt(start), end: lines.positionAt(end) },
    start,
    end,
  );
}

/** A service error with no place in the query (its message named nothing the query holds). */
export function isUnplaced(error: KqlError): boolean {
  return error.start === 0 && error.end === 0 && error.range.end.line === 0 && error.range.end.character === 0;
}
