/**
 * The grid's row order: filter by text, then sort by one column. Works on an index array so the
 * result's rows are never copied, which keeps 100k-row results cheap. The results webview orders its
 * grid with it and the host orders an export of "the rows shown" with it, so the two always agree.
 */
import { isLongDigits } from '../results/wireJson';
import type { KqlType } from '../schema/types';
import type { TableCells } from './tableCells';

export interface SortState {
  readonly column: number;
  readonly descending: boolean;
}

/** What the grid shows: the filter text and the sort, if any. */
export interface RowView {
  readonly filter: string;
  readonly sort?: SortState;
}

const NUMERIC: ReadonlySet<KqlType> = new Set<KqlType>(['int', 'long', 'real', 'decimal']);
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type SortKey = number | bigint | string | null;

function sortKeys(cells: TableCells, col: number): SortKey[] {
  const type = cells.columns[col]!.type;
  const keys: SortKey[] = new Array(cells.rowCount);
  for (let r = 0; r < cells.rowCount; r++) {
    if (NUMERIC.has(type)) {
      const n = cells.number ? cells.number(r, col) : Number(cells.value(r, col) ?? NaN);
      if (Number.isNaN(n)) {
        keys[r] = null;
        continue;
      }
      if (Math.abs(n) <= Number.MAX_SAFE_INTEGER || !Number.isFinite(n)) {
        keys[r] = n;
        continue;
      }
      // Past 2^53 a long's double is shared by its neighbours: its digits give the exact order.
      const v = cells.value(r, col);
      keys[r] = v === null ? null : isLongDigits(v, type) ? BigInt(v) : n;
      continue;
    }
    const text = cells.text(r, col);
    if (cells.value(r, col) === null) {
      keys[r] = null;
    } else if (type === 'datetime') {
      const t = Date.parse(text);
      keys[r] = Number.isNaN(t) ? text : t;
    } else {
      keys[r] = text;
    }
  }
  return keys;
}

export class RowOrder {
  private searchText: string[] | undefined;

  constructor(private readonly cells: TableCells) {}

  /** Row indexes whose text contains `filter` (case-insensitive), sorted as asked; nulls sort last. */
  order(filter: string, sort: SortState | undefined): number[] {
    const n = this.cells.rowCount;
    let idx: number[];
    const needle = filter.trim().toLowerCase();
    if (needle) {
      this.searchText ??= this.buildSearchText();
      idx = [];
      for (let i = 0; i < n; i++) {
        if (this.searchText[i]!.includes(needle)) {
          idx.push(i);
        }
      }
    } else {
      idx = new Array(n);
      for (let i = 0; i < n; i++) {
        idx[i] = i;
      }
    }
    if (sort && this.cells.columns[sort.column]) {
      const keys = sortKeys(this.cells, sort.column);
      const dir = sort.descending ? -1 : 1;
      idx.sort((a, b) => {
        const ka = keys[a]!;
        const kb = keys[b]!;
        if (ka === null || kb === null) {
          return ka === kb ? a - b : ka === null ? 1 : -1;
        }
        const c =
          typeof ka === 'number' && typeof kb === 'number'
            ? ka - kb
            : typeof ka === 'string' || typeof kb === 'string'
              ? collator.compare(String(ka), String(kb))
              : // A BigInt and a number (or two BigInts) compare exactly with < and >, not with -.
                ka < kb
                ? -1
                : ka > kb
                  ? 1
                  : 0;
        return c === 0 ? a - b : c * dir;
      });
    }
    return idx;
  }

  private buildSearchText(): string[] {
    const { rowCount, columns } = this.cells;
    const out: string[] = new Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
      let s = '';
      for (let c = 0; c < columns.length; c++) {
        s += (c ? '\u0000' : '') + this.cells.text(r, c);
      }
      out[r] = s.toLowerCase();
    }
    return out;
  }
}
