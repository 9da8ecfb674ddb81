/**
 * Keys of JSON Lines records that the table's columns lack: its columns come from the head of each
 * file (jsonlTreeHead.ts), and a key first seen past a head (a custom table's column added at record
 * 100,000 of an hour's blob) becomes a column when the rows load, empty (null) in the rows before it,
 * so that no value is lost. Its values are held as parsed until the load ends (exactly, as a long or
 * dynamic column's: a long past 2^53 keeps its digits); its type is then the catalogue's, else inferred
 * from its first values as a head column's is.
 *
 * A load of some columns (a query's, without the load cache) keeps only the late columns it was asked
 * for; of the others it keeps where they start and a sample of their first values, so that their names
 * and types are known (`found`) and a later load can read them, typed as a load of every column would.
 */
import type { Column } from '../../engine/column';
import { Int64, type KqlType } from '../../engine/values';
import { inferColumnType } from './cells';
import { columnAppender, REJECT } from './columnAppenders';
import { plainCell } from './exactJson';

/** How many of a late column's first values its type is inferred from (as a head's sample). */
const SAMPLE = 2000;

interface Pending {
  readonly key: string;
  /** The table's row the key was first seen in. */
  readonly start: number;
  /** file:line of that record. */
  readonly firstSeen: string;
  readonly values: unknown[];
  /** A key not kept: its first non-empty values, as typed (sampleCell), and the rows they are in. */
  readonly sample?: { readonly values: unknown[]; readonly rows: number[] };
}

/** A late column's name and type (`inferred`: from its first values; else the catalogue's). */
export interface LateColumnType {
  readonly name: string;
  readonly type: KqlType;
  readonly inferred: boolean;
}

export interface LateColumn extends LateColumnType {
  readonly column: Column;
}

export class LateColumns {
  private readonly pending: Pending[] = [];
  private readonly byKey = new Set<string>();
  private rows = 0;

  /**
   * `typeOf(key)`: the catalogue's type for a key, null to infer it, undefined when the key is no column.
   * `keep`: the late columns whose values are kept; every one when undefined.
   */
  constructor(
    private readonly typeOf: (key: string) => KqlType | null | undefined,
    private readonly keep?: ReadonlySet<string>,
  ) {}

  /** Whether the values of late column `key` are kept (read exactly, as they will be stored). */
  keeps(key: string): boolean {
    return !this.keep || this.keep.has(key);
  }

  /** Whether `key` is (or now becomes) a late column, first seen in the next record, at `where`; false: its values are left out. */
  adds(key: string, where: string): boolean {
    if (this.byKey.has(key)) {
      return true;
    }
    if (this.typeOf(key) === undefined) {
      return false;
    }
    this.byKey.add(key);
    const sample = this.keeps(key) ? undefined : { values: [], rows: [] };
    this.pending.push({ key, start: this.rows, firstSeen: where, values: [], sample });
    return true;
  }

  /** A record that was kept, the next row of the table. */
  kept(record: Record<string, unknown>): void {
    const row = this.rows++;
    for (const p of this.pending) {
      const v = Object.hasOwn(record, p.key) ? record[p.key] : null;
      if (!p.sample) {
        p.values.push(v);
      } else if (p.sample.values.length < SAMPLE && v !== null && v !== undefined) {
        p.sample.values.push(sampleCell(v));
        p.sample.rows.push(row);
      }
    }
  }

  /** The table has `rows` rows before its next file (a file that failed part-way lost its last records). */
  level(rows: number): void {
    this.rows = rows;
    for (const p of this.pending) {
      p.values.length = Math.max(0, rows - p.start);
      if (p.sample) {
        const n = p.sample.rows.findIndex((r) => r >= rows);
        if (n >= 0) {
          p.sample.values.length = n;
          p.sample.rows.length = n;
        }
      }
    }
  }

  /** Every late column found (kept or not), in the order first seen: call after `finish`. */
  found(): LateColumnType[] {
    return this.pending.map((p) => this.typed(p));
  }

  private typed(p: Pending): LateColumnType {
    const known = this.typeOf(p.key);
    return {
      name: p.key,
      type: known ?? inferColumnType(p.sample ? p.sample.values : sampleOf(p.values)),
      inferred: !known,
    };
  }

  /** The kept late columns for a table of `rows` rows; a value that is not of the column's type is null, with a warning. */
  finish(rows: number, warn: (text: string) => void): LateColumn[] {
    this.level(rows);
    return this.pending.flatMap((p) => {
      if (p.sample) {
        return [];
      }
      const { type, inferred } = this.typed(p);
      const appender = columnAppender(type);
      for (let i = 0; i < p.start; i++) {
        appender.appendNull();
      }
      let unread = 0;
      for (const v of p.values) {
        // Values of exactly read records: a dynamic column keeps them as they are, another takes a long as its digits.
        if (appender.appendValue(type === 'dynamic' ? v : plainCell(v)) === REJECT) {
          appender.appendNull();
          unread++;
        }
      }
      if (unread > 0) {
        warn(
          `${p.firstSeen}: column ${p.key} (first seen here, past the first records the columns were read from) is ${type}` +
            `${inferred ? ', inferred from its first values' : ''}: ${unread} value${unread === 1 ? '' : 's'} not of that type read as empty`,
        );
      }
      return [{ name: p.key, type, inferred, column: appender.finish() }];
    });
  }
}

/** A value as the heads' samples hold it (JSON.parse's numbers), so a late column is typed as an early one. */
function sampleCell(v: unknown): unknown {
  return v instanceof Int64 ? Number(v.big) : plainCell(v);
}

function sampleOf(values: readonly unknown[]): unknown[] {
  const sample: unknown[] = [];
  for (const v of values) {
    if (v !== null && v !== undefined) {
      sample.push(sampleCell(v));
      if (sample.length === SAMPLE) break;
    }
  }
  return sample;
}
