import type { KqlType } from '../../engine/values';

/** A table as read from a file, before typing: column names (and REST types) and untyped cells. */
export interface RawTable {
  readonly columns: readonly { readonly name: string; readonly restType?: KqlType }[];
  readonly rows: readonly (readonly unknown[])[];
  /** 1-based line and column of a cell, for error messages. */
  position(row: number, column: number): { line: number; column: number };
  /** Things worth telling the user that do not stop the load (extra tables in a REST response). */
  readonly notes: readonly string[];
}
