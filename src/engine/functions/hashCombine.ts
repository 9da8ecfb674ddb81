/**
 * hash_combine(h1, h2, …) and hash_many(s1, s2, …).
 *
 * The reference's one example, hash_combine(753694413698530628, 1846988464401551951) =
 * −1440138333540407281 (hash("Hello"), hash("World")), matches none of the usual combinations (boost's
 * hash_combine, h·31 + x and other multipliers, XXH64/XXH3/Murmur/FNV of the two longs' bytes in either
 * order or with either as the seed, XXH64 of the second string seeded by the first hash, CityHash's
 * Hash128to64, Murmur3's fmix64 of h1 ^ h2, XXH64 of "HelloWorld" in UTF-8 or UTF-16 or of the hashes'
 * decimal text, …), nor a scripted search: shifts, rotations, xor-shifts and multiplications by ~70
 * known constants (FNV, golden ratio, XXH/Murmur/City/SplitMix) up to two per hash and one after, the
 * hashes joined by xor, +, − or ×; boost's seed ^ (h + C + (seed << p) + (seed >> q)) for every p, q;
 * seeded folds s·K ⊕ h for every odd K < 2³²; HashLen16 for every odd 32-bit multiplier; 128-bit
 * product folds; .NET's 32-bit combiners per half; Murmur3, Murmur64A, SipHash, FNV and Marvin of the
 * hashes' 16 bytes (either order, either byte order). So Kusto's formula is unknown. The inputs are not
 * the cause: hash() gives the example's h1 and h2 exactly, and every documented hash() example (a
 * string's UTF-8, a datetime's ticks) to the digit. What the reference does state is kept: the result
 * is a long, and hash_many(s1, …, sN) is hash_combine(hash(s1), …, hash(sN)); and, as a
 * combination of hashes must, it is the same for the same inputs and depends on every hash and on their
 * order. The combination used is XXH64 (seed 0) of the hashes as 8-byte little-endian two's-complement
 * values, one after the other.
 *
 * hash() refuses the types whose byte form Kusto does not document; hash_many, already approximate,
 * hashes those too: integers, timespans and bools as 8-byte little-endian integers, reals as their IEEE
 * bytes, guids as the UTF-8 of their text (Kusto refuses dynamic). A null hash_combine argument gives
 * null; a null hash_many argument adds the hash of no bytes, so rows with empty columns still group.
 */
import { bigIntOf, longFromBigInt } from '../int64';
import type { KqlType, Value } from '../values';
import { scalar, str } from './define';
import { documentedBytes } from './hashXxhash';
import type { ScalarFunction } from './types';
import { xxhash64 } from './xxhash64';

/** XXH64 of the values as consecutive 8-byte little-endian integers. */
export function combineHashes(hashes: readonly bigint[]): bigint {
  const bytes = new Uint8Array(8 * hashes.length);
  const view = new DataView(bytes.buffer);
  hashes.forEach((h, i) => view.setBigUint64(8 * i, BigInt.asUintN(64, h), true));
  return xxhash64(bytes);
}

const encoder = new TextEncoder();

function int64Bytes(b: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, b), true);
  return bytes;
}

/** The bytes hash_many hashes for a value of the type (see the file comment). */
function bytesFor(type: KqlType): (v: Value) => Uint8Array {
  const documented = documentedBytes(type);
  if (documented) {
    return (v) => documented(v) ?? new Uint8Array(0);
  }
  switch (type) {
    case 'int':
    case 'long':
    case 'timespan':
      return (v) => {
        const b = bigIntOf(v);
        return b === null ? new Uint8Array(0) : int64Bytes(b);
      };
    case 'bool':
      return (v) => (typeof v === 'boolean' ? int64Bytes(v ? 1n : 0n) : new Uint8Array(0));
    case 'real':
    case 'decimal':
      return (v) => {
        if (typeof v !== 'number') {
          return new Uint8Array(0);
        }
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, v, true);
        return bytes;
      };
    default:
      return (v) => (v === null || v === undefined ? new Uint8Array(0) : encoder.encode(str(v, type)));
  }
}

export const hashCombineFunctions: ScalarFunction[] = [
  scalar('hash_combine', () => (args) => {
    const hashes: bigint[] = [];
    for (const a of args) {
      const b = bigIntOf(a);
      if (b === null) {
        return null;
      }
      hashes.push(b);
    }
    return longFromBigInt(combineHashes(hashes));
  }),
  scalar('hash_many', (argTypes) => {
    const readers = argTypes.map((t) => bytesFor(t));
    return (args) => longFromBigInt(combineHashes(args.map((a, i) => xxhash64(readers[i]!(a ?? null)))));
  }),
];
