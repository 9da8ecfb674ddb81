/**
 * A cell's bytes to the dictionary code its text already has, so that a value seen before costs a hash
 * and a byte compare instead of a UTF-8 decode, a string and the string's own hashing in a Map. Most
 * string columns of an export repeat a few values over and over (Computer, Direction, ProcessName,
 * Protocol…): a profile of loading a 930k-row VMConnection CSV spent 38 % of its CPU decoding cells into
 * strings and looking them up. A column of mostly distinct values (ConnectionId) gains nothing, so the
 * table stops taking new entries once it has seen more misses than hits over a stretch, or grows past its
 * caps; lookups of what it holds continue.
 */

/** Slots of the open-addressing table (a power of two); at most half are used. */
const INITIAL_SLOTS = 1024;
/** Entries and bytes kept at most: beyond them the column is not one of few values. */
const MAX_ENTRIES = 1 << 16;
const MAX_BYTES = 4 << 20;
/** Cells a verdict on the miss rate waits for. */
const STRETCH = 4096;
/**
 * From this length on, two cells are compared by Buffer's compare (memcmp) rather than a byte loop:
 * the call costs about what a loop over 40 bytes does, and an export's _ResourceId cells are 130 long.
 */
const NATIVE_COMPARE = 48;
/** Cells longer than this are not kept (long texts are seldom repeated, and comparing them costs). */
const MAX_CELL_BYTES = 256;

export class ByteDictionary {
  private slots = new Int32Array(INITIAL_SLOTS).fill(-1);
  private hashes = new Int32Array(INITIAL_SLOTS);
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private codes = new Int32Array(256);
  private bytes = new Uint8Array(64 * 1024);
  private used = 0;
  private entries = 0;
  private taking = true;
  private hits = 0;
  private misses = 0;
  /**
   * The entry found or added last: an export's rows come grouped (by machine, process…), so half the
   * cells of such a column repeat the cell above, and one compare with it skips the hash (-1: none).
   */
  private last = -1;

  /** The code kept for these bytes, or -1. */
  find(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    if (length > MAX_CELL_BYTES) {
      return -1;
    }
    const last = this.last;
    if (last >= 0 && this.lengths[last] === length && this.equal(last, buf, start, length)) {
      this.hits++;
      return this.codes[last]!;
    }
    const hash = hashOf(buf, start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) {
        this.misses++;
        return -1;
      }
      if (this.hashes[slot] === hash && this.lengths[entry] === length && this.equal(entry, buf, start, length)) {
        this.hits++;
        this.last = entry;
        return this.codes[entry]!;
      }
    }
  }

  /** Keeps these bytes' code, if the table still takes entries; returns whether it did. */
  add(buf: Buffer, start: number, end: number, code: number): boolean {
    const length = end - start;
    if (!this.taking || length > MAX_CELL_BYTES) {
      return false;
    }
    if (this.hits + this.misses >= STRETCH) {
      // Mostly distinct values: stop growing (and stop paying for misses' inserts).
      if (this.misses > this.hits) {
        this.taking = false;
        return false;
      }
      this.hits = 0;
      this.misses = 0;
    }
    if (this.entries >= MAX_ENTRIES || this.used + length > MAX_BYTES) {
      this.taking = false;
      return false;
    }
    if ((this.entries + 1) * 2 > this.slots.length) {
      this.grow();
    }
    const entry = this.entries++;
    if (entry === this.starts.length) {
      this.starts = widen(this.starts);
      this.lengths = widen(this.lengths);
      this.codes = widen(this.codes);
    }
    while (this.used + length > this.bytes.length) {
      const b = new Uint8Array(this.bytes.length * 2);
      b.set(this.bytes.subarray(0, this.used));
      this.bytes = b;
    }
    this.bytes.set(buf.subarray(start, end), this.used);
    this.starts[entry] = this.used;
    this.lengths[entry] = length;
    this.codes[entry] = code;
    this.used += length;
    this.last = entry;
    this.place(entry, hashOf(buf, start, end));
    return true;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot]! >= 0) {
      slot = (slot + 1) & mask;
    }
    this.slots[slot] = entry;
    this.hashes[slot] = hash;
  }

  private grow(): void {
    const old = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.hashes = new Int32Array(old.length * 2);
    for (let s = 0; s < old.length; s++) {
      if (old[s]! >= 0) {
        this.place(old[s]!, oldHashes[s]!);
      }
    }
  }

  private equal(entry: number, buf: Buffer, start: number, length: number): boolean {
    const at = this.starts[entry]!;
    const bytes = this.bytes;
    if (length >= NATIVE_COMPARE) {
      return buf.compare(bytes, at, at + length, start, start + length) === 0;
    }
    for (let i = 0; i < length; i++) {
      if (bytes[at + i] !== buf[start + i]) {
        return false;
      }
    }
    return true;
  }
}

function widen(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * MurmurHash3 (x86, 32-bit) over the bytes, four at a time: a byte-at-a-time hash (FNV-1a) chains a
 * multiply per byte, and took as long as the compare on the long cells of an export (_ResourceId, guids).
 */
function hashOf(buf: Uint8Array, start: number, end: number): number {
  let h = end - start;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    h ^= mixWord(buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < end) {
    let k = 0;
    for (let shift = 0; i < end; i++, shift += 8) {
      k |= buf[i]! << shift;
    }
    h ^= mixWord(k);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function mixWord(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}
