/**
 * Deterministic randomness for the sample workspace. Two kinds: a sequential PRNG for building the fleet
 * (order matters, done once), and a counter-based hash for per-minute traffic, so any (link, replica,
 * minute) can be recomputed on its own: the VMConnection and VMBoundPort writers see the same numbers
 * without storing them, and generating 10M rows needs no intermediate state.
 */

/** A 32-bit integer finaliser (lowbias32): good avalanche, two multiplies. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash of four small integers, uniform in [0, 2^32). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(b + 0x632be5ab, 0x85ebca6b));
  h = mix32(h ^ Math.imul(c + 0x2545f491, 0xc2b2ae35));
  return mix32(h ^ Math.imul(d + 0x1b873593, 0x27d4eb2f));
}

/** A hash of four small integers, uniform in [0, 1). */
export function unit4(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / 4294967296;
}

/** mulberry32: a small, fast sequential PRNG. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  hex(digits: number): string {
    let s = '';
    for (let i = 0; i < digits; i++) {
      s += Math.floor(this.next() * 16).toString(16);
    }
    return s;
  }

  /** A random (version 4) GUID in lower-case canonical form. */
  guid(): string {
    const variant = '89ab'[Math.floor(this.next() * 4)]!;
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}
