/**
 * A column of a file that the query being answered does not read. Its values are checked as its own
 * column would check them, so a record that the full load leaves out is left out here too and every
 * partial load of a table has the same rows; nothing is kept. Strings never refuse a value, so they
 * cost nothing; the checks of the other types are cheap next to decoding and storing the values.
 * Warnings about values kept (invalid UTF-8, a long beyond 2^53) come when the column itself loads.
 */
import { convertCell } from './cells';
import {
  type AppenderChunk,
  type AppendResult,
  type ColumnAppender,
  columnAppender,
  KEPT,
  OK,
  REJECT,
} from './columnAppenders';
import type { Column } from '../../engine/column';
import type { Ticks } from '../../engine/ticks';
import type { KqlType } from '../../engine/values';
import { MAX_DYNAMIC_DEPTH } from './dynamicCells';

const SPACE = 32;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
/** Texts remembered as valid (guids, nested dynamic values), so a repeated one is checked once. */
const MEMO_LIMIT = 4096;

export class SkippedColumn implements ColumnAppender {
  length = 0;
  reason = '';
  reasonOffset = 0;
  /** The column's own appender, holding at most the value being checked. */
  private readonly inner: ColumnAppender | undefined;
  private readonly valid = new Set<string>();

  constructor(readonly type: KqlType) {
    this.inner = type === 'string' || type === 'guid' ? undefined : columnAppender(type);
  }

  reserve(): void {
    // Nothing is kept.
  }

  appendNull(): void {
    this.length++;
  }

  pop(): void {
    this.length--;
  }

  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult {
    if (this.type === 'string' || start === end) {
      this.length++;
      return OK;
    }
    if (this.type === 'dynamic') {
      // Only a nested value can be refused (too deep): a scalar text never is.
      let i = start;
      while (i < end && buf[i]! <= SPACE) i++;
      if ((buf[i] !== OPEN_BRACE && buf[i] !== OPEN_BRACKET) || end - start <= MAX_DYNAMIC_DEPTH) {
        // Too deep needs more opening brackets than a shorter text has.
        this.length++;
        return OK;
      }
      return this.memo(buf.toString('utf8', start, end), () => this.inner!.appendBytes(buf, start, end, escaped));
    }
    if (this.type === 'guid') {
      if (escaped === 0 && isPlainGuid(buf, start, end)) {
        this.length++;
        return OK;
      }
      const text = buf.toString('utf8', start, end);
      return this.appendValue(escaped === 1 ? text.replace(/""/g, '"') : text);
    }
    return this.settle(this.inner!.appendBytes(buf, start, end, escaped));
  }

  appendValue(v: unknown): AppendResult {
    if (this.type === 'string' || v === null || v === undefined || v === '') {
      this.length++;
      return OK;
    }
    if (this.type === 'guid') {
      return this.memo(typeof v === 'string' ? v : undefined, () => {
        const cell = convertCell(v, 'guid');
        if ('error' in cell) {
          this.reason = cell.error;
          return REJECT;
        }
        return OK;
      });
    }
    return this.settle(this.inner!.appendValue(v));
  }

  appendTicks(ticks: Ticks): AppendResult {
    return this.settle(this.inner!.appendTicks ? this.inner!.appendTicks(ticks) : REJECT);
  }

  takeChunk(): AppenderChunk {
    return { kind: 'skipped', length: this.length };
  }

  appendChunk(c: AppenderChunk): void {
    this.length += c.length;
  }

  finish(): Column {
    throw new Error('A skipped column has no values');
  }

  /** A text checked once and remembered when valid. */
  private memo(text: string | undefined, check: () => AppendResult): AppendResult {
    if (text !== undefined && this.valid.has(text)) {
      this.length++;
      return OK;
    }
    const r = this.settle(check());
    if (r !== REJECT && text !== undefined && this.valid.size < MEMO_LIMIT) {
      this.valid.add(text);
    }
    return r;
  }

  /** The inner appender's verdict: its value dropped again; a refusal passed on with its reason. */
  private settle(r: AppendResult): AppendResult {
    if (r === REJECT) {
      const inner = this.inner;
      if (inner) {
        this.reason = inner.reason;
        this.reasonOffset = inner.reasonOffset;
        inner.reasonOffset = 0;
      }
      return REJECT;
    }
    if (this.inner && this.inner.length > 0) {
      this.inner.pop();
    }
    this.length++;
    return r === KEPT ? OK : r;
  }
}

const DASH = 45;

/** 8-4-4-4-12 hexadecimal digits, as Log Analytics writes a guid (anything else goes the long way). */
function isPlainGuid(buf: Buffer, start: number, end: number): boolean {
  if (end - start !== 36) {
    return false;
  }
  for (let i = 0; i < 36; i++) {
    const c = buf[start + i]!;
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== DASH) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return false;
    }
  }
  return true;
}
