/**
 * A data file's bytes as the loaders read them: UTF-8 text. A `.gz` file is gunzipped within a bound
 * (a small file that inflates to gigabytes is refused before it fills the memory, and a cut-off one
 * gives what it holds up to the cut). UTF-16 content is transcoded by utf16Stream.ts.
 */
import { DataFileError, RefusedFileError } from './dataFileError';
import { type CompressedInput, GunzipStream, gunzipSteps, type Inflated } from './gunzipSteps';

/**
 * How many times its compressed size a stretch of a `.gz` file's content may inflate to. Real exports
 * compress 5–20-fold (Log Analytics' CSV and JSON Lines 8–54-fold, rows of many empty columns the
 * most); deflate cannot exceed about 1,032-fold, which a gzip bomb of one repeated byte or row reaches.
 * The rule: content is inflated 64 KB of compressed bytes at a time, and each STRETCH_BYTES of content
 * that comes out must have come from at least 1/MAX_INFLATE_RATIO of it in compressed bytes (~330 KB
 * for 64 MB). So a file may always inflate to MIN_INFLATED_BYTES, however small it is, and a bomb is
 * refused at most two stretches and a step (~200 MB) past where its expansion begins (a bomb hidden
 * behind a head of real rows too), whatever the file's size.
 */
export const MAX_INFLATE_RATIO = 200;
export const MIN_INFLATED_BYTES = 64 << 20;
const STRETCH_BYTES = MIN_INFLATED_BYTES;

const formatMb = (bytes: number) => `${(bytes / (1 << 20)).toFixed(bytes < 10 << 20 ? 1 : 0)} MB`;

/** 1-based line and column just past the end of the bytes (where a cut-off file stops). */
function endPosition(plain: Buffer): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = plain.indexOf(10); i >= 0; i = plain.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: plain.toString('utf8', lineStart).length + 1 };
}

/** The bomb rule above, as a gunzipSteps `afterStep`: throws once a stretch inflates too far. */
function bombGuard(file: string): (content: number, compressedRead: number) => void {
  let markContent = 0;
  let markRead = 0;
  return (content, compressedRead) => {
    const stretch = content - markContent;
    if (stretch < STRETCH_BYTES) {
      return;
    }
    const from = compressedRead - markRead;
    if (from * MAX_INFLATE_RATIO < stretch) {
      const after = markContent > 0 ? `, after its first ${formatMb(markContent)} of content` : '';
      throw new RefusedFileError(
        file,
        1,
        1,
        `the compressed file inflates to more than ${formatMb(STRETCH_BYTES)} from ${formatMb(from)}${after} (over ${MAX_INFLATE_RATIO} times its size, ` +
          'more than any export compresses): not loaded, as it may be a decompression bomb; decompress it yourself if it is data',
      );
    }
    markContent = content;
    markRead = compressedRead;
  };
}

function inflate(file: string, compressed: Buffer, enough: number): Inflated {
  try {
    return gunzipSteps(compressed, enough, bombGuard(file));
  } catch (e) {
    if (e instanceof DataFileError) {
      throw e;
    }
    throw new DataFileError(file, 1, 1, `cannot decompress the file: ${(e as Error).message}`);
  }
}

export interface Gunzipped {
  readonly plain: Buffer;
  /** Set when the compressed stream ends early: the problem, at the end of what was read. */
  readonly cut?: DataFileError;
}

/** The whole content of a `.gz` file; a cut-off file gives what it holds (and `cut`), a bomb throws. */
export function gunzipWhole(file: string, compressed: Buffer): Gunzipped {
  const { plain: held, cut } = inflate(file, compressed, Number.POSITIVE_INFINITY);
  if (!cut) {
    return { plain: held };
  }
  // Cut off: the last line of what the stream holds up to the cut is cut too (a value's digits, say),
  // so it ends at the last line end.
  const plain = held.subarray(0, held.lastIndexOf(10) + 1);
  const at = endPosition(plain);
  return { plain, cut: cutError(file, compressed.length, at.line, at.column) };
}

/** The problem of a `.gz` file cut off after `compressedBytes`, at the line after its last whole one. */
export function cutError(file: string, compressedBytes: number, line: number, column: number): DataFileError {
  return new DataFileError(
    file,
    line,
    column,
    `the compressed file ends early, cut off after ${compressedBytes.toLocaleString('en-US')} bytes: the records before this line are loaded, this line and the rest are missing`,
  );
}

/** A `.gz` file's content a piece at a time, under the bomb rule; zlib's errors as the file's problem. */
export function gunzipPieces(
  file: string,
  compressed: CompressedInput,
): { next(): Buffer | undefined; close(): void; readonly cut: boolean } {
  const stream = new GunzipStream(compressed, bombGuard(file));
  return {
    next: () => {
      try {
        return stream.next();
      } catch (e) {
        if (e instanceof DataFileError) {
          throw e;
        }
        throw new DataFileError(file, 1, 1, `cannot decompress the file: ${(e as Error).message}`);
      }
    },
    close: () => stream.close(),
    get cut() {
      return stream.cut;
    },
  };
}

/**
 * About the first `limit` bytes of a `.gz` file's content (at most one step more) from its first
 * compressed bytes, under the same bomb rule.
 */
export function gunzipHead(file: string, compressed: Buffer, limit: number): Buffer {
  return inflate(file, compressed, limit).plain;
}
