/**
 * The grid's row of column headers: each column's name and type, the sort's mark and aria-sort on the
 * sorted one; a click sorts (the keyboard sorts through the grid: Enter or Space on a header).
 */
import { shownText } from '../../src/render/cellText';
import type { SortState } from '../../src/render/rowOrder';
import type { TableCells } from '../../src/render/tableCells';
import { el } from '../shared/dom';

/** Fills `header` afresh for `columns` under `sort`; `onSort(i)` hears a click on column i. */
export function fillHeader(
  header: HTMLElement,
  columns: TableCells['columns'],
  sort: SortState | undefined,
  onSort: (col: number) => void,
): void {
  header.replaceChildren();
  columns.forEach((c, i) => {
    const h = el('div', 'cell head');
    h.setAttribute('role', 'columnheader');
    h.setAttribute('aria-colindex', String(i + 1));
    h.dataset.col = String(i);
    // A column name is data too (a CSV file's header): shown as the cells show theirs.
    const name = shownText(c.name);
    h.title = `${name} (${c.type}) — click (or Enter) to sort`;
    h.append(el('span', 'head-name', name), el('span', 'head-type muted', c.type));
    if (sort?.column === i) {
      h.append(el('span', 'sort-mark', sort.descending ? '▼' : '▲'));
      h.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    }
    h.addEventListener('click', () => onSort(i));
    header.appendChild(h);
  });
}
