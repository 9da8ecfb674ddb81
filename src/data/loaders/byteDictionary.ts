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

  /** The code kept for these bytes, or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > MAX_CELL_BYTES) {
      return -1;
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
        return this.codes[entry]!;
      }
    }
  }

  /** Keeps these bytes' code, if the table still takes entries. */
  add(buf: Uint8Array, start: number, end: number, code: number): void {
    const length = end - start;
    if (!this.taking || length > MAX_CELL_BYTES) {
      return;
    }
    if (this.hits + this.misses >= STRETCH) {
      // Mostly distinct values: stop growing (and stop paying for misses' inserts).
      if (this.misses > this.hits) {
        this.taking = false;
        return;
      }
      this.hits = 0;
      this.misses = 0;
    }
    if (this.entries >= MAX_ENTRIES || this.used + length > MAX_BYTES) {
      this.taking = false;
      return;
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
    this.place(entry, hashOf(buf, start, end));
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

  private equal(entry: number, buf: Uint8Array, start: number, length: number): boolean {
    const at = this.starts[entry]!;
    const bytes = this.bytes;
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

/** FNV-1a over the bytes. */
function hashOf(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ buf[i]!, 0x01000193);
  }
  return h | 0;
}
