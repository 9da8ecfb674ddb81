/**
 * Columnar storage. Numbers, datetimes and timespans live in Float64Arrays, bools in Uint8Arrays,
 * a long, datetime or timespan column holding values past ±(2^53−1) (ticks.ts) keeps them exactly in
 * a BigInt64Array beside it,
 * strings and guids are dictionary-encoded (Int32Array codes into a string table), dynamic values are
 * a plain array. Nulls are a byte map (1 = null), absent when a column has none.
 */
import { Int64 } from './int64';
import type { DynamicValue, KqlType, Value } from './values';
import { isNumberBacked } from './values';

/**
 * Exact values beside a number column's doubles: 64-bit for longs, datetimes and timespans; a decimal
 * past 2^53 (parse_version's, up to 10^32) is wider, so a decimal column keeps plain BigInts.
 */
export type ExactValues = BigInt64Array | (bigint | undefined)[];

/** Past this magnitude a double in a long column stands for the exact value in the column's `exact` array. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export interface Column {
  readonly type: KqlType;
  readonly length: number;
  /** The value at row i in the representation of values.ts. */
  get(i: number): Value;
  isNull(i: number): boolean;
}

/** The smallest and largest non-null value of a number column, and whether any value is NaN. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly hasNaN: boolean;
}

/** The range of the non-null values, of all rows or of the rows given (row −1 of a selection is null). */
export function numberRange(
  values: Float64Array,
  nulls: Uint8Array | undefined,
  rows?: Int32Array,
): NumberRange | null {
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = false;
  let any = false;
  const n = rows ? rows.length : values.length;
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i]! : i;
    if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
      continue;
    }
    const v = values[r]!;
    any = true;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    if (v !== v) {
      hasNaN = true;
    }
  }
  return any ? { min, max, hasNaN } : null;
}

export class NumberColumn implements Column {
  private cachedRange: NumberRange | null | undefined;
  /**
   * `values` always holds each value's nearest double (fast paths read it); where that double is past
   * ±(2^53−1) and `exact` is present, `exact` holds the value itself. Rows within the safe range never
   * read `exact`, so it is only written where it matters.
   */
  constructor(
    readonly type: KqlType,
    readonly values: Float64Array,
    readonly nulls?: Uint8Array,
    readonly exact?: ExactValues,
    /** The range when whoever built the values already knows it (a kernel that tracked it), else computed on first use. */
    knownRange?: NumberRange | null,
  ) {
    this.cachedRange = knownRange;
  }
  get length(): number {
    return this.values.length;
  }
  /** Computed once: columns are never changed after they are built. Null when every value is null. */
  range(): NumberRange | null {
    if (this.cachedRange === undefined) {
      this.cachedRange = numberRange(this.values, this.nulls);
    }
    return this.cachedRange;
  }
  get(i: number): number | Int64 | null {
    if (this.nulls && this.nulls[i]) {
      return null;
    }
    const v = this.values[i]!;
    if (this.exact !== undefined && !(v <= MAX_SAFE && v >= -MAX_SAFE) && v === v) {
      // A decimal column's wide values are only where an exact one was pushed; a real stays its double.
      const e = this.exact[i];
      return e === undefined ? v : new Int64(e);
    }
    return v;
  }
  isNull(i: number): boolean {
    return this.nulls !== undefined && this.nulls[i] === 1;
  }
}

export class BoolColumn implements Column {
  readonly type = 'bool' as const;
  constructor(
    readonly values: Uint8Array,
    readonly nulls?: Uint8Array,
  ) {}
  get length(): number {
    return this.values.length;
  }
  get(i: number): boolean | null {
    return this.nulls && this.nulls[i] ? null : this.values[i] === 1;
  }
  isNull(i: number): boolean {
    return this.nulls !== undefined && this.nulls[i] === 1;
  }
}

/** Strings (never null) and guids (nullable: code -1 is null). */
export class StringColumn implements Column {
  constructor(
    readonly type: 'string' | 'guid',
    readonly codes: Int32Array,
    readonly dict: readonly string[],
  ) {}
  get length(): number {
    return this.codes.length;
  }
  get(i: number): string | null {
    const c = this.codes[i]!;
    return c < 0 ? (this.type === 'string' ? '' : null) : this.dict[c]!;
  }
  isNull(i: number): boolean {
    return this.type === 'guid' && this.codes[i]! < 0;
  }
}

export class DynamicColumn implements Column {
  readonly type = 'dynamic' as const;
  constructor(readonly values: readonly DynamicValue[]) {}
  get length(): number {
    return this.values.length;
  }
  get(i: number): DynamicValue {
    return this.values[i] ?? null;
  }
  isNull(i: number): boolean {
    return this.values[i] === null || this.values[i] === undefined;
  }
}

/** Appends values of one type and produces a column; the one way columns are built. */
export interface ColumnBuilder {
  readonly type: KqlType;
  readonly length: number;
  push(v: Value): void;
  finish(): Column;
}

class NumberBuilder implements ColumnBuilder {
  private values: Float64Array;
  private nulls: Uint8Array | undefined;
  private exact: ExactValues | undefined;
  length = 0;
  constructor(
    readonly type: KqlType,
    capacity: number,
  ) {
    this.values = new Float64Array(Math.max(16, capacity));
  }
  push(v: Value): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
      if (this.nulls) {
        const n = new Uint8Array(grown.length);
        n.set(this.nulls);
        this.nulls = n;
      }
      if (this.exact instanceof BigInt64Array) {
        const e = new BigInt64Array(grown.length);
        e.set(this.exact);
        this.exact = e;
      }
    }
    if (v instanceof Int64) {
      this.pushExact(v);
      return;
    }
    if (v === null || v === undefined || typeof v !== 'number' || (Number.isNaN(v) && this.type !== 'real')) {
      if (!this.nulls) {
        this.nulls = new Uint8Array(this.values.length);
      }
      this.nulls[this.length] = 1;
    } else {
      this.values[this.length] = v;
    }
    this.length++;
  }
  /** An exact long or tick count: its double for the fast paths, the value itself beside it (a real column takes the double). */
  private pushExact(v: Int64): void {
    this.values[this.length] = Number(v.big);
    if (this.type === 'long' || this.type === 'int' || this.type === 'datetime' || this.type === 'timespan') {
      this.exact ??= new BigInt64Array(this.values.length);
      this.exact[this.length] = v.big;
    } else if (this.type === 'decimal') {
      this.exact ??= [];
      this.exact[this.length] = v.big;
    }
    this.length++;
  }
  finish(): Column {
    // A builder sized exactly (range, most operators) hands over its array instead of copying it.
    const values = this.length === this.values.length ? this.values : this.values.slice(0, this.length);
    const exact = this.exact && (this.length === this.exact.length ? this.exact : this.exact.slice(0, this.length));
    return new NumberColumn(this.type, values, this.nulls?.slice(0, this.length), exact);
  }
}

class BoolBuilder implements ColumnBuilder {
  readonly type = 'bool' as const;
  private values: number[] = [];
  private nulls: number[] | undefined;
  get length(): number {
    return this.values.length;
  }
  push(v: Value): void {
    if (typeof v === 'boolean') {
      this.values.push(v ? 1 : 0);
      this.nulls?.push(0);
    } else {
      if (!this.nulls) {
        this.nulls = new Array<number>(this.values.length).fill(0);
      }
      this.values.push(0);
      this.nulls.push(1);
    }
  }
  finish(): Column {
    return new BoolColumn(Uint8Array.from(this.values), this.nulls ? Uint8Array.from(this.nulls) : undefined);
  }
}

class StringBuilder implements ColumnBuilder {
  private codes: number[] = [];
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(readonly type: 'string' | 'guid') {}
  get length(): number {
    return this.codes.length;
  }
  push(v: Value): void {
    if (v === null || v === undefined) {
      this.codes.push(this.type === 'string' ? this.code('') : -1);
      return;
    }
    this.codes.push(this.code(typeof v === 'string' ? v : JSON.stringify(v)));
  }
  private code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
    }
    return c;
  }
  finish(): Column {
    return new StringColumn(this.type, Int32Array.from(this.codes), this.dict);
  }
}

class DynamicBuilder implements ColumnBuilder {
  readonly type = 'dynamic' as const;
  private readonly values: DynamicValue[] = [];
  get length(): number {
    return this.values.length;
  }
  push(v: Value): void {
    this.values.push(v === undefined ? null : (v as DynamicValue));
  }
  finish(): Column {
    return new DynamicColumn(this.values);
  }
}

export function columnBuilder(type: KqlType, capacity = 16): ColumnBuilder {
  if (isNumberBacked(type)) {
    return new NumberBuilder(type, capacity);
  }
  switch (type) {
    case 'bool':
      return new BoolBuilder();
    case 'string':
    case 'guid':
      return new StringBuilder(type);
    default:
      return new DynamicBuilder();
  }
}

export function columnFromValues(type: KqlType, values: readonly Value[]): Column {
  const b = columnBuilder(type, values.length);
  for (const v of values) {
    b.push(v);
  }
  return b.finish();
}

/** Picks rows by index (for filters, sorts, joins): the column stays in its own storage form. */
export function takeRows(column: Column, rows: Int32Array | readonly number[]): Column {
  const n = rows.length;
  if (column instanceof NumberColumn) {
    const values = new Float64Array(n);
    let nulls: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r < 0 || (column.nulls && column.nulls[r])) {
        nulls ??= new Uint8Array(n);
        nulls[i] = 1;
      } else {
        values[i] = column.values[r]!;
      }
    }
    return new NumberColumn(column.type, values, nulls, column.exact && takeExact(column.exact, rows));
  }
  if (column instanceof StringColumn) {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      codes[i] = r < 0 ? -1 : column.codes[r]!;
    }
    return new StringColumn(column.type, codes, column.dict);
  }
  if (column instanceof BoolColumn) {
    const values = new Uint8Array(n);
    let nulls: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r < 0 || (column.nulls && column.nulls[r])) {
        nulls ??= new Uint8Array(n);
        nulls[i] = 1;
      } else {
        values[i] = column.values[r]!;
      }
    }
    return new BoolColumn(values, nulls);
  }
  if (column.type !== 'dynamic') {
    // Another shape (a lazy selection, a computed column): rebuilt in its own type, so a sorted
    // timespan column taken again stays a timespan.
    const b = columnBuilder(column.type, n);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      b.push(r < 0 ? null : column.get(r));
    }
    return b.finish();
  }
  const out: DynamicValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    out[i] = r < 0 ? null : (column.get(r) as DynamicValue);
  }
  return new DynamicColumn(out);
}

function takeExact(exact: ExactValues, rows: Int32Array | readonly number[]): ExactValues {
  const out =
    exact instanceof BigInt64Array ? new BigInt64Array(rows.length) : new Array<bigint | undefined>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r >= 0) {
      out[i] = exact[r]!;
    }
  }
  return out;
}
