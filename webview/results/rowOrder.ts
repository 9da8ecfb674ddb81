/**
 * The grid's row order: filter by text, then sort by one column. Works on an index array so the
 * result's rows are never copied, which keeps 100k-row results cheap.
 */
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { cellText } from '../../src/render/cellText';
import type { KqlType } from '../../src/schema/types';

export interface SortState {
  readonly column: number;
  readonly descending: boolean;
}

const NUMERIC: ReadonlySet<KqlType> = new Set<KqlType>(['int', 'long', 'real', 'decimal']);
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortKey(v: WireValue | undefined, type: KqlType): number | string | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (NUMERIC.has(type)) {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isNaN(n) ? null : n;
  }
  if (type === 'datetime' && typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : t;
  }
  return cellText(v);
}

export class RowOrder {
  private searchText: string[] | undefined;

  constructor(private readonly table: ResultTable) {}

  /** Row indexes whose text contains `filter` (case-insensitive), sorted as asked; nulls sort last. */
  order(filter: string, sort: SortState | undefined): number[] {
    const rows = this.table.rows;
    let idx: number[];
    const needle = filter.trim().toLowerCase();
    if (needle) {
      this.searchText ??= rows.map((r) => r.map((v) => cellText(v)).join('\u0000').toLowerCase());
      idx = [];
      for (let i = 0; i < rows.length; i++) {
        if (this.searchText[i]!.includes(needle)) {
          idx.push(i);
        }
      }
    } else {
      idx = rows.map((_, i) => i);
    }
    if (sort) {
      const col = this.table.columns[sort.column];
      if (col) {
        const keys = rows.map((r) => sortKey(r[sort.column], col.type));
        const dir = sort.descending ? -1 : 1;
        idx.sort((a, b) => {
          const ka = keys[a]!;
          const kb = keys[b]!;
          if (ka === null || kb === null) {
            return ka === kb ? a - b : ka === null ? 1 : -1;
          }
          const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
          return c === 0 ? a - b : c * dir;
        });
      }
    }
    return idx;
  }
}
