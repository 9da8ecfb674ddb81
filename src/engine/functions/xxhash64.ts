/**
 * XXH64 (Yann Collet's xxHash, 64-bit variant), computed with BigInt so that every step is the exact
 * unsigned 64-bit arithmetic of the reference implementation. Kusto's hash() is XXH64 with seed 0.
 */
const MASK = (1n << 64n) - 1n;
const PRIME1 = 11400714785074694791n;
const PRIME2 = 14029467366897019727n;
const PRIME3 = 1609587929392839161n;
const PRIME4 = 9650029242287828579n;
const PRIME5 = 2870177450012600261n;

const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const add = (a: bigint, b: bigint): bigint => (a + b) & MASK;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;

function round(acc: bigint, input: bigint): bigint {
  return mul(rotl(add(acc, mul(input, PRIME2)), 31n), PRIME1);
}

function mergeRound(acc: bigint, lane: bigint): bigint {
  return add(mul(acc ^ round(0n, lane), PRIME1), PRIME4);
}

function read64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) {
    v = (v << 8n) | BigInt(b[i + k]!);
  }
  return v;
}

function read32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

/** The unsigned 64-bit XXH64 digest of `bytes` with seed 0 (the only seed Kusto's hash() uses). */
export function xxhash64(bytes: Uint8Array): bigint {
  const seed = 0n;
  const len = bytes.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = add(add(seed, PRIME1), PRIME2);
    let v2 = add(seed, PRIME2);
    let v3 = seed;
    let v4 = (seed - PRIME1) & MASK;
    for (; i + 32 <= len; i += 32) {
      v1 = round(v1, read64(bytes, i));
      v2 = round(v2, read64(bytes, i + 8));
      v3 = round(v3, read64(bytes, i + 16));
      v4 = round(v4, read64(bytes, i + 24));
    }
    h = add(add(rotl(v1, 1n), rotl(v2, 7n)), add(rotl(v3, 12n), rotl(v4, 18n)));
    h = mergeRound(mergeRound(mergeRound(mergeRound(h, v1), v2), v3), v4);
  } else {
    h = add(seed, PRIME5);
  }
  h = add(h, BigInt(len));
  for (; i + 8 <= len; i += 8) {
    h = add(mul(rotl(h ^ round(0n, read64(bytes, i)), 27n), PRIME1), PRIME4);
  }
  if (i + 4 <= len) {
    h = add(mul(rotl(h ^ mul(read32(bytes, i), PRIME1), 23n), PRIME2), PRIME3);
    i += 4;
  }
  for (; i < len; i++) {
    h = mul(rotl(h ^ mul(BigInt(bytes[i]!), PRIME5), 11n), PRIME1);
  }
  h ^= h >> 33n;
  h = mul(h, PRIME2);
  h ^= h >> 29n;
  h = mul(h, PRIME3);
  h ^= h >> 32n;
  return h;
}
