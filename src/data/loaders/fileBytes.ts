/**
 * A data file's bytes, a window at a time, as UTF-8 (gunzipped for `.gz` by plainBytes.ts, transcoded from
 * UTF-16 by utf16Stream.ts); plus what the loaders share while reading: the load's progress and cancellation, and
 * bounded warnings.
 */
import * as fs from 'node:fs';
import { contentPieces, isGzip, type Pieces, utf16Name } from './contentPieces';
import { DataFileError } from './dataFileError';
import { cutError, type Gunzipped, gunzipHead, gunzipWhole } from './plainBytes';
import { openRegular, readRegular } from './regularFile';
import { UTF16_PROBE_BYTES, Utf16ToUtf8, utf16Start } from './utf16Stream';

export interface LoadProgress {
  readonly table: string;
  readonly filesDone: number;
  readonly files: number;
  readonly rows: number;
  /** Bytes of the files read so far (compressed bytes for .gz files), and in all. */
  readonly bytes: number;
  readonly totalBytes: number;
}

/** How a load is watched and stopped: `check` throws (a cancellation or timeout) to stop it. */
export interface LoadControl {
  readonly check?: () => void;
  readonly progress?: (p: LoadProgress) => void;
}

export { isGzip };

const WINDOW = 8 << 20;

/** What `onWindow` returns to end the reading early (a part of a file read by one thread ends). */
export const STOP = -1;

/**
 * Calls `onWindow(buf, from, to, final, at)` over the file from byte `start` (`at`: the file offset
 * of `buf[0]`); it returns how far it consumed, or STOP, and the rest is carried into the next
 * window (grown when one record is larger than a window: a reader skips a record past the record
 * limit (recordLimit.ts) rather than carry it, so a window stays within about twice that limit).
 * `onRead` gets the bytes read from disk. A `.gz` file is inflated and a UTF-16 file transcoded as
 * its windows are taken (`at` is then the offset in the UTF-8 content), so neither is held whole.
 */
export function readWindows(
  file: string,
  onWindow: (buf: Buffer, from: number, to: number, final: boolean, at: number) => number,
  onRead?: (bytes: number) => void,
  start = 0,
): void {
  const fd = openRegular(file);
  try {
    // The file as it was when opened: one that grows while it is read (a log still written) would
    // otherwise be read for as long as its writer keeps up. Bytes written since are read on its reload.
    const size = fs.fstatSync(fd).size;
    const pieces = contentPieces(file, fd, size, onRead);
    if (pieces) {
      if (start !== 0) {
        throw new Error('a compressed or UTF-16 file is read from its start');
      }
      try {
        piecesWindows(file, size, pieces, onWindow);
      } finally {
        pieces.close();
      }
      return;
    }
    windowLoop(
      (buf, offset, max, at) => {
        const got = fs.readSync(fd, buf, offset, Math.min(max, Math.max(0, size - at)), at);
        onRead?.(got);
        return got;
      },
      onWindow,
      start,
    );
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The window loop: `pull(buf, offset, max, at)` puts up to `max` bytes of content (those from offset
 * `at`) into `buf` at `offset` and returns how many (0 at the end). Returns the bytes carried at the end.
 */
function windowLoop(
  pull: (buf: Buffer, offset: number, max: number, at: number) => number,
  onWindow: (buf: Buffer, from: number, to: number, final: boolean, at: number) => number,
  start: number,
  atEnd?: (buf: Buffer, filled: number) => number,
): void {
  let buf = Buffer.allocUnsafe(WINDOW);
  let filled = 0;
  let at = start;
  for (;;) {
    const want = buf.length - filled;
    const got = want > 0 ? pull(buf, filled, want, at + filled) : 0;
    filled += got;
    const final = got === 0;
    if (final && atEnd) {
      filled = atEnd(buf, filled);
    }
    const used = onWindow(buf, 0, filled, final, at);
    if (final || used === STOP) {
      return;
    }
    at += used;
    const rest = filled - used;
    if (rest === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    } else if (used > 0) {
      buf.copy(buf, 0, used, filled);
    }
    filled = rest;
  }
}

/** The windows of content given in pieces (a `.gz` file's, a UTF-16 file's); a cut-off file ends at its last whole line. */
function piecesWindows(
  file: string,
  compressedBytes: number,
  pieces: Pieces,
  onWindow: (buf: Buffer, from: number, to: number, final: boolean, at: number) => number,
): void {
  let piece = pieces.next();
  let taken = 0;
  let lines = 0;
  windowLoop(
    (buf, offset, max) => {
      let put = 0;
      while (put < max && piece) {
        const n = Math.min(max - put, piece.length - taken);
        piece.copy(buf, offset + put, taken, taken + n);
        for (let i = piece.indexOf(10, taken); i >= 0 && i < taken + n; i = piece.indexOf(10, i + 1)) {
          lines++;
        }
        put += n;
        taken += n;
        if (taken === piece.length) {
          piece = pieces.next();
          taken = 0;
        }
      }
      return put;
    },
    onWindow,
    0,
    (buf, filled) =>
      // Cut off: the last line of what the stream holds is cut too (a value's digits, say), so the content
      // ends at the last line end; the bytes left out hold no line end, so `lines` counts the lines kept.
      pieces.cut ? buf.subarray(0, filled).lastIndexOf(10) + 1 : filled,
  );
  if (pieces.cut) {
    throw cutError(file, compressedBytes, lines + 1, 1);
  }
}

/** Whether the file's content is UTF-16 (utf16Stream.ts): it is then read from its start, on one thread. */
export function startsUtf16(file: string): boolean {
  let fd: number;
  try {
    fd = openRegular(file);
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(UTF16_PROBE_BYTES);
    return utf16Start(head.subarray(0, fs.readSync(fd, head, 0, head.length, 0))) !== undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The whole content as UTF-8 bytes: gunzipped (within a bound) for .gz files, transcoded from UTF-16
 * (a piece at a time: the UTF-16 bytes are never held whole). `cut`: the compressed file ends early
 * (what it holds is in `plain`).
 */
export function readContent(file: string, onRead?: (bytes: number) => void): Gunzipped {
  if (!isGzip(file)) {
    const fd = openRegular(file);
    try {
      const pieces = contentPieces(file, fd, fs.fstatSync(fd).size, onRead);
      if (pieces) {
        const parts: Buffer[] = [];
        for (let p = pieces.next(); p; p = pieces.next()) {
          parts.push(p);
        }
        return { plain: Buffer.concat(parts) };
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const raw = readAll(file);
  onRead?.(raw.length);
  const { plain, cut } = isGzip(file) ? gunzipWhole(file, raw) : { plain: raw, cut: undefined };
  const utf16 = utf16Start(plain);
  if (!utf16) {
    return { plain, cut };
  }
  // A compressed UTF-16 document, inflated whole already (a JSON document is parsed whole).
  const decoder = new Utf16ToUtf8(utf16.order, utf16.skip);
  const body = decoder.push(plain);
  const { tail, oddByte } = decoder.finish();
  if (oddByte && !cut) {
    throw new DataFileError(
      file,
      decoder.line,
      decoder.column,
      `${utf16Name(utf16)} ends in half a character (an odd number of bytes)`,
    );
  }
  return { plain: cut ? body : Buffer.concat([body, tail]), cut };
}

export function readAll(file: string): Buffer {
  return readRegular(file);
}

/** The first `limit` bytes of the file's content (as readContent gives it), for its header and a sample. */
export function readHead(file: string, limit: number): { buf: Buffer; whole: boolean } {
  const fd = openRegular(file);
  try {
    const buf = Buffer.allocUnsafe(limit);
    const got = fs.readSync(fd, buf, 0, limit, 0);
    const head = buf.subarray(0, got);
    const whole = got < limit;
    const plain = isGzip(file) ? gunzipHead(file, head, limit) : head;
    // A head may end inside a UTF-16 code unit or pair: it is left out (the whole load checks the file's end).
    const utf16 = utf16Start(plain);
    const content = utf16 ? new Utf16ToUtf8(utf16.order, utf16.skip).push(plain) : plain;
    return { buf: content.subarray(0, limit), whole: whole && plain.length <= limit && content.length <= limit };
  } finally {
    fs.closeSync(fd);
  }
}

/** How many warnings of one file are shown in full. */
export const WARNING_LIMIT = 20;

/** Warnings of one file: the first few in full, the rest counted, so a broken file cannot flood the log. */
export class FileWarnings {
  private shown = 0;
  private more = 0;
  constructor(
    private readonly out: string[],
    private readonly limit = WARNING_LIMIT,
  ) {}

  /** Warnings another thread counted without their text (it had shown `limit` already). */
  skip(count: number): void {
    this.more += count;
  }

  add(text: string): void {
    if (this.shown < this.limit) {
      this.out.push(text);
      this.shown++;
    } else {
      this.more++;
    }
  }

  /** Adds the count of warnings left out, if any. */
  close(file: string): void {
    if (this.more > 0) {
      this.out.push(`${file}: ${this.more} more problem${this.more === 1 ? '' : 's'} like those above`);
    }
  }
}
