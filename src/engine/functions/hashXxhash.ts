/**
 * hash(source [, mod]) and its documented synonym hash_xxhash64: XXH64 (seed 0) of the value's bytes,
 * read as a signed 64-bit long. The reference's examples fix the byte forms of two types:
 *  - string: its UTF-8 bytes (hash("World") = 1846988464401551951);
 *  - datetime: its .NET ticks (since 0001-01-01) as 8 little-endian bytes
 *    (hash(datetime("2015-01-01")) = 1380966698541616202).
 * For other source types the byte form Kusto hashes is not documented, so bind() refuses them rather
 * than return hashes that would not match Kusto's.
 *
 * The hash is an exact long (an Int64 past 2^53), and the `mod` form is reduced on the BigInt.
 */
import { longFromBigInt } from '../int64';
import { DATETIME_BASE_DOTNET_TICKS, type KqlType, type Value } from '../values';
import { num, scalar } from './define';
import { type ScalarFunction, UnsupportedError } from './types';
import { xxhash64 } from './xxhash64';

function datetimeBytes(ticks: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(Math.trunc(ticks)) + DATETIME_BASE_DOTNET_TICKS, true);
  return bytes;
}

const encoder = new TextEncoder();

/** The byte form hash() reads for a type whose form the reference documents, else null. */
export function documentedBytes(type: KqlType): ((v: Value) => Uint8Array | null) | null {
  switch (type) {
    case 'string':
      return (v) => (typeof v === 'string' ? encoder.encode(v) : null);
    case 'datetime':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? datetimeBytes(v) : null);
    default:
      return null;
  }
}

/**
 * `hash(x, mod)`: the reference promises a result in [0, mod − 1] and shows only a positive hash
 * (1846988464401551951 % 100 = 51). For a negative hash it does not say how the sign is removed; this
 * takes the remainder of the hash read as unsigned, which agrees with the example and stays in range.
 */
function reduce(hash: bigint, mod: Value): Value {
  const m = num(mod);
  if (m === null || !Number.isFinite(m) || Math.trunc(m) <= 0) {
    return null;
  }
  return Number(BigInt.asUintN(64, hash) % BigInt(Math.trunc(m)));
}

function xxhashFunction(name: string): ScalarFunction {
  return scalar(name, ([type]) => {
    const bytes = documentedBytes(type ?? 'dynamic');
    if (bytes === null) {
      throw new UnsupportedError(
        `${name}() of a ${type} value is not supported: Kusto's byte form for that type is not documented`,
      );
    }
    return (args) => {
      const b = bytes(args[0] ?? null);
      if (b === null) {
        return null;
      }
      const hash = xxhash64(b);
      return args.length > 1 ? reduce(hash, args[1] ?? null) : longFromBigInt(hash);
    };
  });
}

export const xxhashFunctions: ScalarFunction[] = [xxhashFunction('hash'), xxhashFunction('hash_xxhash64')];
