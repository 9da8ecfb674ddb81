/**
 * Reads a Log Analytics query answer's JSON text in one pass, each table's rows straight into the
 * result's cells, typed by the table's columns: no parse of the whole body into row arrays first, no
 * Date per datetime and back, no second parse to recover what a double loses. A cell comes out as
 * `cellFromRaw` (exactCells.ts) gives it from `JSON.parse` of the text with its longs of 16+ digits
 * quoted: a long past 2^53 as its digits, a dynamic value's exact JSON, 100-ns datetimes as sent.
 *
 * What is not rows (the tables' names and columns, a PartialError's `error`, `render`, statistics) is
 * handed back as a small JSON text, the skeleton, for the SDK to parse and describe as it always has.
 */
import { type DataRecord, newRecord } from '../../results/jsonData';
import type { WireValue } from '../../results/queryResult';
import { cellFromRaw } from './exactCells';
import { wireColumnType } from './wireConversion';

export interface Answer {
  /** The answer with every table's rows left out (`[]`), for the SDK. */
  readonly skeleton: string;
  /** Each table's rows, in the order of the answer's tables. */
  readonly rows: readonly (readonly (readonly WireValue[])[])[];
}

/** A row whose cells do not match its table's columns: the answer is no query result. */
export class RowShapeError extends Error {
  constructor(
    readonly table: string,
    readonly row: number,
    readonly cells: number | undefined,
    readonly columns: number,
  ) {
    super(
      `row ${row + 1} of table ${table} has ${cells === undefined ? 'no array of cells' : `${cells} cell${cells === 1 ? '' : 's'}`} for its ${columns} column${columns === 1 ? '' : 's'}`,
    );
  }
}

/** Not JSON this reader can take: the caller lets the SDK's JSON.parse say what is wrong. */
class Unreadable extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Column types whose string cells are the cell as sent (cellFromRaw returns them unchanged). */
const CONVERTED_STRINGS = new Set(['long', 'int', 'decimal', 'real', 'datetime', 'dynamic']);

class Reader {
  private i = 0;
  /** Where the next backslash at or after `i` is (text.length when none): found once, not per string. */
  private nextBackslash = -1;

  constructor(private readonly text: string) {}

  answer(): Answer {
    const top = newRecord<unknown>();
    const rows: WireValue[][][] = [];
    this.expect(OPEN_BRACE);
    if (!this.eat(CLOSE_BRACE)) {
      do {
        const key = this.key();
        if (key === 'tables' && top.tables !== undefined) {
          throw new Unreadable('two tables members'); // JSON.parse keeps the last: leave it to the SDK
        }
        top[key] = key === 'tables' && this.peek() === OPEN_BRACKET ? this.tables(rows) : this.value();
      } while (this.eat(COMMA));
      this.expect(CLOSE_BRACE);
    }
    this.space();
    if (this.i !== this.text.length) {
      throw new Unreadable('text after the answer');
    }
    if (!Array.isArray(top.tables)) {
      throw new Unreadable('no tables');
    }
    return { skeleton: JSON.stringify(top), rows };
  }

  private tables(out: WireValue[][][]): unknown[] {
    const tables: unknown[] = [];
    this.expect(OPEN_BRACKET);
    if (this.eat(CLOSE_BRACKET)) {
      return tables;
    }
    do {
      const table = newRecord<unknown>();
      let rows: WireValue[][] | undefined;
      let later: unknown;
      this.expect(OPEN_BRACE);
      do {
        const key = this.key();
        if (key !== 'rows') {
          table[key] = this.value();
        } else if (Array.isArray(table.columns) && this.peek() === OPEN_BRACKET) {
          rows = this.rows(table);
        } else {
          later = this.value(); // rows before columns: read as values, typed below
        }
      } while (this.eat(COMMA));
      this.expect(CLOSE_BRACE);
      if (rows === undefined) {
        if (!Array.isArray(table.columns) || !Array.isArray(later)) {
          throw new Unreadable('a table without columns or rows');
        }
        rows = typedRows(table, later);
      }
      table.rows = [];
      tables.push(table);
      out.push(rows);
    } while (this.eat(COMMA));
    this.expect(CLOSE_BRACKET);
    return tables;
  }

  /** A table's rows, each cell converted for its column as it is read. */
  private rows(table: DataRecord<unknown>): WireValue[][] {
    const types = columnTypes(table);
    const plain = types.map((t) => !CONVERTED_STRINGS.has(t));
    const n = types.length;
    const rows: WireValue[][] = [];
    this.expect(OPEN_BRACKET);
    if (this.eat(CLOSE_BRACKET)) {
      return rows;
    }
    do {
      if (this.peek() !== OPEN_BRACKET) {
        this.value(); // a body cut here is Unreadable, not a row of the wrong shape
        throw new RowShapeError(tableName(table), rows.length, undefined, n);
      }
      this.i++;
      const row: WireValue[] = new Array(n);
      let c = 0;
      if (!this.eat(CLOSE_BRACKET)) {
        do {
          if (c === n) {
            throw new RowShapeError(tableName(table), rows.length, c + this.cellsLeft(), n);
          }
          row[c] = this.cell(types[c]!, plain[c]!);
          c++;
        } while (this.eat(COMMA));
        this.expect(CLOSE_BRACKET);
      }
      if (c !== n) {
        throw new RowShapeError(tableName(table), rows.length, c, n);
      }
      rows.push(row);
    } while (this.eat(COMMA));
    this.expect(CLOSE_BRACKET);
    return rows;
  }

  /** How many more cells the row being read has (for the error that says it has too many). */
  private cellsLeft(): number {
    let more = 0;
    do {
      this.value();
      more++;
    } while (this.eat(COMMA));
    return more;
  }

  private cell(type: string, plain: boolean): WireValue {
    const c = this.peek();
    if (c === QUOTE) {
      const s = this.string();
      return plain ? s : cellFromRaw(s, type);
    }
    const raw = this.value();
    return typeof raw === 'number' || raw === null || typeof raw === 'boolean' ? raw : cellFromRaw(raw, type);
  }

  private value(): unknown {
    const c = this.peek();
    if (c === QUOTE) {
      return this.string();
    }
    if ((c >= ZERO && c <= NINE) || c === MINUS) {
      return this.number();
    }
    if (c === OPEN_BRACKET) {
      this.i++;
      const items: unknown[] = [];
      if (!this.eat(CLOSE_BRACKET)) {
        do {
          items.push(this.value());
        } while (this.eat(COMMA));
        this.expect(CLOSE_BRACKET);
      }
      return items;
    }
    if (c === OPEN_BRACE) {
      this.i++;
      const record = newRecord<unknown>();
      if (!this.eat(CLOSE_BRACE)) {
        do {
          const key = this.key();
          record[key] = this.value();
        } while (this.eat(COMMA));
        this.expect(CLOSE_BRACE);
      }
      return record;
    }
    for (const [word, v] of [
      ['null', null],
      ['true', true],
      ['false', false],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    throw new Unreadable(`no value at ${this.i}`);
  }

  /** A number; an integer of 16+ digits as its digits (a double would round it). */
  private number(): number | string {
    const t = this.text;
    const start = this.i;
    let i = start;
    if (t.charCodeAt(i) === MINUS) {
      i++;
    }
    const first = i;
    let whole = 0;
    let c = t.charCodeAt(i);
    while (c >= ZERO && c <= NINE) {
      whole = whole * 10 + (c - ZERO);
      c = t.charCodeAt(++i);
    }
    const digits = i - first;
    if (digits === 0 || (digits > 1 && t.charCodeAt(first) === ZERO)) {
      throw new Unreadable(`a malformed number at ${start}`);
    }
    if (c !== 46 /* . */ && c !== 101 /* e */ && c !== 69 /* E */) {
      this.i = i;
      if (digits >= 16) {
        return t.slice(start, i);
      }
      return first === start ? whole : -whole;
    }
    // The rest of the token: a fraction, an exponent (Number() checks their form).
    while ((c >= ZERO && c <= NINE) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS) {
      c = t.charCodeAt(++i);
    }
    const n = Number(t.slice(start, i));
    if (Number.isNaN(n)) {
      throw new Unreadable(`a malformed number at ${start}`);
    }
    this.i = i;
    return n;
  }

  private string(): string {
    const t = this.text;
    const start = this.i + 1;
    const end = t.indexOf('"', start);
    if (end < 0) {
      throw new Unreadable('an unterminated string');
    }
    if (this.nextBackslash < start) {
      const b = t.indexOf('\\', start);
      this.nextBackslash = b < 0 ? t.length : b;
    }
    if (this.nextBackslash > end) {
      this.i = end + 1;
      return t.slice(start, end);
    }
    return this.escapedString(start);
  }

  /**
   * A string with escapes: its closing quote is the first one after an even run of backslashes, and
   * the token is unescaped by JSON.parse (native, and strict about escapes).
   */
  private escapedString(start: number): string {
    const t = this.text;
    let end = t.indexOf('"', start);
    for (;;) {
      if (end < 0) {
        throw new Unreadable('an unterminated string');
      }
      let backslashes = 0;
      while (t.charCodeAt(end - 1 - backslashes) === BACKSLASH) {
        backslashes++;
      }
      if (backslashes % 2 === 0) {
        break;
      }
      end = t.indexOf('"', end + 1);
    }
    let s: unknown;
    try {
      s = JSON.parse(t.slice(start - 1, end + 1));
    } catch {
      throw new Unreadable(`a malformed string at ${start - 1}`);
    }
    this.i = end + 1;
    this.nextBackslash = -1;
    return s as string;
  }

  private key(): string {
    if (this.peek() !== QUOTE) {
      throw new Unreadable(`no key at ${this.i}`);
    }
    const key = this.string();
    this.expect(COLON);
    return key;
  }

  /** The next character that is not whitespace (NaN at the end); `i` is moved onto it. */
  private peek(): number {
    this.space();
    return this.text.charCodeAt(this.i);
  }

  private space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) {
      c = t.charCodeAt(++this.i);
    }
  }

  private eat(c: number): boolean {
    if (this.peek() === c) {
      this.i++;
      return true;
    }
    return false;
  }

  private expect(c: number): void {
    if (!this.eat(c)) {
      throw new Unreadable(`no ${String.fromCharCode(c)} at ${this.i}`);
    }
  }
}

function columnTypes(table: DataRecord<unknown>): string[] {
  return (table.columns as unknown[]).map((c) => wireColumnType((c as { type?: string } | null)?.type));
}

function tableName(table: DataRecord<unknown>): string {
  return typeof table.name === 'string' ? table.name : '(unnamed)';
}

/** Rows read as plain values (they came before their columns), typed as the fast path types them. */
function typedRows(table: DataRecord<unknown>, raw: unknown[]): WireValue[][] {
  const types = columnTypes(table);
  return raw.map((row, r) => {
    if (!Array.isArray(row) || row.length !== types.length) {
      throw new RowShapeError(tableName(table), r, Array.isArray(row) ? row.length : undefined, types.length);
    }
    return types.map((type, c) => cellFromRaw(row[c], type));
  });
}

/**
 * The answer's rows and skeleton; undefined when the text is not JSON of the answer's shape (the SDK's
 * own parse then reports it as before). A row that does not match its columns throws RowShapeError.
 */
export function readAnswer(text: string): Answer | undefined {
  try {
    return new Reader(text).answer();
  } catch (e) {
    if (e instanceof Unreadable || e instanceof RangeError) {
      return undefined; // RangeError: nested past the stack
    }
    throw e;
  }
}
