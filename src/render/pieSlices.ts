/**
 * A pie's slices, at most PIE_SLICES of them: past that the largest keep a slice of their own and the
 * rest share one "Other (n slices)" slice, as the Azure portal's pies do. A pie of 120 slices showed a
 * legend cut at 29 entries ("…91 entries") and slices of sub-pixel width in 120 hues no eye tells
 * apart; now every slice drawn has a legend entry, and the Other slice's tooltip names the slices it
 * holds (the Results tab lists them all). Each slice carries its tooltip as an object of text fields
 * (chartTooltip.ts escapes them): the name cut to a readable length, the value, its share of the pie.
 */

/** At most this many slices are drawn, the last of them "Other" when there were more. */
export const PIE_SLICES = 20;
/** The Other slice's tooltip names at most this many of its slices. */
export const OTHER_NAMES = 120;
/** A slice's name is cut past this many characters in a tooltip (a 2,000-character name is a wall). */
const TIP_NAME_CHARS = 200;
/** Each name the Other slice's tooltip lists is cut past this many. */
const MEMBER_NAME_CHARS = 40;

/** A pie's row before grouping: the slice's name (x), its legend series, and its value. */
export interface PieRow {
  readonly x: string;
  readonly series: string;
  readonly y: number | null;
}

/** A row as drawn: `tip` is its tooltip, one row of text a field. */
export interface PieSlice extends PieRow {
  readonly tip: Record<string, string>;
}

export interface PieSlices {
  readonly rows: readonly PieSlice[];
  /** The name of the Other slice, when there is one (its colour is grey). */
  readonly other?: string;
  /** The slices drawn, in the legend's order (distinct names). */
  readonly names: readonly string[];
}

/** What a value adds to the pie: a slice is never less than nothing (null, negative, infinite: 0). */
function drawnSize(y: number | null): number {
  return y !== null && Number.isFinite(y) && y > 0 ? y : 0;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Groups `rows` (slices in the query's order; a name may repeat, its values then add up) into at most
 * `limit` slices. `category` and `value` title the tooltip's fields (the query's column names).
 */
export function pieSlices(rows: readonly PieRow[], category: string, value: string, limit = PIE_SLICES): PieSlices {
  const sums = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const y = drawnSize(r.y);
    sums.set(r.x, (sums.get(r.x) ?? 0) + y);
    total += y;
  }
  const share = (y: number | null): string => (total > 0 ? `${((drawnSize(y) / total) * 100).toFixed(1)}%` : '–');
  const number = (y: number | null): string => (y === null ? 'null' : y.toLocaleString('en-US'));
  // The value and share fields are titled by the query's column; a category column of the same name
  // must not overwrite its own field: the later titles give way.
  const valueTitle = value === category ? `${value} (value)` : value;
  const shareTitle = [category, valueTitle].includes('Share') ? 'Share of the pie' : 'Share';
  const tipOf = (name: string, y: number | null): Record<string, string> => ({
    [category]: cut(name, TIP_NAME_CHARS),
    [valueTitle]: number(y),
    [shareTitle]: share(y),
  });
  if (sums.size <= limit) {
    return {
      rows: rows.map((r) => ({ ...r, tip: tipOf(r.x, r.y) })),
      names: [...sums.keys()],
    };
  }
  // The largest keep their slice (ties: the query's order); the drawn slices stay in the query's order.
  const ranked = [...sums.keys()].map((name, i) => ({ name, i, y: sums.get(name)! }));
  ranked.sort((a, b) => b.y - a.y || a.i - b.i);
  const kept = new Set(ranked.slice(0, limit - 1).map((r) => r.name));
  const grouped = ranked.slice(limit - 1);
  let other = `Other (${grouped.length.toLocaleString('en-US')} slices)`;
  // A slice of the query may bear that very name: the group's is told apart.
  while (sums.has(other)) {
    other = `${other} `;
  }
  const otherY = grouped.reduce((sum, r) => sum + r.y, 0);
  const listed = grouped.slice(0, OTHER_NAMES).map((r) => cut(r.name, MEMBER_NAME_CHARS));
  const more = grouped.length - listed.length;
  const tip = {
    [category]: other,
    [valueTitle]: number(otherY),
    [shareTitle]: share(otherY),
    // Largest first: the slices most worth naming come before the cut.
    [[category, valueTitle, shareTitle].includes('Slices') ? 'Slices in it' : 'Slices']:
      listed.join(', ') +
      (more > 0 ? `, … and ${more.toLocaleString('en-US')} more (the Results tab lists every row)` : ''),
  };
  const drawn: PieSlice[] = rows.filter((r) => kept.has(r.x)).map((r) => ({ ...r, tip: tipOf(r.x, r.y) }));
  drawn.push({ x: other, series: other, y: otherY, tip });
  return { rows: drawn, other, names: [...[...sums.keys()].filter((n) => kept.has(n)), other] };
}
