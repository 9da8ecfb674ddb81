/**
 * A data file's bytes, a window at a time, as UTF-8 (plainBytes.ts: gunzipped for `.gz`, transcoded from
 * UTF-16); plus what the loaders share while reading: the load's progress and cancellation, and
 * bounded warnings.
 */
import * as fs from 'node:fs';
import { type Gunzipped, gunzipHead, gunzipWhole, utf16Order, utf16ToUtf8 } from './plainBytes';
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
 * window (grown when one record is larger than a window). `onRead` gets the bytes read from disk.
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
    const { plain, cut } = readContent(file, onRead);
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
    let buf = Buffer.allocUnsafe(WINDOW);
    let filled = 0;
    let at = start;
    for (;;) {
      const want = Math.min(buf.length - filled, Math.max(0, size - (at + filled)));
      const got = want > 0 ? fs.readSync(fd, buf, filled, want, at + filled) : 0;
      onRead?.(got);
      filled += got;
      const final = got === 0;
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
  } finally {
    fs.closeSync(fd);
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
