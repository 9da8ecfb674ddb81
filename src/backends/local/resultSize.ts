/**
 * The size cap of a result, in bytes, as Log Analytics has one on its response (about 64 MB beside its
 * 500,000 rows): counted as JSON (jsonBytes.ts) in the worker while rows are turned into wire values,
 * so an oversized result is cut before anything is copied to the extension host. wireBytes is the
 * other measure, what a value holds in memory once cloned, which sizes the chunks a result crosses in.
 */
import type { WireValue } from '../../results/queryResult';

export const DEFAULT_RESULT_BYTE_LIMIT = 64 * 1024 * 1024;

/** Bytes a wire value holds once cloned to the host: strings in UTF-16, a slot per number or reference. */
export function wireBytes(v: WireValue): number {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') {
    return 8;
  }
  if (typeof v === 'string') {
    return 16 + v.length * 2;
  }
  let n = 32;
  if (Array.isArray(v)) {
    for (const x of v) {
      n += wireBytes(x);
    }
  } else {
    for (const k in v) {
      n += 16 + k.length * 2 + wireBytes(v[k]!);
    }
  }
  return n;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
