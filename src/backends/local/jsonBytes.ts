/**
 * What a result weighs as the JSON the Log Analytics REST API sends (results/wireJson.ts writes the
 * same for `kql --format json` and JSON exports), the measure its ~64 MB response limit is on. An
 * count per cell from the value, without writing the JSON: the digits of a number, the UTF-8 bytes of
 * text (a plain ASCII string is its length and two quotes; only others are written to be measured),
 * dynamic values member by member, and a cell carried as its exact JSON text (a long past 2^53, a
 * dynamic value holding a whole real) that text.
 */
import type { ResultColumn, WireValue } from '../../results/queryResult';
import { isExactDynamicText, isLongDigits } from '../../results/wireJson';

/** Text JSON writes as it is between two quotes: printable ASCII but `"` and `\`. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Bytes of one row as the REST API writes it: `[cell,cell,…]`. */
export function rowJsonBytes(row: readonly WireValue[], columns: readonly ResultColumn[]): number {
  let bytes = 1 + Math.max(columns.length, 1);
  for (let j = 0; j < columns.length; j++) {
    bytes += cellJsonBytes(row[j] ?? null, columns[j]!.type);
  }
  return bytes;
}

function cellJsonBytes(v: WireValue, type: ResultColumn['type']): number {
  if (typeof v === 'string' && (isLongDigits(v, type) || isExactDynamicText(v, type))) {
    return v.length;
  }
  return valueJsonBytes(v);
}

function valueJsonBytes(v: WireValue): number {
  if (v === null) {
    return 4;
  }
  switch (typeof v) {
    case 'boolean':
      return v ? 4 : 5;
    case 'number':
      return numberBytes(v);
    case 'string':
      return stringBytes(v);
  }
  if (Array.isArray(v)) {
    let bytes = 1 + Math.max(v.length, 1);
    for (const x of v) {
      bytes += valueJsonBytes(x);
    }
    return bytes;
  }
  let bytes = 1;
  let members = 0;
  for (const k in v) {
    bytes += stringBytes(k) + 1 + valueJsonBytes(v[k]!);
    members++;
  }
  return bytes + Math.max(members, 1);
}

function numberBytes(n: number): number {
  if (!Number.isFinite(n)) {
    return 4;
  }
  if (Number.isSafeInteger(n)) {
    let digits = n < 0 ? 2 : 1;
    for (let a = Math.abs(n); a >= 10; a = Math.floor(a / 10)) {
      digits++;
    }
    return digits;
  }
  return String(n).length;
}

function stringBytes(s: string): number {
  return PLAIN_TEXT.test(s) ? s.length + 2 : Buffer.byteLength(JSON.stringify(s));
}
