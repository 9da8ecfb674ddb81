/**
 * Whether a `.json` file holds JSON Lines rather than one JSON document. A data export rule writes its
 * blobs as JSON Lines named `PT1H.json`; one such blob downloaded and named after its table
 * (`MyApp_CL.json`) is a lone .json file of JSON Lines, which read as a document failed at its line 2
 * ("unexpected text after the end of the JSON value"). Only the file's head is read.
 */
import { readHead } from './fileBytes';

/** How much of the file is read to decide: a first record longer than this leaves the file a document. */
const HEAD_BYTES = 1 << 20;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * True when the file's first line is by itself a whole JSON object without a REST response's "tables"
 * key (`{"tables": [...]}`): a document of records is an array, and a pretty-printed object's first line is
 * not whole. False when the file cannot be read (its load then says why).
 */
export function holdsJsonLines(file: string): boolean {
  let head: Buffer;
  try {
    head = readHead(file, HEAD_BYTES).buf;
  } catch {
    return false;
  }
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    start = 3;
  }
  // Blank lines before the first record too (JSON Lines readers skip them).
  while (start < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[start]!)) {
    start++;
  }
  if (head[start] !== 0x7b /* { */) {
    return false;
  }
  const end = head.indexOf(0x0a, start);
  // A single record without a final line break is the whole file (`whole` is not needed: a cut head has
  // no line break only when its first line is longer than the head).
  const first = head.toString('utf8', start, end < 0 ? head.length : end);
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return false;
  }
  // Any "tables" key is a REST response's (a broken one is refused as such, with why).
  return isRecord(value) && !Object.hasOwn(value, 'tables');
}
