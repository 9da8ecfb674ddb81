/**
 * Byte-level encodings: base64 to and from byte arrays and GUIDs, and zlib/gzip compression carried
 * as base64 text. Decoding is strict (.NET's Convert.FromBase64String): text whose length is not a
 * multiple of four, or with characters outside the alphabet, does not decode.
 */
import { randomUUID } from 'node:crypto';
import { deflateSync, gzipSync, gunzipSync, inflateSync } from 'node:zlib';
import type { KqlType, Value } from '../values';
import { scalar, str, withVolatility } from './define';
import type { ScalarFunction } from './types';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of strict base64 text (whitespace ignored, as .NET does), or null. */
export function base64Bytes(text: string): Buffer | null {
  const t = text.replace(/[ \t\r\n]/g, '');
  return BASE64.test(t) ? Buffer.from(t, 'base64') : null;
}

function textArg(args: readonly Value[], types: readonly KqlType[]): string | null {
  const v = args[0];
  return v === null || v === undefined ? null : str(v, types[0]);
}

/** A decompressed value larger than this fails (gives ""), so a small bomb cannot exhaust memory. */
const MAX_OUTPUT = 64 * 1024 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decompressed bytes as text, or "" when they are not UTF-8. */
function utf8OrEmpty(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return '';
  }
}

/** .NET's Guid byte order: the first three fields little-endian, the last eight bytes as written. */
function guidFromBytes(b: Buffer): string {
  const hex = (i: number, n: number, reverse: boolean): string => {
    const part = [...b.subarray(i, i + n)];
    return (reverse ? part.reverse() : part).map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 2, true)}-${hex(6, 2, true)}-${hex(8, 2, false)}-${hex(10, 6, false)}`;
}

function guidToBytes(guid: string): Buffer | null {
  const m = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i.exec(guid.trim());
  if (!m) {
    return null;
  }
  const le = (h: string): Buffer => Buffer.from(h, 'hex').reverse();
  return Buffer.concat([le(m[1]!), le(m[2]!), le(m[3]!), Buffer.from(m[4]! + m[5]!, 'hex')]);
}

/**
 * The gzip header Kusto writes and accepts: ID1 ID2, CM = deflate, FLG = 0, MTIME = 0, XFL = 0 and
 * OS = 255 (unknown), as the reference's example output shows. Node's gzip writes XFL/OS of its own.
 */
function kustoGzipHeader(gz: Buffer): Buffer {
  gz[8] = 0;
  gz[9] = 0xff;
  return gz;
}

export const encodingFunctions: ScalarFunction[] = [
  scalar('base64_decode_toarray', (types) => (args) => {
    const text = textArg(args, types);
    const bytes = text === null ? null : base64Bytes(text);
    return bytes ? [...bytes] : null;
  }),
  scalar('base64_encode_fromarray', () => (args) => {
    const arr = args[0];
    if (!Array.isArray(arr) || !arr.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) {
      return '';
    }
    return Buffer.from(arr as number[]).toString('base64');
  }),
  scalar('base64_decode_toguid', (types) => (args) => {
    const text = textArg(args, types);
    const bytes = text === null ? null : base64Bytes(text);
    return bytes && bytes.length === 16 ? guidFromBytes(bytes) : null;
  }),
  scalar('base64_encode_fromguid', () => (args) => {
    const bytes = typeof args[0] === 'string' ? guidToBytes(args[0]) : null;
    return bytes ? bytes.toString('base64') : '';
  }),
  withVolatility(
    scalar('new_guid', () => () => randomUUID()),
    'row',
  ),
  // Level 0 (stored blocks): what the reference's examples show Kusto writing.
  scalar('zlib_compress_to_base64_string', (types) => (args) => {
    const text = textArg(args, types);
    return text === null ? '' : deflateSync(Buffer.from(text, 'utf8'), { level: 0, windowBits: 15 }).toString('base64');
  }),
  scalar('zlib_decompress_from_base64_string', (types) => (args) => {
    const text = textArg(args, types);
    const bytes = text === null ? null : base64Bytes(text);
    if (!bytes) {
      return '';
    }
    try {
      return utf8OrEmpty(inflateSync(bytes, { windowBits: 15, maxOutputLength: MAX_OUTPUT }));
    } catch {
      return '';
    }
  }),
  scalar('gzip_compress_to_base64_string', (types) => (args) => {
    const text = textArg(args, types);
    return text === null ? '' : kustoGzipHeader(gzipSync(Buffer.from(text, 'utf8'), { level: 0 })).toString('base64');
  }),
  scalar('gzip_decompress_from_base64_string', (types) => (args) => {
    const text = textArg(args, types);
    const bytes = text === null ? null : base64Bytes(text);
    // Only the mandatory header fields are accepted: ID1, ID2, CM = 8, and FLG = 0 (no optional fields).
    if (!bytes || bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8 || bytes[3] !== 0) {
      return '';
    }
    try {
      return utf8OrEmpty(gunzipSync(bytes, { maxOutputLength: MAX_OUTPUT }));
    } catch {
      return '';
    }
  }),
];
