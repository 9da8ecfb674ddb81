import { formatPosition, type Range } from './positions';

export type KqlSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A diagnostic about query text, with its place in that text. */
export interface KqlDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly severity: KqlSeverity;
  /** Offsets into the analysed text. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
}

/**
 * The one error type queries fail with: a syntax or semantic error (the Kusto library's own
 * diagnostic, word for word), an unsupported operator or function, or a run-time failure. It always
 * carries a place, so the editor can underline it and the CLI can print line:column.
 */
export class KqlError extends Error {
  readonly code: string;
  readonly range: Range;
  readonly start: number;
  readonly end: number;

  constructor(code: string, message: string, range: Range, start = 0, end = 0) {
    super(message);
    this.name = 'KqlError';
    this.code = code;
    this.range = range;
    this.start = start;
    this.end = end;
  }

  static fromDiagnostic(d: KqlDiagnostic): KqlError {
    return new KqlError(d.code, d.message, d.range, d.start, d.end);
  }

  /** "3:14: message" (1-based), as the CLI and the results panel print it. */
  describe(): string {
    return `${formatPosition(this.range.start)}: ${this.message}`;
  }

  toJSON(): { code: string; message: string; range: Range; start: number; end: number } {
    return { code: this.code, message: this.message, range: this.range, start: this.start, end: this.end };
  }
}

export function isKqlError(e: unknown): e is KqlError {
  return e instanceof KqlError;
}
