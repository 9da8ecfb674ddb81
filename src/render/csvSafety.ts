/**
 * CSV injection ("formula injection") guard, after OWASP's guidance: a spreadsheet that opens a CSV runs
 * a cell starting with `=`, `+`, `-` or `@` (and, in some, tab or CR) as a formula, so `=HYPERLINK(…)`
 * or `+cmd|' /C calc'!A0` in a data value would act when the export is opened. Such a cell is written
 * with a leading `'`, which spreadsheets take as "this is text".
 *
 * Only free text is touched. A number (`-2` in a long column) is written as a number, and the text of a
 * typed value (a negative timespan `-01:00:00`, a datetime, a guid) is made by the engine or the service
 * from the value, so it cannot hold a formula. A string that is exactly a plain decimal number (`-2`,
 * `+1.5e3`) cannot either, so it stays as it is and reads as the same number it did before.
 */
import type { WireValue } from '../results/queryResult';

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, which a spreadsheet reads as that number and nothing else. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Column types whose wire text is made from a typed value, never free text. */
const TYPED = new Set(['bool', 'int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'guid']);

/** Whether a spreadsheet would run this text as a formula. */
export function startsFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text with a leading `'` when a spreadsheet would otherwise run it as a formula. */
export function neutraliseFormula(text: string): string {
  return startsFormula(text) ? `'${text}` : text;
}

/**
 * A cell's CSV text made safe: `text` is what the writer would put in the cell for `value`, of a column
 * of `columnType`. Strings of string and dynamic columns (and of any type this code does not know) are
 * neutralised; numbers, bools, JSON objects and typed values are not.
 */
export function safeCsvCellText(text: string, value: WireValue | undefined, columnType: string): string {
  if (typeof value !== 'string' || TYPED.has(columnType)) {
    return text;
  }
  return neutraliseFormula(text);
}
