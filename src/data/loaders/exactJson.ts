/**
 * JSON files read exactly where JSON.parse would lose what a column keeps: a long past 2^53 (in a
 * long or a dynamic column) and a whole-number real inside a dynamic value (`[1.0]` stays a real).
 * The file is first parsed natively (it says whether, and where, the text is not JSON); only text
 * that holds such a number, loaded into such a column, is read again with the engine's exact JSON
 * reader, so files of plain values cost what they did.
 */
import { jsonParseMayLose } from '../../engine/functions/kustoJson';
import { readKustoJson } from '../../engine/functions/kustoJsonReader';
import { Int64, type KqlType, WholeReal } from '../../engine/values';

/** 16 digits in a row: may be a long past 2^53 (or sit in a string; the exact reader sorts that out). */
const LONG = /\d{16}/;

/** Whether the text may hold a number JSON.parse reads differently from what these columns keep. */
export function needsExactRead(text: string, types: readonly KqlType[]): boolean {
  if (types.includes('dynamic')) {
    return jsonParseMayLose(text);
  }
  return types.includes('long') && LONG.test(text);
}

/**
 * The text read exactly; `parsed` (JSON.parse's reading of the same text) when the exact reader
 * refuses it, which for valid JSON means nesting past its bound: the loaders then refuse those cells
 * as they always did.
 */
export function readExactly(text: string, parsed: unknown): unknown {
  try {
    return readKustoJson(text);
  } catch {
    return parsed;
  }
}

/** A value of an exactly read file as a column that is not dynamic takes it: a long as its digits. */
export function plainCell(v: unknown): unknown {
  return v instanceof WholeReal ? v.value : v instanceof Int64 ? v.big.toString() : v;
}
