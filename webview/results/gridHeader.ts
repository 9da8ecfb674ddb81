/**
 * The grid's row of column headers: each column's name and type, and a sort button showing the sort's
 * mark (aria-sort on the sorted column). A click on a header selects its column, as a spreadsheet's
 * column letter does; a click on its sort button sorts (the keyboard: Space on a header selects, Enter
 * sorts). The title of each says so, since a header that did one thing before now does two.
 */
import { shownText } from '../../src/render/cellText';
import type { SortState } from '../../src/render/rowOrder';
import type { TableCells } from '../../src/render/tableCells';
import { el } from '../shared/dom';

export interface HeaderActions {
  /** A click on the header of column `col`, outside its sort button. */
  select(col: number): void;
  /** A click on the sort button of column `col`. */
  sort(col: number): void;
}

/** Fills `header` afresh for `columns` under `sort`, column `selected` (if any) marked as selected. */
export function fillHeader(
  header: HTMLElement,
  columns: TableCells['columns'],
  sort: SortState | undefined,
  selected: number | undefined,
  actions: HeaderActions,
): void {
  header.replaceChildren();
  columns.forEach((c, i) => {
    const h = el('div', 'cell head');
    h.setAttribute('role', 'columnheader');
    h.setAttribute('aria-colindex', String(i + 1));
    h.dataset.col = String(i);
    // A column name is data too (a CSV file's header): shown as the cells show theirs.
    const name = shownText(c.name);
    h.title = `${name} (${c.type}) — click (or Space) to select the column, Ctrl+C to copy it; click ⇅ (or Enter) to sort`;
    const sorted = sort?.column === i;
    // A mark for every column, not only the sorted one: the place to click to sort is always there.
    const button = el('span', `sort-button${sorted ? ' sorted' : ''}`, sorted ? (sort.descending ? '▼' : '▲') : '⇅');
    button.title = `Sort by ${name} (Enter on the header)`;
    // The header's aria-sort says the state; the mark itself would be read as "up-down arrow".
    button.setAttribute('aria-hidden', 'true');
    button.addEventListener('click', () => actions.sort(i));
    h.append(el('span', 'head-name', name), el('span', 'head-type muted', c.type), button);
    if (sorted) {
      h.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    }
    h.addEventListener('click', (e) => {
      // The sort button's click sorts only (it still reaches the page, which closes an open menu).
      if (!(e.target as Element | null)?.closest('.sort-button')) {
        actions.select(i);
      }
    });
    header.appendChild(h);
  });
  markSelectedColumn(header, selected);
}

/** Marks the header of column `selected` (none when undefined) as selected, for the eye and for screen readers. */
export function markSelectedColumn(header: HTMLElement, selected: number | undefined): void {
  const heads = header.children;
  for (let i = 0; i < heads.length; i++) {
    heads[i]!.classList.toggle('col-selected', i === selected);
    heads[i]!.setAttribute('aria-selected', String(i === selected));
  }
}
