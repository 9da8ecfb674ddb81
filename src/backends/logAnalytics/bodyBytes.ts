/**
 * A large successful Log Analytics answer kept as the bytes it arrived as, for the worker that reads it
 * (answerOffThread.ts), instead of being made text on the extension host. For a 97 MB answer the host
 * had joined the chunks (one copy), decoded them (a second) and posted the text to the worker (a third,
 * structured clone): each 150–400 ms in one turn of its event loop on a busy machine. Here each chunk is
 * copied as it arrives into segments of their own ArrayBuffers, which are then moved to the worker
 * (transferred, not copied). The text stays available (responseText) for whoever needs it before.
 */

/** Each segment's size: 13 for a 97 MB answer; each one allocation, filled a chunk at a time. */
export const SEGMENT_BYTES = 8 * 1024 * 1024;

/** A body's bytes in segments, each wholly its own ArrayBuffer (so it can be transferred). */
export class BodySegments {
  private readonly full: Uint8Array[] = [];
  private current: Uint8Array | undefined;
  private used = 0;
  private total = 0;

  get byteLength(): number {
    return this.total;
  }

  /** The first `n` bytes or fewer (a copy), without taking them. */
  peek(n: number): Uint8Array {
    const first = this.full[0] ?? this.current;
    return first ? first.slice(0, Math.min(n, this.full.length > 0 ? first.length : this.used)) : new Uint8Array(0);
  }

  add(chunk: Uint8Array): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.current === undefined || this.used === this.current.length) {
        if (this.current) this.full.push(this.current);
        this.current = new Uint8Array(SEGMENT_BYTES);
        this.used = 0;
      }
      const n = Math.min(chunk.length - from, this.current.length - this.used);
      this.current.set(chunk.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    this.total += chunk.length;
  }

  /**
   * The segments, each a view from the start of its own ArrayBuffer (the last over its bytes only), so
   * the caller may transfer their buffers. This object is empty afterwards.
   */
  take(): Uint8Array[] {
    const out = this.full.splice(0);
    if (this.current && this.used > 0) {
      out.push(new Uint8Array(this.current.buffer, 0, this.used));
    }
    this.current = undefined;
    this.used = 0;
    this.total = 0;
    return out;
  }
}

/**
 * The text of a body's segments (UTF-8, as the SDK decodes one: a byte order mark kept, bad bytes as
 * U+FFFD). Decoded segment by segment, a character split between two carried over, rather than joined
 * first: no second copy of the whole body beside the segments and the text.
 */
export function segmentsText(segments: readonly Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for (const segment of segments) {
    text += decoder.decode(segment, { stream: true });
  }
  return text + decoder.decode();
}
