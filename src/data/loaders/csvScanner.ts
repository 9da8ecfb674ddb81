/**
 * A CSV tokenizer over bytes (RFC 4180 as Log Analytics and the portal write it): finds each record's
 * fields as byte ranges of the buffer, without building strings or row objects, so the caller can
 * parse numbers and dates straight from the bytes into typed columns. It works on a window of the
 * file at a time: `scan` stops before a record the window does not hold to its end, and the caller
 * slides the window on.
 *
 * A record the tokenizer cannot read (a quote inside an unquoted field, text after a closing quote)
 * is reported to the sink and skipped to its line end; an unterminated quote ends the file. A quoted
 * field that ran over line ends into such text is taken as a quote left open: only the line it opened
 * on is skipped, and the lines it swallowed are read as records again.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export interface CsvRecordSink {
  /**
   * One record: field k is `buf[start[k], end[k])`; `escaped[k]` is 1 when the field was quoted and
   * holds doubled quotes (`""`) to undo, 2 when it was quoted without any. `recordStart` is the offset
   * of the record's first byte and `line` its 1-based line number.
   */
  record(
    buf: Buffer,
    start: Int32Array,
    end: Int32Array,
    escaped: Uint8Array,
    fields: number,
    recordStart: number,
    line: number,
  ): void;
  /** A record skipped because it is not valid CSV; `offset` is where in `buf` it breaks. */
  bad(buf: Buffer, recordStart: number, offset: number, line: number, reason: string): void;
}

/** The end of the input came inside a quoted field: nothing after its opening quote can be read. */
export class UnterminatedQuoteError extends Error {
  constructor(
    readonly line: number,
    readonly offset: number,
  ) {
    super('a quoted field is never closed (missing ")');
  }
}

export class CsvScanner {
  /** The line number of the next byte to scan. */
  line = 1;
  private start = new Int32Array(64);
  private end = new Int32Array(64);
  private escaped = new Uint8Array(64);

  /**
   * Scans the complete records of `buf[from, to)`. Returns the offset where the first record not
   * complete in the window starts (`to` when there is none); with `final`, the window's end ends the
   * last record. Throws UnterminatedQuoteError when the input ends inside quotes. With `stopAt`, it
   * also stops (returning the offset) at the first record or blank line that starts at or after it:
   * a part of a file split across threads ends there (its last record may run past it).
   */
  scan(buf: Buffer, from: number, to: number, final: boolean, sink: CsvRecordSink, stopAt = Infinity): number {
    let i = from;
    while (i < to) {
      if (i >= stopAt) {
        return i;
      }
      const recordStart = i;
      const recordLine = this.line;
      const c0 = buf[i]!;
      // Empty lines are not records.
      if (c0 === LF) {
        i++;
        this.line++;
        continue;
      }
      if (c0 === CR) {
        if (i + 1 >= to && !final) {
          return recordStart;
        }
        i += i + 1 < to && buf[i + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      let fields = 0;
      let lines = 0;
      let incomplete = false;
      let badAt = -1;
      let badReason = '';
      for (;;) {
        if (fields === this.start.length) {
          this.grow();
        }
        if (i < to && buf[i] === QUOTE) {
          let j = i + 1;
          let esc = 2;
          let closed = false;
          while (j < to) {
            const c = buf[j]!;
            if (c > QUOTE) {
              // Most bytes of a field are above every byte the tokenizer looks for: one compare for them.
              j++;
              continue;
            }
            if (c === QUOTE) {
              if (j + 1 < to && buf[j + 1] === QUOTE) {
                esc = 1;
                j += 2;
                continue;
              }
              if (j + 1 >= to && !final) {
                break; // A "" pair may continue in the next window.
              }
              closed = true;
              break;
            }
            if (c === LF) {
              lines++;
            }
            j++;
          }
          if (!closed) {
            if (final) {
              throw new UnterminatedQuoteError(recordLine, i);
            }
            incomplete = true;
            break;
          }
          const opened = i;
          this.start[fields] = i + 1;
          this.end[fields] = j;
          this.escaped[fields] = esc;
          fields++;
          i = j + 1;
          if (i < to && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) {
            const spanned = countLf(buf, opened, j);
            if (spanned > 0) {
              // The quote that "closed" here is most likely the opening quote of a later line's field:
              // the broken field is the one that opened lines above. Skipping only its line keeps the
              // records it swallowed, which are read again from the next line.
              badAt = opened;
              // The count, not a line number: a part of a split file numbers its lines from 1.
              badReason = `a quoted field that is not closed on its line (it runs ${spanned} line${
                spanned === 1 ? '' : 's'
              } further, to a quote followed by text); a quote inside a field is written ""`;
            } else {
              badAt = i;
              badReason = 'text after the closing quote of a field (a quote inside a field is written "")';
            }
            break;
          }
        } else {
          let j = i;
          while (j < to) {
            const c = buf[j]!;
            if (c > COMMA) {
              // The bytes the tokenizer looks for (, " CR LF) are all at most a comma: one compare for the rest.
              j++;
              continue;
            }
            if (c === COMMA || c === LF || c === CR) {
              break;
            }
            if (c === QUOTE) {
              badAt = j;
              badReason =
                'a quote inside a field that does not start with one (quote the field and write the quote as "")';
              break;
            }
            j++;
          }
          if (badAt >= 0) {
            break;
          }
          this.start[fields] = i;
          this.end[fields] = j;
          this.escaped[fields] = 0;
          fields++;
          i = j;
        }
        if (i >= to) {
          if (!final) {
            incomplete = true;
          }
          break;
        }
        const c = buf[i]!;
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= to && !final) {
            incomplete = true;
            break;
          }
          i += i + 1 < to && buf[i + 1] === LF ? 2 : 1;
        } else {
          i++; // LF
        }
        lines++;
        break;
      }
      if (incomplete) {
        this.line = recordLine;
        return recordStart;
      }
      if (badAt >= 0) {
        // Skip to the end of the line the problem is on; the next line starts a new record.
        let k = badAt;
        while (k < to && buf[k] !== LF) {
          k++;
        }
        if (k >= to && !final) {
          this.line = recordLine;
          return recordStart;
        }
        sink.bad(buf, recordStart, badAt, recordLine + countLf(buf, recordStart, badAt), badReason);
        this.line = recordLine + countLf(buf, recordStart, k) + 1;
        i = k + 1;
        continue;
      }
      this.line = recordLine + lines;
      sink.record(buf, this.start, this.end, this.escaped, fields, recordStart, recordLine);
    }
    return to;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const s = new Int32Array(n);
    s.set(this.start);
    const e = new Int32Array(n);
    e.set(this.end);
    const q = new Uint8Array(n);
    q.set(this.escaped);
    this.start = s;
    this.end = e;
    this.escaped = q;
  }
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (buf[i] === LF) {
      n++;
    }
  }
  return n;
}

/** The 1-based character column of byte `offset`, counting from the start of its line. */
export function charColumn(buf: Buffer, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && buf[lineStart - 1] !== LF) {
    lineStart--;
  }
  return buf.toString('utf8', lineStart, offset).length + 1;
}

/** A field's text: decoded from UTF-8, with doubled quotes undone. */
export function fieldText(buf: Buffer, start: number, end: number, escaped: number): string {
  const s = buf.toString('utf8', start, end);
  return escaped === 1 ? s.replace(/""/g, '"') : s;
}

/** Where a record skipped for its length is: inside quotes or not, and the line ends passed inside it. */
export interface SkipState {
  inQuote: boolean;
  lines: number;
}

/**
 * Goes through `buf[from, to)` inside a record being skipped (too long to hold): its end is the first
 * line end outside quotes. Returns the offset just past that line end, or -1 when the record goes on
 * past `to` (`state` then says where it is).
 */
export function skipCsvRecord(buf: Buffer, from: number, to: number, state: SkipState): number {
  // A plain byte loop: indexOf per quote costs more than it saves when quotes are dense ("" pairs).
  let inQuote = state.inQuote;
  let lines = state.lines;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      inQuote = !inQuote;
    } else if (c === LF) {
      if (!inQuote) {
        state.inQuote = false;
        state.lines = lines;
        return i + 1;
      }
      lines++;
    }
  }
  state.inQuote = inQuote;
  state.lines = lines;
  return -1;
}
