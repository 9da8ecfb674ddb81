/**
 * Result values as JSON text, the way the Log Analytics REST API writes them. A long past ±(2^53−1)
 * travels between the layers as its decimal digits in a string (a JSON number or a JavaScript number
 * would round it), under a column whose type says long; written as JSON it is a number again, with
 * every digit (`851673153924341805`, not `"851673153924341805"` or `851673153924341800`). A dynamic
 * value that plain JSON would change travels as its exact JSON text and is written back as that text.
 */
import type { KqlType } from '../schema/types';
import type { ResultColumn, ResultTable, WireValue } from './queryResult';

const DIGITS = /^-?\d{1,33}$/;

/** Whether a wire value is an exact long (or a whole decimal, up to parse_version's 32 digits) carried as its digits. */
export function isLongDigits(v: WireValue | undefined, type: KqlType | undefined): v is string {
  return typeof v === 'string' && (type === 'long' || type === 'int' || type === 'decimal') && DIGITS.test(v);
}

const EXACT_NUMBER_TEXT = /^-?(\d{16,}|\d+\.\d+([eE][+-]?\d+)?)$/;

/**
 * Whether a dynamic cell is the exact JSON text of its value: the engine sends a dynamic value that
 * plain JSON would change (a whole-number real such as `[1.0]`, a long past 2^53) as its text.
 * Arrays, bags, such numbers and quoted strings count; other strings are dynamic strings. A dynamic
 * string that would read as one of those crosses quoted (engine/wireValues.ts `toWire`), so a string
 * `[1,2]` stays a string.
 */
export function isExactDynamicText(v: WireValue | undefined, type: KqlType | undefined): v is string {
  if (type !== 'dynamic' || typeof v !== 'string') {
    return false;
  }
  const t = v.trim();
  if (t.startsWith('[') || t.startsWith('{') || t.startsWith('"')) {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  }
  return EXACT_NUMBER_TEXT.test(t);
}

/** One value as JSON text (`indent` as JSON.stringify takes it, for values nested in an indented record). */
export function wireValueJson(v: WireValue | undefined, type: KqlType | undefined, indent?: number): string {
  if (isLongDigits(v, type) || isExactDynamicText(v, type)) {
    return v;
  }
  return JSON.stringify(v ?? null, null, indent) ?? 'null';
}

function rowJson(row: readonly WireValue[], columns: readonly ResultColumn[]): string {
  return `[${columns.map((c, i) => wireValueJson(row[i], c.type)).join(',')}]`;
}

/** The REST API's response body: `{"tables":[{"name","columns","rows"}]}`. */
export function tablesJson(tables: readonly ResultTable[]): string {
  return [...tablesJsonChunks(tables)].join('');
}

/**
 * The same text in pieces of `rowsPerChunk` rows, made as they are taken: a writer that stops early
 * (its reader went away) leaves the rest of a large result unformatted.
 */
export function* tablesJsonChunks(tables: readonly ResultTable[], rowsPerChunk = 2000): Generator<string> {
  yield '{"tables":[';
  for (const [i, t] of tables.entries()) {
    yield `${i > 0 ? ',' : ''}{"name":${JSON.stringify(t.name)},"columns":${JSON.stringify(t.columns)},"rows":[`;
    for (let from = 0; from < t.rows.length; from += rowsPerChunk) {
      const rows = t.rows.slice(from, from + rowsPerChunk).map((r) => rowJson(r, t.columns));
      yield `${from > 0 ? ',' : ''}${rows.join(',')}`;
    }
    yield ']}';
  }
  yield ']}';
}

/** One record of an array of records keyed by column name, indented as JSON.stringify(records, null, 2) writes it. */
export function recordJson(row: readonly WireValue[], columns: readonly ResultColumn[]): string {
  if (columns.length === 0) {
    return '  {}';
  }
  const fields = columns.map(
    (c, i) => `    ${JSON.stringify(c.name)}: ${wireValueJson(row[i], c.type, 2).replace(/\n/g, '\n    ')}`,
  );
  return `  {\n${fields.join(',\n')}\n  }`;
}
