/** Bool and dynamic columns of the loaders: rarer than numbers and strings, read through their text. */
import { BoolColumn, type Column, DynamicColumn } from '../../engine/column';
import type { DynamicValue } from '../../engine/values';
import { hasWholeReal } from '../../engine/valueText';
import { type AppenderChunk, type AppendResult, type ColumnAppender, OK, REJECT, wrongChunk } from './appender';
import { ByteDictionary } from './byteDictionary';
import { convertCell } from './cells';
import { forTransfer, MAX_DYNAMIC_DEPTH, parseDynamicText, toNullPrototype } from './dynamicCells';

export class BoolAppender implements ColumnAppender {
  readonly type = 'bool' as const;
  length = 0;
  reason = '';
  reasonOffset = 0;
  private values = new Uint8Array(1024);
  private nulls = new Uint8Array(1024);
  private anyNull = false;

  reserve(rows: number): void {
    if (rows > this.values.length) {
      const v = new Uint8Array(rows);
      v.set(this.values.subarray(0, this.length));
      const n = new Uint8Array(rows);
      n.set(this.nulls.subarray(0, this.length));
      this.values = v;
      this.nulls = n;
    }
  }

  private push(value: number, isNull: number): void {
    if (this.length === this.values.length) {
      this.reserve(this.values.length * 2);
    }
    this.values[this.length] = value;
    this.nulls[this.length++] = isNull;
    this.anyNull ||= isNull === 1;
  }

  appendNull(): void {
    this.push(0, 1);
  }

  pop(): void {
    this.length--;
  }

  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult {
    return this.appendValue(buf.toString('utf8', start, end).replace(escaped === 1 ? /""/g : /^$/, '"'));
  }

  appendValue(v: unknown): AppendResult {
    const cell = convertCell(v, 'bool');
    if ('error' in cell) {
      this.reason = cell.error;
      return REJECT;
    }
    if (cell.value === null) {
      this.appendNull();
    } else {
      this.push(cell.value ? 1 : 0, 0);
    }
    return OK;
  }

  takeChunk(): AppenderChunk {
    const n = this.length;
    return { kind: 'bool', length: n, values: this.values.subarray(0, n), nulls: this.nulls.subarray(0, n) };
  }

  appendChunk(c: AppenderChunk): void {
    if (c.kind !== 'bool') {
      throw wrongChunk('bool', c);
    }
    const at = this.length;
    this.reserve(at + c.length);
    this.values.set(c.values, at);
    this.nulls.set(c.nulls, at);
    this.anyNull ||= c.nulls.includes(1);
    this.length = at + c.length;
  }

  finish(): Column {
    return new BoolColumn(
      this.values.slice(0, this.length),
      this.anyNull ? this.nulls.slice(0, this.length) : undefined,
    );
  }
}

export class DynamicAppender implements ColumnAppender {
  readonly type = 'dynamic' as const;
  reason = '';
  reasonOffset = 0;
  private readonly values: DynamicValue[] = [];
  get length(): number {
    return this.values.length;
  }
  set length(n: number) {
    this.values.length = n;
  }

  reserve(): void {
    // A plain array: nothing to size.
  }

  appendNull(): void {
    this.values.push(null);
  }

  pop(): void {
    this.values.pop();
  }

  /**
   * A cell's bytes to the value parsed from them before (index into `parsed`): an export's dynamic
   * columns repeat a few texts (`[]`, `["host.corp"]`), and rows with the same text share that one
   * value, as the load cache's rows do (the engine never changes a column's value in place:
   * test/engine/sharedDynamic.test.ts). The bytes alone say the text: a quote in them means the
   * field was quoted with doubled quotes, none means it decodes as it is.
   */
  private readonly seen = new ByteDictionary();
  private readonly parsed: DynamicValue[] = [];

  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult {
    const known = this.seen.find(buf, start, end);
    if (known >= 0) {
      this.values.push(this.parsed[known]!);
      return OK;
    }
    const text = buf.toString('utf8', start, end);
    const r = this.appendText(escaped === 1 ? text.replace(/""/g, '"') : text);
    // Only a value the dictionary keeps is remembered (its bytes are what find looks up).
    if (r === OK && this.seen.add(buf, start, end, this.parsed.length)) {
      this.parsed.push(this.values[this.values.length - 1]!);
    }
    return r;
  }

  private appendText(text: string): AppendResult {
    const parsed = parseDynamicText(text);
    if ('error' in parsed) {
      this.reason = parsed.error;
      this.reasonOffset = parsed.offset;
      return REJECT;
    }
    this.values.push(parsed.value);
    return OK;
  }

  appendValue(v: unknown): AppendResult {
    if (v === undefined || v === '') {
      this.values.push(null);
      return OK;
    }
    if (typeof v === 'string') {
      return this.appendText(v);
    }
    const value = toNullPrototype(v);
    if (value === undefined) {
      this.reason = `a value nested more than ${MAX_DYNAMIC_DEPTH} levels deep`;
      return REJECT;
    }
    this.values.push(value);
    return OK;
  }

  /**
   * The values as they can cross to another thread: each distinct value once with a code per row,
   * exact numbers in a form structured clone keeps. Cloning a value per row (an empty array for most
   * rows of VMConnection's two dynamic columns) was most of the cost of a split CSV load's messages,
   * on both threads, and of the receiving thread's garbage collection.
   */
  takeChunk(): AppenderChunk {
    const values = this.values;
    const codes = new Int32Array(values.length);
    const distinct: unknown[] = [];
    // Scalars by value, arrays and bags by their JSON text; first by identity, as rows read from the
    // same text share one value and need not print it again.
    const scalars = new Map<DynamicValue, number>();
    const texts = new Map<string, number>();
    const objects = new Map<object, number>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === null) {
        codes[i] = -1;
        continue;
      }
      if (typeof v === 'object') {
        const same = objects.get(v);
        if (same !== undefined) {
          codes[i] = same;
          continue;
        }
      }
      const key = sameValueKey(v);
      const index = typeof v === 'object' ? texts : scalars;
      let code = key === undefined ? undefined : index.get(key as never);
      if (code === undefined) {
        code = distinct.length;
        distinct.push(typeof v === 'object' ? forTransfer(v) : v);
        if (key !== undefined) {
          index.set(key as never, code);
        }
      }
      if (typeof v === 'object') {
        objects.set(v, code);
      }
      codes[i] = code;
    }
    return { kind: 'dynamic', length: values.length, codes, values: distinct };
  }

  /**
   * Values sent by another thread arrive with objects' prototypes gone and exact numbers in their
   * transfer form: those are rebuilt, once per distinct value. Plain scalars and arrays of them (most
   * values) are taken as they are.
   */
  appendChunk(c: AppenderChunk): void {
    if (c.kind !== 'dynamic') {
      throw wrongChunk('dynamic', c);
    }
    const distinct = c.values.map((v) => (holdsObject(v as DynamicValue) ? toNullPrototype(v)! : (v as DynamicValue)));
    const codes = c.codes;
    const values = this.values;
    for (let i = 0; i < c.length; i++) {
      const code = codes[i]!;
      // Rows with the same value share it, as when the rows were read on this thread.
      values.push(code < 0 ? null : distinct[code]!);
    }
  }

  finish(): Column {
    return new DynamicColumn(this.values);
  }
}

/**
 * What makes two rows' values the same, to send one for both; undefined for a value sent on its own.
 * Numbers are not keyed (a Map takes 0 and -0 as one), nor values holding exact numbers or -0, which
 * JSON text does not tell apart; the rest print to JSON exactly (bags' keys in their order).
 */
function sameValueKey(v: DynamicValue): DynamicValue | string | undefined {
  if (typeof v !== 'object') {
    return typeof v === 'number' ? undefined : v;
  }
  return hasWholeReal(v) || holdsMinusZero(v) ? undefined : JSON.stringify(v);
}

/** Whether -0 is inside an array or bag: JSON prints it as 0. */
function holdsMinusZero(v: DynamicValue): boolean {
  if (typeof v === 'number') {
    return Object.is(v, -0);
  }
  if (v === null || typeof v !== 'object') {
    return false;
  }
  if (Array.isArray(v)) {
    return v.some(holdsMinusZero);
  }
  return Object.values(v).some(holdsMinusZero);
}

/** Whether a value from another thread needs rebuilding: it holds an object or a long sent as a bigint. */
function holdsObject(v: DynamicValue): boolean {
  if (typeof v === 'bigint') {
    return true;
  }
  if (v === null || typeof v !== 'object') {
    return false;
  }
  if (!Array.isArray(v)) {
    return true;
  }
  for (const x of v) {
    if ((x !== null && typeof x === 'object') || typeof x === 'bigint') {
      return true;
    }
  }
  return false;
}
