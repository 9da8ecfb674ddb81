/**
 * Gunzips a `.gz` file's bytes a step at a time, synchronously: the loaders are synchronous (they run in
 * the engine's worker and the CLI) and Node has no public synchronous streaming gunzip, while inflating
 * in one call (`zlib.gunzipSync`) can only be stopped at a fixed output size, so a decompression bomb
 * filled the memory up to that size before it was refused. Here `afterStep` sees each step's totals and
 * refuses a bomb soon after its expansion begins (plainBytes.ts says the rule).
 *
 * minizlib (npm's own zlib stream, synchronous by design, over Node's native zlib) does the stepping, so
 * the Node internals a synchronous step needs are kept working by the package that npm itself (bundled
 * with Node, through tar and minipass-fetch) unpacks every download with, not by this project;
 * docs/decisions.md has its figures against the pure-JS fflate and pako.
 */
import * as zlib from 'node:zlib';
import { Gunzip, type ZlibError } from 'minizlib';

/** Compressed bytes inflated per step: deflate expands at most about 1,032-fold, so a step gives at most ~66 MB. */
const STEP = 64 << 10;
/** A step's output past this is a broken stream, not data (see STEP). */
const STEP_OUTPUT_LIMIT = 128 << 20;
const OUT_CHUNK = 1 << 20;

export interface Inflated {
  readonly plain: Buffer;
  /** The compressed bytes ended before the gzip stream did (a cut-off file): `plain` is what they hold. */
  readonly cut: boolean;
}

/** Node's zlib error that minizlib wraps (its message prefixed with "zlib: "): the loaders show zlib's own. */
const zlibError = (e: ZlibError): Error => (e.cause instanceof Error ? e.cause : e);

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
  // chunkSize and maxOutputLength go to Node's Gunzip as they are (minizlib's type names only its own options).
  const options = { finishFlush: zlib.constants.Z_FINISH, chunkSize: OUT_CHUNK, maxOutputLength: STEP_OUTPUT_LIMIT };
  const g = new Gunzip(options);
  const parts: Buffer[] = [];
  let content = 0;
  // minizlib writes synchronously: each write's output and error are emitted before it returns.
  let failure: ZlibError | undefined;
  g.on('data', (out: Buffer) => {
    if (out.length > 0) {
      parts.push(out);
      content += out.length;
    }
  });
  g.on('error', (e) => {
    failure = e as ZlibError;
  });
  try {
    let read = 0;
    while (read < compressed.length && content < enough) {
      const next = Math.min(compressed.length, read + STEP);
      g.write(compressed.subarray(read, next));
      if (failure) {
        throw zlibError(failure);
      }
      read = next;
      afterStep(content, read);
    }
    let cut = false;
    if (read === compressed.length && enough === Number.POSITIVE_INFINITY) {
      g.flush(zlib.constants.Z_FINISH);
      if (failure) {
        if (failure.code !== 'Z_BUF_ERROR') {
          throw zlibError(failure);
        }
        cut = true;
      }
    }
    return { plain: parts.length === 1 ? parts[0]! : Buffer.concat(parts, content), cut };
  } finally {
    g.close();
  }
}

/** Compressed bytes read when asked for: `read(at, max)` gives up to `max` bytes from offset `at` (none at the end). */
export interface CompressedInput {
  readonly length: number;
  read(at: number, max: number): Buffer;
}

/**
 * The content of `compressed` a piece at a time (each at most one step's output, ~66 MB), so a reader
 * holds only the window it scans, not the whole content (nor the whole compressed file): a step of
 * 64 KB compressed bytes is read and inflated only when the pieces before it are taken. `afterStep` as
 * for gunzipSteps. After the last piece, `cut` says whether the stream ended early.
 */
export class GunzipStream {
  private readonly g: InstanceType<typeof Gunzip>;
  private readonly parts: Buffer[] = [];
  private failure: ZlibError | undefined;
  private read = 0;
  private content = 0;
  private ended = false;
  cut = false;

  constructor(
    private readonly compressed: CompressedInput,
    private readonly afterStep: (content: number, compressedRead: number) => void,
  ) {
    const options = { finishFlush: zlib.constants.Z_FINISH, chunkSize: OUT_CHUNK, maxOutputLength: STEP_OUTPUT_LIMIT };
    this.g = new Gunzip(options);
    this.g.on('data', (out: Buffer) => {
      if (out.length > 0) {
        this.parts.push(out);
        this.content += out.length;
      }
    });
    this.g.on('error', (e) => {
      this.failure = e as ZlibError;
    });
  }

  /** The next piece of content; undefined at its end (the inflater is then closed). */
  next(): Buffer | undefined {
    while (this.parts.length === 0 && !this.ended) {
      this.step();
    }
    return this.parts.shift();
  }

  close(): void {
    if (!this.ended) {
      this.ended = true;
      this.g.close();
    }
  }

  private step(): void {
    try {
      const chunk = this.read < this.compressed.length ? this.compressed.read(this.read, STEP) : undefined;
      if (chunk && chunk.length > 0) {
        this.g.write(chunk);
        if (this.failure) {
          throw zlibError(this.failure);
        }
        this.read += chunk.length;
        this.afterStep(this.content, this.read);
        return;
      }
      this.g.flush(zlib.constants.Z_FINISH);
      if (this.failure) {
        if (this.failure.code !== 'Z_BUF_ERROR') {
          throw zlibError(this.failure);
        }
        this.cut = true;
      }
      this.close();
    } catch (e) {
      this.close();
      throw e;
    }
  }
}
