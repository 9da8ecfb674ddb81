/**
 * A data file's bytes, a window at a time, as UTF-8 (plainBytes.ts: gunzipped for `.gz`, transcoded from
 * UTF-16); plus what the loaders share while reading: the load's progress and cancellation, and
 * bounded warnings.
 */
import * as fs from 'node:fs';
import { cutError, type Gunzipped, gunzipHead, gunzipPieces, gunzipWhole, utf16Order, utf16ToUtf8 } from './plainBytes';
import { openRegular, readRegular } from './regularFile';

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

export const isGzip = (file: string) => /\.gz$/i.test(file);

const WINDOW = 8 << 20;

/** What `onWindow` returns to end the reading early (a part of a file read by one thread ends). */
export const STOP = -1;

/**
 * Calls `onWindow(buf, from, to, final, at)` over the file from byte `start` (`at`: the file offset
 * of `buf[0]`); it returns how far it consumed, or STOP, and the rest is carried into the next
 * window (grown when one record is larger than a window: a reader skips a record past the record
 * limit (recordLimit.ts) rather than carry it, so a window stays within about twice that limit).
 * `onRead` gets the bytes read from disk. A `.gz` file is inflated as its windows are taken, so its
 * content is never held whole; a UTF-16 file is read whole, transcoded.
 */
export function readWindows(
  file: string,
  onWindow: (buf: Buffer, from: number, to: number, final: boolean, at: number) => number,
  onRead?: (bytes: number) => void,
  start = 0,
): void {
  if (isGzip(file) || startsUtf16(file)) {
    if (start !== 0) {
      throw new Error('a compressed or UTF-16 file is read from its start');
    }
    if (isGzip(file)) {
      const fd = openRegular(file);
      try {
        // The file as it was when opened (as below); its compressed bytes read a step at a time too.
        const size = fs.fstatSync(fd).size;
        const pieces = gunzipPieces(file, {
          length: size,
          read: (at, max) => {
            const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(max, size - at)));
            const got = fs.readSync(fd, bytes, 0, bytes.length, at);
            onRead?.(got);
            return bytes.subarray(0, got);
          },
        });
        try {
          const first = pieces.next();
          if (!first || !utf16Order(first)) {
            gunzippedWindows(file, size, first, pieces, onWindow);
            return;
          }
        } finally {
          pieces.close();
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    const { plain, cut } = readContent(file, isGzip(file) ? undefined : onRead);
    onWindow(plain, 0, plain.length, true, 0);
    if (cut) {
      throw cut;
    }
    return;
  }
  const fd = openRegular(file);
  try {
    // The file as it was when opened: one that grows while it is read (a log still written) would
    // otherwise be read for as long as its writer keeps up. Bytes written since are read on its reload.
    const size = fs.fstatSync(fd).size;
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

/** The windows of a `.gz` file's content, inflated as they are taken; a cut-off file ends at its last whole line. */
function gunzippedWindows(
  file: string,
  compressedBytes: number,
  first: Buffer | undefined,
  pieces: { next(): Buffer | undefined; readonly cut: boolean },
  onWindow: (buf: Buffer, from: number, to: number, final: boolean, at: number) => number,
): void {
  let piece = first;
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

/** Whether the file starts with a UTF-16 byte order mark (it is then read whole, transcoded to UTF-8). */
export function startsUtf16(file: string): boolean {
  let fd: number;
  try {
    fd = openRegular(file);
  } catch {
    return false;
  }
  try {
    const mark = Buffer.alloc(2);
    return utf16Order(mark.subarray(0, fs.readSync(fd, mark, 0, 2, 0))) !== undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The whole content as UTF-8 bytes: gunzipped (within a bound) for .gz files, transcoded from UTF-16.
 * `cut`: the compressed file ends early (what it holds is in `plain`).
 */
export function readContent(file: string, onRead?: (bytes: number) => void): Gunzipped {
  const raw = readAll(file);
  onRead?.(raw.length);
  const { plain, cut } = isGzip(file) ? gunzipWhole(file, raw) : { plain: raw, cut: undefined };
  const order = utf16Order(plain);
  return { plain: order ? utf16ToUtf8(file, plain, order, !cut) : plain, cut };
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
    // A head may end inside a UTF-16 code unit: it is left out (the whole load checks the file's end).
    const order = utf16Order(plain);
    const content = order ? utf16ToUtf8(file, plain, order, false) : plain;
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
