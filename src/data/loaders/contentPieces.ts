/**
 * The content of a `.gz` or UTF-16 file as UTF-8 pieces, taken one at a time, so the window loop
 * (fileBytes.ts) never holds such a file whole: inflated by plainBytes.ts, transcoded by utf16Stream.ts,
 * or both (a gzipped UTF-16 export).
 */
import * as fs from 'node:fs';
import { DataFileError } from './dataFileError';
import { gunzipPieces } from './plainBytes';
import { type Utf16Start, Utf16ToUtf8, UTF16_PROBE_BYTES, utf16Start } from './utf16Stream';

export const isGzip = (file: string) => /\.gz$/i.test(file);

/** Content given a piece at a time; `cut`: a `.gz` file's stream ended early (known after the last piece). */
export interface Pieces {
  next(): Buffer | undefined;
  close(): void;
  readonly cut: boolean;
}

/** Raw bytes read a step at a time. */
const RAW_STEP = 4 << 20;

/**
 * The content of a `.gz` or UTF-16 file as UTF-8 pieces (inflated, transcoded, or both); undefined for
 * a plain UTF-8 file, which is read in place. The first bytes of the content tell UTF-16 (utf16Stream.ts).
 */
export function contentPieces(
  file: string,
  fd: number,
  size: number,
  onRead?: (bytes: number) => void,
): Pieces | undefined {
  const read = (at: number, max: number) => {
    const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(max, size - at)));
    const got = fs.readSync(fd, bytes, 0, bytes.length, at);
    onRead?.(got);
    return bytes.subarray(0, got);
  };
  if (isGzip(file)) {
    const inflated = gunzipPieces(file, { length: size, read });
    let first: Buffer | undefined;
    try {
      first = inflated.next();
    } catch (e) {
      inflated.close();
      throw e;
    }
    const utf16 = first && utf16Start(first);
    if (!utf16) {
      let taken = false;
      return {
        next: () => {
          if (!taken) {
            taken = true;
            return first;
          }
          return inflated.next();
        },
        close: () => inflated.close(),
        get cut() {
          return inflated.cut;
        },
      };
    }
    let pending: Buffer | undefined = first;
    return transcoded(file, utf16, {
      next: () => {
        const p = pending ?? inflated.next();
        pending = undefined;
        return p;
      },
      close: () => inflated.close(),
      get cut() {
        return inflated.cut;
      },
    });
  }
  const head = Buffer.alloc(UTF16_PROBE_BYTES);
  const utf16 = utf16Start(head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)));
  if (!utf16) {
    return undefined;
  }
  if (size % 2 === 1) {
    // Known before reading: said at the file, as before a single record is loaded.
    throw new DataFileError(file, 1, 1, `${utf16Name(utf16)} has an odd number of bytes: it is not whole UTF-16 text`);
  }
  let at = 0;
  const raw = Buffer.allocUnsafe(Math.min(RAW_STEP, Math.max(size, 1)));
  return transcoded(file, utf16, {
    next: () => {
      const got = at < size ? fs.readSync(fd, raw, 0, Math.min(raw.length, size - at), at) : 0;
      onRead?.(got);
      at += got;
      return got > 0 ? raw.subarray(0, got) : undefined;
    },
    close: () => {},
    cut: false,
  });
}

export const utf16Name = (s: Utf16Start) =>
  `the UTF-16 ${s.order.toUpperCase()} file${s.skip > 0 ? ' (it starts with a byte order mark)' : ' (it has no byte order mark; recognised by its NUL bytes)'}`;

/** `raw` pieces of UTF-16 as UTF-8 ones; an odd byte at the content's end is an error there (a cut-off stream's is not). */
function transcoded(file: string, start: Utf16Start, raw: Pieces): Pieces {
  const decoder = new Utf16ToUtf8(start.order, start.skip);
  let ended = false;
  return {
    next: () => {
      while (!ended) {
        const piece = raw.next();
        if (!piece) {
          ended = true;
          if (raw.cut) {
            // The stream's last line is cut anyway (piecesWindows ends at the line before it).
            return undefined;
          }
          const { tail, oddByte } = decoder.finish();
          if (oddByte) {
            throw new DataFileError(
              file,
              decoder.line,
              decoder.column,
              `${utf16Name(start)} ends in half a character (an odd number of bytes): the records before are whole, the last byte is not text`,
            );
          }
          return tail.length > 0 ? tail : undefined;
        }
        const out = decoder.push(piece);
        if (out.length > 0) {
          return out;
        }
      }
      return undefined;
    },
    close: () => raw.close(),
    get cut() {
      return raw.cut;
    },
  };
}
