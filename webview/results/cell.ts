/**
 * Fills one grid cell. Values are untrusted data, so they only ever reach the DOM as text: a value like
 * `<img src=x onerror=…>` shows as those characters, and a bidirectional control as `[U+202E]`. The element type is the smallest part of the DOM
 * this needs, so the function is tested in plain Node.
 */

import { cellText, leadingChars, shownText } from '../../src/render/cellText';
import type { WireValue } from '../../src/results/queryResult';
import type { KqlType } from '../../src/schema/types';

export interface CellElement {
  textContent: string | null;
  title: string;
  className: string;
}

const NUMERIC: ReadonlySet<KqlType> = new Set<KqlType>(['int', 'long', 'real', 'decimal']);
/** Tooltips past this length are cut; the expand view shows the whole value. */
const MAX_TITLE = 2000;
/**
 * A cell shows at most this many characters (a column is 480 px wide at most): Chromium lays out all of
 * a cell's text, and a 5 MB value held the panel for 29 s each time its cell was drawn or clicked. Copy
 * and the expand view read the value, not the cell.
 */
const MAX_CELL_CHARS = 10_000;

/** `text` is the value's cell text (cellText), passed in when the caller already has it. */
export function renderCell(
  cell: CellElement,
  value: WireValue | undefined,
  text: string | undefined,
  type: KqlType,
  selected: boolean,
): void {
  text = shownText(text ?? cellText(value));
  const isNull = value === null || value === undefined;
  cell.textContent = leadingChars(text, MAX_CELL_CHARS);
  // A null and an empty string both show as an empty cell (as in Log Analytics); hovering tells them apart.
  cell.title = isNull ? 'null' : text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE)}…` : text;
  let cls = 'cell';
  if (isNull) {
    cls += ' null';
  } else if (NUMERIC.has(type)) {
    cls += ' num';
  } else if (type === 'dynamic' || typeof value === 'object') {
    cls += ' dyn';
  }
  if (text.includes('\n')) {
    // Only the first line fits the row: a mark says there are more (the tooltip and Enter show them).
    cls += ' multiline';
  }
  if (selected) {
    cls += ' selected';
  }
  cell.className = cls;
}
