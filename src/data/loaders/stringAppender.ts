/** String and guid columns of the loaders, dictionary-encoded (see columnAppenders.ts). */
import { isUtf8 } from 'node:buffer';
import { type Column, StringColumn } from '../../engine/column';
import { type AppenderChunk, type AppendResult, type ColumnAppender, KEPT, OK, REJECT, wrongChunk } from './appender';
import { ByteDictionary } from './byteDictionary';
import { convertCell } from './cells';
import { MAX_DYNAMIC_DEPTH, toNullPrototype } from './dynamicCells';

/** Strings (the empty cell is "") and guids (empty is null), dictionary-encoded as they arrive. */
export class StringAppender implements ColumnAppender {
  length = 0;
  reason = '';
  reasonOffset = 0;
  private codes = new Int32Array(1024);
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  /** Codes whose text holds U+FFFD: the bytes behind each use are checked, since bad UTF-8 decodes to it. */
  private readonly replaced = new Set<number>();
  /** A cell's bytes to its code, for strings seen before (see byteDictionary.ts). */
  private readonly seen = new ByteDictionary();
  constructor(readonly type: 'string' | 'guid') {}

  reserve(rows: number): void {
    if (rows > this.codes.length) {
      const c = new Int32Array(rows);
      c.set(this.codes.subarray(0, this.length));
      this.codes = c;
    }
  }

  private push(code: number): void {
    if (this.length === this.codes.length) {
      this.reserve(this.codes.length * 2);
    }
    this.codes[this.length++] = code;
  }

  appendNull(): void {
    if (this.type === 'guid') {
      this.push(-1);
      return;
    }
    if (this.empty < 0) {
      this.empty = this.code('');
    }
    this.push(this.empty);
  }

  /** The empty string's code, once it has one (most columns of an export are empty on most rows). */
  private empty = -1;

  pop(): void {
    this.length--;
  }

  private code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
      if (s.includes('\uFFFD')) {
        this.replaced.add(c);
      }
    }
    return c;
  }

  appendBytes(buf: Buffer, start: number, end: number, escaped: number): AppendResult {
    if (start === end) {
      // "" or nothing: the empty string (a guid's null), as the text path below makes it.
      this.appendNull();
      return OK;
    }
    // Bytes seen before have their code; only text that decoded cleanly is kept there (see below).
    if (escaped === 0 && this.type === 'string') {
      const known = this.seen.find(buf, start, end);
      if (known >= 0) {
        this.push(known);
        return OK;
      }
    }
    let s = buf.toString('utf8', start, end);
    if (escaped === 1) {
      s = s.replace(/""/g, '"');
    }
    if (this.type === 'guid') {
      return this.appendValue(s);
    }
    const c = this.code(s);
    this.push(c);
    if (escaped === 0 && !this.replaced.has(c)) {
      this.seen.add(buf, start, end, c);
    }
    if (this.replaced.size > 0 && this.replaced.has(c) && !isUtf8(buf.subarray(start, end))) {
      let bad = start;
      while (isUtf8(buf.subarray(start, bad + 1))) {
        bad++;
      }
      this.reasonOffset = buf.toString('utf8', start, bad).length;
      this.reason = 'invalid UTF-8 (kept as U+FFFD): the file is not UTF-8 encoded here';
      return KEPT;
    }
    return OK;
  }

  appendValue(v: unknown): AppendResult {
    if (v === null || v === undefined || v === '') {
      this.appendNull();
      return OK;
    }
    if (this.type === 'guid') {
      const cell = convertCell(v, 'guid');
      if ('error' in cell) {
        this.reason = cell.error;
        return REJECT;
      }
      this.push(cell.value === null ? -1 : this.code(cell.value as string));
      return OK;
    }
    if (typeof v === 'object') {
      // JSON text of a nested value; one too deep to print is refused rather than overflowing the stack.
      const value = toNullPrototype(v);
      if (value === undefined) {
        this.reason = `a value nested more than ${MAX_DYNAMIC_DEPTH} levels deep`;
        return REJECT;
      }
      this.push(this.code(JSON.stringify(value)));
      return OK;
    }
    this.push(this.code(typeof v === 'string' ? v : String(v)));
    return OK;
  }

  takeChunk(): AppenderChunk {
    return { kind: 'string', length: this.length, codes: this.codes.subarray(0, this.length), dict: this.dict };
  }

  /** The other thread's codes, remapped to this dictionary's. */
  appendChunk(c: AppenderChunk): void {
    if (c.kind !== 'string') {
      throw wrongChunk('string', c);
    }
    const remap = new Int32Array(c.dict.length);
    for (let k = 0; k < c.dict.length; k++) {
      remap[k] = this.code(c.dict[k]!);
    }
    const at = this.length;
    this.reserve(at + c.length);
    const codes = this.codes;
    const from = c.codes;
    for (let i = 0; i < c.length; i++) {
      const code = from[i]!;
      codes[at + i] = code < 0 ? code : remap[code]!;
    }
    this.length = at + c.length;
  }

  finish(): Column {
    // Exactly reserved codes are kept as they are (copying them costs as much as a column's decode); a
    // generous reserve is copied down to size.
    const fit = this.codes.length - this.length < this.length / 8;
    const codes = fit ? this.codes.subarray(0, this.length) : this.codes.slice(0, this.length);
    return new StringColumn(this.type, codes, this.dict);
  }
}
