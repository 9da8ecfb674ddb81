/**
 * A data file's bytes, a window at a time, gunzipped when the name ends in `.gz`; plus what the
 * loaders share while reading: the load's progress and cancellation, and bounded warnings.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { DataFileError } from './dataFileError';

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
  if (isGzip(file)) {
    if (start !== 0) {
      throw new Error('a compressed file is read from its start');
    }
    const compressed = readAll(file);
    onRead?.(compressed.length);
    let plain: Buffer;
    try {
      plain = zlib.gunzipSync(compressed);
    } catch (e) {
      throw new DataFileError(file, 1, 1, `cannot decompress the file: ${(e as Error).message}`);
    }
    onWindow(plain, 0, plain.length, true, 0);
    return;
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  try {
    let buf = Buffer.allocUnsafe(WINDOW);
    let filled = 0;
    let at = start;
    for (;;) {
      const got = fs.readSync(fd, buf, filled, buf.length - filled, at + filled);
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

export function readAll(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
}

/** The first `limit` bytes of the file's content (decompressed for .gz), for its header and a sample. */
export function readHead(file: string, limit: number): { buf: Buffer; whole: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  try {
    const buf = Buffer.allocUnsafe(limit);
    const got = fs.readSync(fd, buf, 0, limit, 0);
    const head = buf.subarray(0, got);
    const whole = got < limit;
    if (!isGzip(file)) {
      return { buf: head, whole };
    }
    try {
      // A truncated stream decompresses as far as it goes with a sync flush.
      const plain = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      return { buf: plain.subarray(0, limit), whole: whole && plain.length <= limit };
    } catch (e) {
      throw new DataFileError(file, 1, 1, `cannot decompress the file: ${(e as Error).message}`);
    }
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
