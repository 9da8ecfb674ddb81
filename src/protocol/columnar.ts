/**
 * A result table as columns of typed arrays, the form results travel in to the webview. A row-form
 * table of 100k rows is a million small objects for postMessage to clone (616 of 802 ms of first
 * paint); as columns it is a handful of ArrayBuffers that VS Code moves as binary. Numbers travel as a
 * Float64Array (a long column holding longs past 2^53 with those exactly beside: longColumn.ts), bools
 * as bytes, and text (strings, datetimes, timespans, guids, and dynamic values as
 * their JSON) as a dictionary: each row's code into one UTF-8 blob of the distinct values.
 */

import type { TableCells } from '../render/tableCells';
import type { ResultColumn, ResultTable, WireValue } from '../results/queryResult';
import { encodeNumbers, exactAt, type LongColumn, longColumnProblem, longValue } from './longColumn';

export type { LongColumn } from './longColumn';

/** Numbers; `nulls[r] === 1` marks a null (absent when the column has none). */
export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
}
/** 0 false, 1 true, 2 null. */
export interface BoolColumn {
  readonly kind: 'bool';
  readonly values: Uint8Array;
}
/**
 * Code 0 is null; code k is the k-th distinct value: `text.slice(offsets[k-1], offsets[k])` of the
 * blob decoded as UTF-8 (offsets count UTF-16 units, so slicing the decoded string is exact).
 * `json`: the values are JSON texts of dynamic (or mixed) values.
 */
export interface TextColumn {
  readonly kind: 'text' | 'json';
  readonly codes: Uint32Array;
  readonly blob: Uint8Array;
  readonly offsets: Uint32Array;
}
export type ColumnData = NumberColumn | LongColumn | BoolColumn | TextColumn;

export interface ColumnarTable {
  readonly name: string;
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  readonly data: readonly ColumnData[];
}

function encodeBools(rows: ResultTable['rows'], c: number): BoolColumn | undefined {
  const values = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![c];
    if (typeof v === 'boolean') {
      values[r] = v ? 1 : 0;
    } else if (v === null || v === undefined) {
      values[r] = 2;
    } else {
      return undefined;
    }
  }
  return { kind: 'bool', values };
}

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The blob is UTF-8, which has no lone surrogates (TextEncoder would write U+FFFD, and the grid could
 * no longer show which half it was, as `[U+D800]`). JSON texts are always well formed (JSON.stringify
 * escapes a lone surrogate as `\ud800`), so a text column holding one travels as JSON instead:
 * undefined then.
 */
function encodeText(rows: ResultTable['rows'], c: number, json: boolean): TextColumn | undefined {
  const codes = new Uint32Array(rows.length);
  const seen = new Map<string, number>();
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![c];
    if (v === null || v === undefined) {
      continue;
    }
    const text = json ? JSON.stringify(v) : (v as string);
    let code = seen.get(text);
    if (code === undefined) {
      if (!json && LONE_SURROGATE.test(text)) {
        return undefined;
      }
      parts.push(text);
      length += text.length;
      ends.push(length);
      code = parts.length;
      seen.set(text, code);
    }
    codes[r] = code;
  }
  return { kind: json ? 'json' : 'text', codes, blob: encoder.encode(parts.join('')), offsets: Uint32Array.from(ends) };
}

/** A column as JSON texts: always encodable. */
const encodeJson = (rows: ResultTable['rows'], c: number): TextColumn => encodeText(rows, c, true)!;

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/**
 * The columnar form of a row-form table. A column whose values do not fit its type travels as JSON; a
 * long column with longs past 2^53 (their digits on the wire) travels as numbers with those exactly.
 */
export function toColumnar(table: ResultTable): ColumnarTable {
  const data = table.columns.map((col, c): ColumnData => {
    if (NUMERIC.has(col.type)) {
      return encodeNumbers(table.rows, c, col.type === 'long') ?? encodeJson(table.rows, c);
    }
    if (col.type === 'bool') {
      return encodeBools(table.rows, c) ?? encodeJson(table.rows, c);
    }
    const allText =
      col.type !== 'dynamic' &&
      table.rows.every((row) => typeof row[c] === 'string' || row[c] === null || row[c] === undefined);
    return (allText ? encodeText(table.rows, c, false) : undefined) ?? encodeJson(table.rows, c);
  });
  return { name: table.name, columns: table.columns, rowCount: table.rows.length, data };
}

/** Every ArrayBuffer of a table, to hand to postMessage's transfer list. */
export function columnarBuffers(table: ColumnarTable): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const d of table.data) {
    const views =
      d.kind === 'number'
        ? [d.values, d.nulls]
        : d.kind === 'long'
          ? [d.values, d.nulls, d.exactRows, d.exact]
          : d.kind === 'bool'
            ? [d.values]
            : [d.codes, d.blob, d.offsets];
    for (const v of views) {
      if (v) {
        out.add(v.buffer as ArrayBuffer);
      }
    }
  }
  return [...out];
}

/** Checks a columnar table's shape and bounds, so reading it can never index out of range. */
export function columnarProblem(t: unknown): string | undefined {
  if (typeof t !== 'object' || t === null) {
    return 'is not an object';
  }
  const o = t as Record<string, unknown>;
  const n = o.rowCount;
  if (
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < 0 ||
    !Array.isArray(o.data) ||
    !Array.isArray(o.columns) ||
    o.data.length !== o.columns.length
  ) {
    return 'needs rowCount and one data entry per column';
  }
  for (let c = 0; c < o.data.length; c++) {
    const d = o.data[c] as Record<string, unknown> | null;
    const problem = columnProblem(d, n);
    if (problem) {
      return `column ${c} ${problem}`;
    }
  }
  return undefined;
}

function columnProblem(d: Record<string, unknown> | null, n: number): string | undefined {
  if (typeof d !== 'object' || d === null) {
    return 'has no data';
  }
  switch (d.kind) {
    case 'number':
      if (!(d.values instanceof Float64Array) || d.values.length !== n) {
        return `needs ${n} float64 values`;
      }
      return d.nulls === undefined || (d.nulls instanceof Uint8Array && d.nulls.length === n)
        ? undefined
        : 'has a null mask of the wrong length';
    case 'long':
      return longColumnProblem(d, n);
    case 'bool':
      return d.values instanceof Uint8Array && d.values.length === n && d.values.every((v) => v <= 2)
        ? undefined
        : `needs ${n} bool bytes (0, 1, 2)`;
    case 'text':
    case 'json': {
      const { codes, blob, offsets } = d;
      if (
        !(codes instanceof Uint32Array) ||
        codes.length !== n ||
        !(blob instanceof Uint8Array) ||
        !(offsets instanceof Uint32Array)
      ) {
        return `needs ${n} codes, a blob and offsets`;
      }
      for (let k = 1; k < offsets.length; k++) {
        if (offsets[k]! < offsets[k - 1]!) {
          return 'has offsets that go back';
        }
      }
      // A UTF-8 blob decodes to at most as many UTF-16 units as it has bytes.
      if (offsets.length && offsets[offsets.length - 1]! > blob.length) {
        return 'has offsets past its text';
      }
      const distinct = offsets.length;
      return codes.every((k) => k <= distinct) ? undefined : 'has a code past its dictionary';
    }
    default:
      return 'has an unknown kind';
  }
}

const decoder = new TextDecoder();

/** Reads a (validated) columnar table cell by cell; text is decoded once per column, on first use. */
export class ColumnarCells implements TableCells {
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  private readonly texts: (string | undefined)[];
  private readonly parsed: (Map<number, WireValue> | undefined)[];

  constructor(readonly table: ColumnarTable) {
    this.columns = table.columns;
    this.rowCount = table.rowCount;
    this.texts = new Array(table.data.length);
    this.parsed = new Array(table.data.length);
  }

  private dictionaryText(d: TextColumn, col: number, code: number): string {
    const all = (this.texts[col] ??= decoder.decode(d.blob));
    return all.slice(code === 1 ? 0 : d.offsets[code - 2], d.offsets[code - 1]);
  }

  text(row: number, col: number): string {
    const d = this.table.data[col]!;
    switch (d.kind) {
      case 'number':
        return d.nulls?.[row] ? '' : String(d.values[row]);
      case 'long':
        return d.nulls?.[row] ? '' : String(exactAt(d, row) ?? d.values[row]);
      case 'bool':
        return d.values[row] === 2 ? '' : d.values[row] === 1 ? 'true' : 'false';
      case 'text': {
        const code = d.codes[row]!;
        return code === 0 ? '' : this.dictionaryText(d, col, code);
      }
      case 'json': {
        // A JSON object, array, number or bool reads as its JSON text; a JSON string as the string.
        const code = d.codes[row]!;
        const text = code === 0 ? '' : this.dictionaryText(d, col, code);
        return text.startsWith('"') ? String(this.value(row, col)) : text;
      }
    }
  }

  value(row: number, col: number): WireValue {
    const d = this.table.data[col]!;
    switch (d.kind) {
      case 'number':
        return d.nulls?.[row] ? null : d.values[row]!;
      case 'long':
        return longValue(d, row);
      case 'bool':
        return d.values[row] === 2 ? null : d.values[row] === 1;
      case 'text': {
        const code = d.codes[row]!;
        return code === 0 ? null : this.dictionaryText(d, col, code);
      }
      case 'json': {
        const code = d.codes[row]!;
        if (code === 0) {
          return null;
        }
        const cache = (this.parsed[col] ??= new Map());
        let v = cache.get(code);
        if (v === undefined) {
          const text = this.dictionaryText(d, col, code);
          try {
            v = JSON.parse(text) as WireValue;
          } catch {
            v = text;
          }
          cache.set(code, v);
        }
        return v;
      }
    }
  }

  number(row: number, col: number): number {
    const d = this.table.data[col]!;
    if (d.kind === 'number' || d.kind === 'long') {
      // A long past 2^53 gives its nearest double; sorting compares those rows exactly (rowOrder.ts).
      return d.nulls?.[row] ? NaN : d.values[row]!;
    }
    return Number(this.value(row, col) ?? NaN);
  }
}
