/**
 * UTF-16 content (Excel's "Unicode Text", Windows PowerShell 5's Export-Csv and Out-File, some portal
 * exports) transcoded to UTF-8 a piece at a time, so the loaders read such a file as they read a UTF-8
 * one: a window at a time, under the record limit, with positions counted in the UTF-8 they see (the
 * same lines and columns, which count UTF-16 code units in both).
 *
 * A code unit or surrogate pair cut at a piece's end is carried into the next piece, so each piece
 * decodes whole. A lone surrogate (a string cut between the halves of a pair by the tool that wrote it)
 * has no UTF-8 form: it becomes the byte 0xFF, which no UTF-8 text holds, so the loaders treat it as
 * they treat invalid UTF-8 (kept as U+FFFD with a warning at its line and column, or the line skipped,
 * as the format has it) rather than changing it silently.
 */
import { transcode } from 'node:buffer';

export type Utf16Order = 'le' | 'be';

export interface Utf16Start {
  readonly order: Utf16Order;
  /** Bytes of the byte order mark at the start (2), or 0 for a file recognised by its NUL bytes. */
  readonly skip: number;
}

/** Bytes of the content's start that utf16Start looks at. */
export const UTF16_PROBE_BYTES = 256;

/**
 * The UTF-16 byte order of content starting with `head`, if it is UTF-16: by its byte order mark, or
 * without one (what .NET's Encoding.Unicode and `iconv -t UTF-16LE` write) by its NUL bytes, as
 * Notepad++ and uchardet tell it: in the first UTF16_PROBE_BYTES, a NUL in at least a quarter of the
 * high bytes (ASCII letters, digits, commas, quotes and line ends have one; CJK names do not) and in
 * under half as many low ones (U+0100, U+4E00 and half an emoji's pair have a NUL low byte). Text
 * in UTF-8 holds no NUL at all (a CSV or JSON file never does).
 */
export function utf16Start(head: Buffer): Utf16Start | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    return { order: 'le', skip: 2 };
  }
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) {
    return { order: 'be', skip: 2 };
  }
  const n = Math.min(head.length, UTF16_PROBE_BYTES) & ~1;
  const nuls = [0, 0];
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      nuls[i & 1]!++;
    }
  }
  const [even, odd] = nuls as [number, number];
  if (odd > 0 && odd * 4 >= n / 2 && even * 2 < odd) {
    return { order: 'le', skip: 0 };
  }
  if (even > 0 && even * 4 >= n / 2 && odd * 2 < even) {
    return { order: 'be', skip: 0 };
  }
  return undefined;
}

const LONE_SURROGATE = 0xff;
const LF = 10;

/** UTF-16 bytes in, UTF-8 bytes out, a piece at a time (see above). */
export class Utf16ToUtf8 {
  private carry: Buffer | undefined;
  private readonly decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
  private toSkip: number;
  /** 1-based line and column just past the content given out so far (where an odd last byte is). */
  line = 1;
  column = 1;

  constructor(
    private readonly order: Utf16Order,
    skip: number,
  ) {
    this.toSkip = skip;
  }

  /**
   * The UTF-8 of `raw`, less a code unit or surrogate pair cut at its end (carried into the next
   * piece). `raw` is the caller's to reuse after: big-endian bytes are swapped in it.
   */
  push(raw: Buffer): Buffer {
    let bytes = raw;
    if (this.toSkip > 0) {
      const n = Math.min(this.toSkip, bytes.length);
      bytes = bytes.subarray(n);
      this.toSkip -= n;
    }
    if (this.carry) {
      bytes = Buffer.concat([this.carry, bytes]);
      this.carry = undefined;
    }
    let end = bytes.length & ~1;
    if (end >= 2 && this.isHigh(bytes, end - 2)) {
      end -= 2;
    }
    if (end < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(end));
    }
    return this.utf8(bytes.subarray(0, end));
  }

  /**
   * The end of the content: the UTF-8 of a high surrogate left at the end (a lone one), and whether
   * an odd byte was left (the content is not whole UTF-16: the caller says so at `line`:`column`).
   */
  finish(): { tail: Buffer; oddByte: boolean } {
    const left = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    const even = left.length & ~1;
    return { tail: this.utf8(left.subarray(0, even)), oddByte: left.length > even };
  }

  private isHigh(bytes: Buffer, at: number): boolean {
    const high = this.order === 'le' ? bytes[at + 1]! : bytes[at]!;
    return high >= 0xd8 && high <= 0xdb;
  }

  private utf8(units: Buffer): Buffer {
    if (units.length === 0) {
      return Buffer.alloc(0);
    }
    if (this.order === 'be') {
      units.swap16();
    }
    let out: Buffer;
    try {
      // ICU's converter in one native step, several times faster than decoding to a string and encoding
      // it again; it throws at a lone surrogate (and where Node has no ICU).
      out = transcode(units, 'utf16le', 'utf8');
    } catch {
      out = this.decoded(units);
    }
    this.advance(out);
    return out;
  }

  private decoded(units: Buffer): Buffer {
    try {
      return Buffer.from(this.decoder.decode(units), 'utf8');
    } catch {
      return this.withLoneSurrogates(units);
    }
  }

  /** The rare piece holding a lone surrogate (little-endian by now): its good stretches decoded, each lone one 0xFF. */
  private withLoneSurrogates(units: Buffer): Buffer {
    const out: Buffer[] = [];
    let from = 0;
    const n = units.length >> 1;
    const stretch = (to: number) => {
      if (to > from) {
        out.push(Buffer.from(this.decoder.decode(units.subarray(2 * from, 2 * to)), 'utf8'));
      }
    };
    for (let i = 0; i < n; i++) {
      const u = units.readUInt16LE(2 * i);
      if (u < 0xd800 || u > 0xdfff) {
        continue;
      }
      if (u <= 0xdbff && i + 1 < n) {
        const v = units.readUInt16LE(2 * i + 2);
        if (v >= 0xdc00 && v <= 0xdfff) {
          i++;
          continue;
        }
      }
      stretch(i);
      // Read back as U+FFFD: one column, as the loaders count it.
      out.push(Buffer.from([LONE_SURROGATE]));
      from = i + 1;
    }
    stretch(n);
    return Buffer.concat(out);
  }

  /** Moves the end position past `out` (columns in UTF-16 code units, as the loaders count them). */
  private advance(out: Buffer): void {
    const last = out.lastIndexOf(LF);
    if (last < 0) {
      this.column += out.toString('utf8').length;
      return;
    }
    for (let i = out.indexOf(LF); i >= 0 && i <= last; i = out.indexOf(LF, i + 1)) {
      this.line++;
    }
    this.column = out.toString('utf8', last + 1).length + 1;
  }
}
