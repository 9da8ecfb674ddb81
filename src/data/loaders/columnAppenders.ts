/**
 * Typed columns built straight from file bytes (or parsed JSON values), one value at a time, in the
 * engine's own storage (column.ts): numbers and datetimes into Float64Arrays, strings and guids into
 * dictionary codes. The common forms (integers, decimals, ISO datetimes, plain strings) are read from
 * the bytes without making a string; anything else goes through the same conversion as JSON values.
 *
 * `append*` returns OK, or REJECT when the value does not fit the column (the record is dropped by the
 * caller, who reads `reason`), or KEPT when the value was stored but the user must be told (`reason`):
 * invalid UTF-8 kept with U+FFFD, a long beyond 2^53 kept rounded.
 */
import { type Column, NumberColumn } from '../../engine/column';
import { Int64, unsafeInteger } from '../../engine/int64';
import { fitDatetime, isTicks, type Ticks } from '../../engine/ticks';
import type { KqlType } from '../../engine/values';
import { type AppenderChunk, type AppendResult, type ColumnAppender, KEPT, OK, REJECT, wrongChunk } from './appender';
import { BoolAppender, DynamicAppender } from './otherAppenders';
import { StringAppender } from './stringAppender';

export { type AppenderChunk, type AppendResult, type ColumnAppender, KEPT, OK, REJECT } from './appender';

import { isNumberBacked } from '../../engine/values';
import { convertCell } from './cells';
import { isoTicks } from './isoTicks';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_LIMIT = 9223372036854775807n;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

const articles: Record<string, string> = {
  int: 'an int',
  long: 'a long',
  real: 'a real',
  decimal: 'a decimal',
  datetime: 'a datetime',
  timespan: 'a timespan',
};

function shown(s: string): string {
  const t = JSON.stringify(s);
  return t.length > 60 ? `${t.slice(0, 57)}..."` : t;
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

class NumberAppender implements ColumnAppender {
  length = 0;
  reason = '';
  reasonOffset = 0;
  private values = new Float64Array(1024);
  private nulls: Uint8Array | undefined;
  /** Longs and ticks past 2^53, exactly (see NumberColumn.exact); made when the first such value arrives. */
  private exact: BigInt64Array | undefined;
  constructor(readonly type: KqlType) {}

  reserve(rows: number): void {
    if (rows > this.values.length) {
      this.resize(rows);
    }
  }

  private resize(n: number): void {
    const v = new Float64Array(n);
    v.set(this.values.subarray(0, this.length));
    this.values = v;
    if (this.nulls) {
      const m = new Uint8Array(n);
      m.set(this.nulls.subarray(0, this.length));
      this.nulls = m;
    }
    if (this.exact) {
      const e = new BigInt64Array(n);
      e.set(this.exact.subarray(0, this.length));
      this.exact = e;
    }
  }

  private push(v: number): void {
    if (this.length === this.values.length) {
      this.resize(this.values.length * 2);
    }
    this.values[this.length++] = v;
  }

  /** A value past 2^53: its double for the fast paths, the exact value beside it. */
  private pushExact(big: bigint): void {
    this.push(Number(big));
    this.exact ??= new BigInt64Array(this.values.length);
    this.exact[this.length - 1] = big;
  }

  appendNull(): void {
    if (this.length === this.values.length) {
      this.resize(this.values.length * 2);
    }
    this.nulls ??= new Uint8Array(this.values.length);
    this.nulls[this.length] = 1;
    this.values[this.length++] = 0;
  }

  pop(): void {
    this.length--;
    if (this.nulls) {
      this.nulls[this.length] = 0;
    }
  }

  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult {
    if (start === end) {
      this.appendNull();
      return OK;
    }
    if (escaped !== 1) {
      if (this.type === 'datetime') {
        const t = isoTicks(buf, start, end);
        // Outside 1981–2038 the ticks pass 2^53: the text path reads them exactly.
        if (t === t && !unsafeInteger(t)) {
          this.push(t);
          return OK;
        }
      } else if (this.type !== 'timespan') {
        // Integers of up to 15 digits are exact in a double: read them without a string.
        let i = start;
        const neg = buf[i] === 45;
        if (neg || buf[i] === 43) {
          i++;
        }
        if (end - i > 0 && end - i <= 16) {
          let v = 0;
          let digits = 0;
          let point = -1;
          for (; i < end; i++) {
            const d = buf[i]! - 48;
            if (d >= 0 && d <= 9) {
              v = v * 10 + d;
              digits++;
            } else if (d === -2 && point < 0 && (this.type === 'real' || this.type === 'decimal')) {
              point = digits; // '.'
            } else {
              break;
            }
          }
          if (i === end && digits > 0 && digits <= 15) {
            // Up to 15 digits and a power of ten up to 1e15 are exact doubles, so one division is
            // the correctly rounded value, as Number(text) gives (Clinger's fast path).
            const x = point < 0 ? v : v / POWERS_OF_TEN[digits - point]!;
            return this.appendNumber(neg ? -x : x, '');
          }
        }
      }
    }
    return this.appendText(buf.toString('utf8', start, end).replace(escaped === 1 ? /""/g : /^$/, '"'));
  }

  appendTicks(ticks: Ticks): AppendResult {
    if ((this.type !== 'datetime' && this.type !== 'timespan') || !isTicks(ticks)) {
      this.reason = `expected ${articles[this.type] ?? 'a number'}, found ${ticks}`;
      return REJECT;
    }
    if (this.type === 'datetime' && fitDatetime(ticks) === null) {
      this.reason = 'a datetime outside 0001-01-01 to 9999-12-31';
      return REJECT;
    }
    if (ticks instanceof Int64) {
      this.pushExact(ticks.big);
    } else {
      this.push(ticks);
    }
    return OK;
  }

  /** A number read exactly (from bytes or JSON), checked against the column's range. */
  private appendNumber(v: number, text: string): AppendResult {
    if (this.type === 'int' && (v < INT_MIN || v > INT_MAX)) {
      this.reason = `${text || v} is out of the range of an int (−2147483648 to 2147483647)`;
      return REJECT;
    }
    if ((this.type === 'int' || this.type === 'long') && !Number.isInteger(v)) {
      this.reason = `expected ${articles[this.type]}, found ${text || v}`;
      return REJECT;
    }
    if (this.type === 'datetime' || this.type === 'timespan') {
      this.reason = `expected ${articles[this.type]}, found ${text || v}`;
      return REJECT;
    }
    this.push(v);
    return OK;
  }

  appendText(text: string): AppendResult {
    const s = text.trim();
    if (s === '') {
      this.appendNull();
      return OK;
    }
    if (this.type === 'int' || this.type === 'long') {
      if (!/^[+-]?\d+$/.test(s)) {
        this.reason = `expected ${articles[this.type]}, found ${shown(text)}`;
        return REJECT;
      }
      const big = BigInt(s);
      if (this.type === 'long' && (big > LONG_LIMIT || big < -LONG_LIMIT - 1n)) {
        this.reason = `${s} is out of the range of a long (±9223372036854775807)`;
        return REJECT;
      }
      const r = this.appendNumber(Number(big), s);
      if (r === OK && this.type === 'long' && (big > MAX_SAFE_BIG || big < -MAX_SAFE_BIG)) {
        // The double just pushed stands in for the fast paths; the exact value goes beside it.
        this.exact ??= new BigInt64Array(this.values.length);
        this.exact[this.length - 1] = big;
      }
      return r;
    }
    if (this.type === 'real' || this.type === 'decimal') {
      if (s === 'NaN' || s === 'Infinity' || s === '+Infinity' || s === '-Infinity') {
        this.push(Number(s));
        return OK;
      }
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
        this.reason = `expected ${articles[this.type]}, found ${shown(text)}`;
        return REJECT;
      }
      const v = Number(s);
      if (!Number.isFinite(v)) {
        this.reason = `${s} is out of the range of a real (about ±1.8e308)`;
        return REJECT;
      }
      this.push(v);
      return OK;
    }
    const cell = convertCell(s, this.type);
    if ('error' in cell) {
      this.reason = cell.error;
      return REJECT;
    }
    if (cell.value === null) {
      this.appendNull();
    } else if (cell.value instanceof Int64) {
      this.pushExact(cell.value.big);
    } else {
      this.push(cell.value as number);
    }
    return OK;
  }

  appendValue(v: unknown): AppendResult {
    if (v === null || v === undefined || v === '') {
      this.appendNull();
      return OK;
    }
    if (typeof v === 'number') {
      if (this.type === 'long' && Number.isInteger(v) && Math.abs(v) > 2 ** 53) {
        this.push(v);
        this.reason = `${v} is beyond 2^53: the engine holds it rounded`;
        return KEPT;
      }
      if (!Number.isFinite(v)) {
        this.reason = `a number out of the range of ${articles[this.type] ?? 'a number'}`;
        return REJECT;
      }
      return this.appendNumber(v, '');
    }
    if (typeof v === 'string') {
      return this.appendText(v);
    }
    this.reason = `expected ${articles[this.type] ?? 'a number'}, found ${shown(JSON.stringify(v) ?? String(v))}`;
    return REJECT;
  }

  takeChunk(): AppenderChunk {
    const n = this.length;
    return {
      kind: 'number',
      length: n,
      values: this.values.subarray(0, n),
      nulls: this.nulls?.subarray(0, n),
      exact: this.exact?.subarray(0, n),
    };
  }

  appendChunk(c: AppenderChunk): void {
    if (c.kind !== 'number') {
      throw wrongChunk('number', c);
    }
    const at = this.length;
    this.reserve(at + c.length);
    this.values.set(c.values, at);
    if (c.nulls) {
      this.nulls ??= new Uint8Array(this.values.length);
      this.nulls.set(c.nulls, at);
    }
    if (c.exact) {
      this.exact ??= new BigInt64Array(this.values.length);
      this.exact.set(c.exact, at);
    }
    this.length = at + c.length;
  }

  finish(): Column {
    // Exactly reserved storage is kept as it is; a generous one is copied down to size.
    const fit = this.values.length - this.length < this.length / 8;
    const values = fit ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
    const nulls = this.nulls && (fit ? this.nulls.subarray(0, this.length) : this.nulls.slice(0, this.length));
    const exact = this.exact && (fit ? this.exact.subarray(0, this.length) : this.exact.slice(0, this.length));
    return new NumberColumn(this.type, values, nulls, exact);
  }
}

export function columnAppender(type: KqlType): ColumnAppender {
  if (isNumberBacked(type)) {
    return new NumberAppender(type);
  }
  switch (type) {
    case 'bool':
      return new BoolAppender();
    case 'string':
    case 'guid':
      return new StringAppender(type);
    default:
      return new DynamicAppender();
  }
}
