/**
 * Gunzips a `.gz` file's bytes a step at a time, synchronously: the loaders are synchronous (they run in
 * the engine's worker and the CLI) and Node has no public synchronous streaming gunzip, while inflating
 * in one call (`zlib.gunzipSync`) can only be stopped at a fixed output size, so a decompression bomb
 * filled the memory up to that size before it was refused. Here `afterStep` sees each step's totals and
 * refuses a bomb soon after its expansion begins (plainBytes.ts says the rule).
 */
import * as zlib from 'node:zlib';

/** Compressed bytes inflated per step: deflate expands at most about 1,032-fold, so a step gives at most ~66 MB. */
const STEP = 64 << 10;
/** A step's output past this is a broken stream, not data (see STEP). */
const STEP_OUTPUT_LIMIT = 128 << 20;
const OUT_CHUNK = 1 << 20;
/** Less room than this left in the output buffer after a step: the next step starts a new one. */
const MIN_OUT_ROOM = 64 << 10;

/** The internals of `zlib.Gunzip` that `zlib.gunzipSync` itself runs on. */
interface SyncGunzip {
  _handle: { close(): void } | null;
  _outBuffer: Buffer;
  _outOffset: number;
  close(): void;
  _processChunk(chunk: Buffer, flushFlag: number): Buffer;
  removeAllListeners(event: string): void;
  on(event: string, listener: () => void): void;
}

const ignore = () => {};

/**
 * One synchronous step of `g`. `_processChunk` without a callback is the synchronous path
 * `zlib.gunzipSync` runs (kept by Node for compatibility; npm's minizlib streams with it the same way);
 * it closes the stream after the call, so closing is a no-op for the call's duration and the
 * stream's state carries into the next step.
 */
function step(g: SyncGunzip, input: Buffer, flushFlag: number): Buffer {
  const native = g._handle!;
  const closeNative = native.close;
  const closeStream = g.close;
  native.close = () => {};
  g.close = () => {};
  try {
    const out = g._processChunk(input, flushFlag);
    // A step's output that fits in the stream's output buffer is returned as a view of it, and the
    // next step would write from the same offset (the synchronous path keeps no offset, as it closes
    // the stream): the next step writes past it, or into a new buffer.
    if (out.length > 0 && out.buffer === g._outBuffer.buffer) {
      g._outOffset = out.byteOffset - g._outBuffer.byteOffset + out.length;
      if (g._outBuffer.length - g._outOffset < MIN_OUT_ROOM) {
        g._outBuffer = Buffer.allocUnsafe(g._outBuffer.length);
        g._outOffset = 0;
      }
    }
    return out;
  } finally {
    g._handle = native;
    native.close = closeNative;
    g.close = closeStream;
    // Each call adds a listener for the stream's errors, which would pile up; the call throws the
    // error itself, and zlib also emits it (a tick later) on the stream, where it is ignored.
    g.removeAllListeners('error');
    g.on('error', ignore);
  }
}

export interface Inflated {
  readonly plain: Buffer;
  /** The compressed bytes ended before the gzip stream did (a cut-off file): `plain` is what they hold. */
  readonly cut: boolean;
}

/**
 * Inflates `compressed` until `enough` bytes of content have come out (or all of it: `enough` =
 * Infinity, and then a stream that ends early is `cut`). `afterStep(content, compressedRead)` runs after
 * every step and throws to stop. zlib's own errors (not gzip, corrupt data) are thrown as zlib gives them.
 */
export function gunzipSteps(
  compressed: Buffer,
  enough: number,
  afterStep: (content: number, compressedRead: number) => void,
): Inflated {
  const g = zlib.createGunzip({ chunkSize: OUT_CHUNK, maxOutputLength: STEP_OUTPUT_LIMIT }) as unknown as SyncGunzip;
  const parts: Buffer[] = [];
  let content = 0;
  const add = (out: Buffer) => {
    if (out.length > 0) {
      parts.push(out);
      content += out.length;
    }
  };
  try {
    let read = 0;
    while (read < compressed.length && content < enough) {
      const next = Math.min(compressed.length, read + STEP);
      add(step(g, compressed.subarray(read, next), zlib.constants.Z_NO_FLUSH));
      read = next;
      afterStep(content, read);
    }
    let cut = false;
    if (read === compressed.length && enough === Number.POSITIVE_INFINITY) {
      try {
        add(step(g, Buffer.alloc(0), zlib.constants.Z_FINISH));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR') {
          throw e;
        }
        cut = true;
      }
    }
    return { plain: parts.length === 1 ? parts[0]! : Buffer.concat(parts, content), cut };
  } finally {
    g.close();
  }
}
