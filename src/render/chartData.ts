/**
 * The render operator's data model (x column, series columns, y columns) applied to a result table:
 * which column plays which role, and the long-form rows `{x, series, y}` a Vega-Lite spec draws.
 * Kusto's docs: "for each record, the combined values of the series columns define a single series,
 * and the series has as many measurements as there are y-axis columns".
 */
import type { RenderInfo, ResultColumn, ResultTable, WireValue } from '../results/queryResult';
import type { KqlType } from '../schema/types';

export const NUMERIC_TYPES: ReadonlySet<KqlType> = new Set<KqlType>(['int', 'long', 'real', 'decimal']);
/** Columns Kusto treats as series when no `series` property names them. */
const SERIES_TYPES: ReadonlySet<KqlType> = new Set<KqlType>(['string', 'bool', 'guid']);

export interface IndexedColumn extends ResultColumn {
  readonly index: number;
}

export interface ColumnRoles {
  readonly x: IndexedColumn;
  readonly ys: readonly IndexedColumn[];
  readonly series: readonly IndexedColumn[];
}

export interface ChartRow {
  readonly x: string | number | null;
  readonly series: string;
  readonly y: number | null;
  /** A value whose neighbours in its series are null or absent: a line draws nothing for it. */
  readonly lone?: true;
}

export interface ChartData {
  readonly rows: ChartRow[];
  /** Source records drawn, and how many the result had (more when capped). */
  readonly recordsDrawn: number;
  readonly recordsTotal: number;
}

function indexed(table: ResultTable): IndexedColumn[] {
  return table.columns.map((c, index) => ({ ...c, index }));
}

function byName(cols: readonly IndexedColumn[], name: string): IndexedColumn | undefined {
  return cols.find((c) => c.name === name) ?? cols.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

export type RolesOrProblem = { readonly roles: ColumnRoles } | { readonly problem: string };

/**
 * Picks x, y and series columns: the query's properties first, then Kusto's guesses — the first
 * datetime column for a time chart (else the first column), numeric columns as y, string columns as series.
 */
export function columnRoles(table: ResultTable, render: RenderInfo, preferDatetimeX: boolean): RolesOrProblem {
  const cols = indexed(table);
  const named = (names: readonly string[] | undefined, what: string): IndexedColumn[] | string => {
    const found: IndexedColumn[] = [];
    for (const n of names ?? []) {
      const c = byName(cols, n);
      if (!c) {
        return `The ${what} column "${n}" is not in the result.`;
      }
      found.push(c);
    }
    return found;
  };

  let x: IndexedColumn | undefined;
  if (render.xcolumn) {
    x = byName(cols, render.xcolumn);
    if (!x) {
      return { problem: `The xcolumn "${render.xcolumn}" is not in the result.` };
    }
  } else {
    x = (preferDatetimeX ? cols.find((c) => c.type === 'datetime') : undefined) ?? cols[0];
  }
  if (!x) {
    return { problem: 'The result has no columns.' };
  }
  const xIndex = x.index;

  const namedSeries = named(render.series, 'series');
  if (typeof namedSeries === 'string') {
    return { problem: namedSeries };
  }
  const series = render.series?.length
    ? namedSeries
    : cols.filter((c) => c.index !== xIndex && SERIES_TYPES.has(c.type));

  const namedYs = named(render.ycolumns, 'y');
  if (typeof namedYs === 'string') {
    return { problem: namedYs };
  }
  const seriesIdx = new Set(series.map((s) => s.index));
  const ys = render.ycolumns?.length
    ? namedYs
    : cols.filter((c) => c.index !== xIndex && !seriesIdx.has(c.index) && NUMERIC_TYPES.has(c.type));
  if (ys.length === 0) {
    return { problem: 'The result has no numeric column to draw.' };
  }
  return { roles: { x, ys, series } };
}

export function toNumber(v: WireValue): number | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : null;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    // Log Analytics sends decimals (and sometimes longs) as strings.
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  return null;
}

function xValue(v: WireValue, type: KqlType): string | number | null {
  if (v === null) {
    return null;
  }
  if (NUMERIC_TYPES.has(type)) {
    return toNumber(v);
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function seriesPart(v: WireValue | undefined): string {
  if (v === null || v === undefined) {
    return '(null)';
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Folds the table into long form, one row per (record, y column). At most `maxPoints` rows are made;
 * records past that are dropped whole, so every series stays complete up to the same record.
 */
export function chartRows(table: ResultTable, roles: ColumnRoles, maxPoints: number, accumulate = false): ChartData {
  const perRecord = roles.ys.length;
  const recordsTotal = table.rows.length;
  const recordsDrawn = Math.min(recordsTotal, Math.max(1, Math.floor(maxPoints / perRecord)));
  const rows: ChartRow[] = [];
  const running = new Map<string, number>();
  for (let r = 0; r < recordsDrawn; r++) {
    const record = table.rows[r]!;
    const x = xValue(record[roles.x.index] ?? null, roles.x.type);
    const base = roles.series.map((s) => seriesPart(record[s.index])).join(', ');
    for (const yc of roles.ys) {
      let series: string;
      if (base === '') {
        series = yc.name;
      } else {
        series = perRecord > 1 ? `${base}:${yc.name}` : base;
      }
      let y = toNumber(record[yc.index] ?? null);
      if (accumulate && y !== null) {
        y += running.get(series) ?? 0;
        running.set(series, y);
      }
      rows.push({ x, series, y });
    }
  }
  return { rows, recordsDrawn, recordsTotal };
}

/** An x as a line orders it: numbers as they are, datetimes by their time, other text as text. */
function xOrder(x: string | number): number | string {
  if (typeof x === 'number') return x;
  const t = Date.parse(x);
  return Number.isNaN(t) ? x : t;
}

/**
 * The indexes of `rows` that a line cannot show: a value whose previous and next values in its series (in
 * x order) are null or absent. Vega-Lite breaks a line at a null, so such a value, between two gaps, drew
 * nothing at all. A series of one value is lone too.
 */
export function lonePoints(rows: readonly ChartRow[]): Set<number> {
  const bySeries = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.x === null) return;
    let list = bySeries.get(r.series);
    if (!list) bySeries.set(r.series, (list = []));
    list.push(i);
  });
  const lone = new Set<number>();
  for (const list of bySeries.values()) {
    const keys = new Map(list.map((i) => [i, xOrder(rows[i]!.x!)]));
    list.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    list.forEach((i, k) => {
      const before = k > 0 ? rows[list[k - 1]!]!.y : null;
      const after = k + 1 < list.length ? rows[list[k + 1]!]!.y : null;
      if (rows[i]!.y !== null && before === null && after === null) lone.add(i);
    });
  }
  return lone;
}
