/**
 * The record limit (recordLimit.ts) for a JSON document (an array of records, a REST response): the
 * document is parsed whole, so before it is read whole its bytes are streamed once through a small
 * scanner that refuses it at the first record or string past the limit. A document cannot be resumed
 * after a record left out as a JSON Lines file can, so the file is refused, saying where and why.
 *
 * Only a file whose content may exceed the limit is scanned: one smaller than the limit holds no record
 * past it, and a `.gz` file is scanned when it could inflate past it (200 times its size, the bomb rule).
 */
import * as fs from 'node:fs';
import { DataFileError } from './dataFileError';
import { isGzip, readWindows } from './fileBytes';
import { MAX_INFLATE_RATIO } from './plainBytes';
import { recordLimit, tooLongReason } from './recordLimit';

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;

/** Throws a DataFileError at the first record or string of the JSON document longer than the record limit. */
export function checkJsonRecords(file: string): void {
  const limit = recordLimit();
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return; // The read that follows says why.
  }
  if ((isGzip(file) ? size * MAX_INFLATE_RATIO : size) <= limit) {
    return;
  }
  // Depth of open containers; records are the containers opened at `recordDepth` (the root array's
  // elements, or a REST response's rows: {"tables":[{"rows":[[...]]}]}).
  let depth = 0;
  let recordDepth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let lineStart = 0;
  let open: { at: number; line: number; column: number; what: string } | undefined;
  let string: { at: number; line: number; column: number } | undefined;
  let refused: DataFileError | undefined;
  const refuse = (where: { line: number; column: number }, what: string): never => {
    refused = new DataFileError(
      file,
      where.line,
      where.column,
      `${tooLongReason(what)}: a JSON document cannot be read past one, so the file is not loaded (a JSON Lines export skips only the line)`,
    );
    throw refused;
  };
  try {
    scan();
  } catch {
    // Another problem (a cut-off .gz, a bomb) is the read's that follows to tell, as without the limit.
    if (refused) {
      throw refused;
    }
  }
  function scan(): void {
    readWindows(file, (buf, from, to, _final, at) => {
      for (let i = from; i < to; i++) {
        if (inString) {
          // Most of a document's bytes are inside strings: jumped over with indexOf, to the next quote
          // and any backslash before it (a raw line end cannot be inside a JSON string).
          if (escaped) {
            escaped = false;
            continue;
          }
          const found = buf.indexOf(QUOTE, i);
          const q = found < 0 || found >= to ? to : found;
          const slash = buf.subarray(i, q).indexOf(BACKSLASH);
          if (slash >= 0) {
            escaped = true;
            i += slash;
            continue;
          }
          if (q === to) {
            break;
          }
          inString = false;
          if (at + q - string!.at > limit) {
            refuse(string!, 'a string');
          }
          string = undefined;
          i = q;
          continue;
        }
        const c = buf[i]!;
        if (c === QUOTE) {
          inString = true;
          string = { at: at + i, line, column: at + i - lineStart + 1 };
        } else if (c === 123 || c === 91) {
          // { or [
          depth++;
          if (recordDepth === 0) {
            recordDepth = c === 91 ? 2 : 5;
          } else if (depth === recordDepth) {
            open = { at: at + i, line, column: at + i - lineStart + 1, what: 'the record' };
          }
        } else if (c === 125 || c === 93) {
          if (depth === recordDepth && open) {
            if (at + i - open.at > limit) {
              refuse(open, open.what);
            }
            open = undefined;
          }
          depth--;
        } else if (c === LF) {
          line++;
          lineStart = at + i + 1;
        }
      }
      // At each window's end, so a record or string is refused within a window of passing the limit.
      const end = at + to;
      if (string && end - string.at > limit) {
        refuse(string, 'a string');
      }
      if (open && end - open.at > limit) {
        refuse(open, open.what);
      }
      return to;
    });
  }
}
