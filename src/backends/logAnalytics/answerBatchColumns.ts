/**
 * A batch of rows as the answer worker sends it to the extension host (answerWorker.ts): by column, a
 * column whose cells repeat (a computer, a process, an address, a port) as an index per row into the
 * column's dictionary, the indexes a transferred buffer and only the values new to the dictionary sent.
 * Sent as row arrays, every cell became its own object in the host (structured clone copies a string
 * per cell), and the garbage collections of the heap those made held the host's loop for 0.15-0.3 s at
 * a time while 500,000 rows arrived (bench/laAnswerRead.ts). Rebuilt here, a repeated value is one
 * string or number for the whole answer, so the host allocates and collects less. Cells that are
 * objects (dynamic values) or mostly distinct (datetimes) go as they are.
 */
import type { WireValue } from '../../results/queryResult';

/** A cell that can stand in a dictionary: compared by value, never an object. */
type Primitive = string | number | boolean | null;

export type BatchColumn =
  /** One cell per row, as read. */
  | { readonly cells: readonly WireValue[] }
  /** Row r's cell is the column's dictionary's `indexes[r]`th value, once `added` is appended to it. */
  | { readonly added: readonly Primitive[]; readonly indexes: Uint32Array };

/**
 * A dictionary may grow to this many values, or half the rows sent so far if more: past that the column
 * is mostly distinct values (datetimes, ids) and goes as cells from then on.
 */
export const MIN_DICTIONARY_LIMIT = 65_536;

/** The worker's side: one per answer table, batches in order. */
export class ColumnEncoder {
  /** Per column: the index of each value sent, or null once the column goes as cells. */
  private readonly ids: (Map<Primitive, number> | null)[] = [];
  private rowsSeen = 0;

  /** The batch `rows` (each `width` cells) by column; `transfer` gets the buffers to move, not copy. */
  encode(rows: readonly (readonly WireValue[])[], width: number, transfer: ArrayBuffer[]): BatchColumn[] {
    this.rowsSeen += rows.length;
    const limit = Math.max(MIN_DICTIONARY_LIMIT, Math.floor(this.rowsSeen / 2));
    const columns: BatchColumn[] = [];
    for (let c = 0; c < width; c++) {
      const ids = this.ids[c] === undefined ? (this.ids[c] = new Map()) : this.ids[c];
      const coded = ids && dictionaryColumn(rows, c, ids, limit);
      if (coded === 'full') {
        this.ids[c] = null;
      }
      if (coded && coded !== 'full') {
        transfer.push(coded.indexes.buffer as ArrayBuffer);
        columns.push(coded);
      } else {
        columns.push({ cells: rows.map((row) => row[c]!) });
      }
    }
    return columns;
  }
}

/**
 * Column `c` of `rows` as indexes into `ids`, which it extends; undefined when a cell is an object (the
 * dictionary left as it was: this batch goes as cells), 'full' when the dictionary would pass `limit`.
 */
function dictionaryColumn(
  rows: readonly (readonly WireValue[])[],
  c: number,
  ids: Map<Primitive, number>,
  limit: number,
): { added: Primitive[]; indexes: Uint32Array } | 'full' | undefined {
  const added: Primitive[] = [];
  const indexes = new Uint32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![c]!;
    // An object has no value to share; -0 would be taken for 0 by the Map.
    if ((v !== null && typeof v === 'object') || Object.is(v, -0)) {
      for (const a of added) {
        ids.delete(a);
      }
      return undefined;
    }
    let i = ids.get(v);
    if (i === undefined) {
      if (ids.size >= limit) {
        return 'full';
      }
      i = ids.size;
      ids.set(v, i);
      added.push(v);
    }
    indexes[r] = i;
  }
  return { added, indexes };
}

/** The host's side: one per answer table, batches in the order encoded. */
export class ColumnDecoder {
  private readonly dictionaries: Primitive[][] = [];

  /**
   * The batch's `count` rows, appended to `into`; `plainCells` is called with each column sent as
   * cells (the caller gives dynamic values their null prototypes back).
   */
  decode(
    columns: readonly BatchColumn[],
    count: number,
    into: WireValue[][],
    plainCells: (cells: readonly WireValue[]) => void,
  ): void {
    const width = columns.length;
    const sources: (readonly WireValue[])[] = [];
    const indexes: (Uint32Array | undefined)[] = [];
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      if ('cells' in column) {
        plainCells(column.cells);
        sources.push(column.cells);
        indexes.push(undefined);
      } else {
        const dictionary = (this.dictionaries[c] ??= []);
        for (const v of column.added) {
          dictionary.push(v);
        }
        sources.push(dictionary);
        indexes.push(column.indexes);
      }
    }
    for (let r = 0; r < count; r++) {
      const row = new Array<WireValue>(width);
      for (let c = 0; c < width; c++) {
        const at = indexes[c];
        row[c] = sources[c]![at === undefined ? r : at[r]!]!;
      }
      into.push(row);
    }
  }
}
