/**
 * A data file's bytes as the loaders read them: UTF-8 text. A `.gz` file is gunzipped within a bound
 * (a small file that inflates to gigabytes is refused before it fills the memory, and a cut-off one
 * gives what it holds up to the cut); a file that starts with a UTF-16 byte order mark (what Excel's
 * "Unicode Text" and some portal exports write) is transcoded to UTF-8.
 */
import { constants as bufferConstants } from 'node:buffer';
import * as zlib from 'node:zlib';
import { DataFileError } from './dataFileError';

/**
 * How many times its compressed size a `.gz` file may inflate to. Log Analytics exports (CSV, JSON
 * Lines) compress 5–30-fold; deflate cannot exceed about 1,032-fold, which a gzip bomb of one repeated
 * byte reaches. A file may always inflate to MIN_INFLATED_BYTES, however small it is.
 */
export const MAX_INFLATE_RATIO = 200;
export const MIN_INFLATED_BYTES = 64 << 20;

const formatMb = (bytes: number) => `${(bytes / (1 << 20)).toFixed(bytes < 10 << 20 ? 1 : 0)} MB`;

/** The most a compressed file of `compressedBytes` may inflate to. */
export function inflateCap(compressedBytes: number): number {
  return Math.min(bufferConstants.MAX_LENGTH, Math.max(MIN_INFLATED_BYTES, compressedBytes * MAX_INFLATE_RATIO));
}

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

function bombError(file: string, compressed: number, cap: number): DataFileError {
  return new DataFileError(
    file,
    1,
    1,
    `the compressed file inflates to more than ${formatMb(cap)} from ${formatMb(compressed)} (over ${MAX_INFLATE_RATIO} times its size, ` +
      'more than any export compresses): not loaded, as it may be a decompression bomb; decompress it yourself if it is data',
  );
}

export interface Gunzipped {
  readonly plain: Buffer;
  /** Set when the compressed stream ends early: the problem, at the end of what was read. */
  readonly cut?: DataFileError;
}

/** The whole content of a `.gz` file; a cut-off file gives what it holds (and `cut`), a bomb throws. */
export function gunzipWhole(file: string, compressed: Buffer): Gunzipped {
  const cap = inflateCap(compressed.length);
  try {
    return { plain: zlib.gunzipSync(compressed, { maxOutputLength: cap }) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') {
      throw bombError(file, compressed.length, cap);
    }
    if (err.code !== 'Z_BUF_ERROR') {
      throw new DataFileError(file, 1, 1, `cannot decompress the file: ${err.message}`);
    }
  }
  // Cut off: a sync flush gives everything the stream holds up to the cut, of which the last line
  // is cut too (a value's digits, say), so it ends at the last line end.
  const held = zlib.gunzipSync(compressed, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: cap });
  const plain = held.subarray(0, held.lastIndexOf(10) + 1);
  const at = endPosition(plain);
  return {
    plain,
    cut: new DataFileError(
      file,
      at.line,
      at.column,
      `the compressed file ends early, cut off after ${compressed.length.toLocaleString('en-US')} bytes: the records before this line are loaded, this line and the rest are missing`,
    ),
  };
}

/**
 * About the first `limit` bytes of a `.gz` file's content from its first compressed bytes (`whole`: all
 * of them). Inflates growing prefixes, so that a bomb never inflates much past `limit`.
 */
export function gunzipHead(file: string, compressed: Buffer, limit: number): Buffer {
  let plain = Buffer.alloc(0);
  for (let take = 64 << 10; ; take *= 4) {
    const prefix = compressed.subarray(0, Math.min(take, compressed.length));
    try {
      plain = zlib.gunzipSync(prefix, {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(limit, MIN_INFLATED_BYTES),
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE') {
        throw bombError(file, prefix.length, Math.max(limit, MIN_INFLATED_BYTES));
      }
      throw new DataFileError(file, 1, 1, `cannot decompress the file: ${err.message}`);
    }
    if (plain.length >= limit || prefix.length === compressed.length) {
      return plain;
    }
  }
}

/** The UTF-16 byte order the content starts with the mark of, if any. */
export function utf16Order(buf: Buffer): 'le' | 'be' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return 'le';
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return 'be';
  }
  return undefined;
}

/**
 * UTF-16 content as UTF-8, without its byte order mark. `complete`:
 * the content is whole; else a code unit or surrogate pair cut at its end is left out.
 */
export function utf16ToUtf8(file: string, buf: Buffer, order: 'le' | 'be', complete: boolean): Buffer {
  let units = buf.length >> 1;
  if (complete && buf.length % 2 === 1) {
    throw new DataFileError(file, 1, 1, 'the file starts with a UTF-16 byte order mark but has an odd number of bytes');
  }
  const high = (i: number) => (order === 'le' ? buf[2 * i + 1]! : buf[2 * i]!);
  if (!complete && units > 0 && high(units - 1) >= 0xd8 && high(units - 1) <= 0xdb) {
    units--;
  }
  if (units > bufferConstants.MAX_STRING_LENGTH) {
    throw new DataFileError(file, 1, 1, 'the UTF-16 file is too large to read: save it as UTF-8 (CSV UTF-8) instead');
  }
  const le = order === 'le' ? buf.subarray(0, units * 2) : Buffer.from(buf.subarray(0, units * 2)).swap16();
  return Buffer.from(new TextDecoder('utf-16le').decode(le), 'utf8');
}
