/**
 * The grid's context menu (a right-click, Shift+F10 or the context-menu key): copy the cell, the row or
 * the selected rows, with the column names, or expand the value. Escape, a click elsewhere or an item
 * closes it, and the grid gets the keyboard back.
 */
import { el, menuKeys } from '../shared/dom';

export interface GridMenuActions {
  copyCell(): void;
  copyRows(): void;
  copyWithHeaders(): void;
  copyColumn(): void;
  expand(): void;
  /** The menu closed: the keyboard goes back to the grid. */
  closed(): void;
}

export class GridMenu {
  readonly element: HTMLDivElement;

  constructor(private readonly actions: GridMenuActions) {
    this.element = el('div', 'context-menu');
    this.element.hidden = true;
    this.element.setAttribute('role', 'menu');
    this.element.setAttribute('aria-label', 'Cell');
    menuKeys(this.element);
    document.addEventListener('click', () => (this.element.hidden = true));
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.close();
        e.stopPropagation();
      }
    });
  }

  /** Closes the menu; false when it was not open. */
  close(): boolean {
    if (this.element.hidden) {
      return false;
    }
    this.element.hidden = true;
    this.actions.closed();
    return true;
  }

  /** Opens at `left`, `top` (pixels in the grid), its first item focused; `rows`: how many are selected. */
  open(left: number, top: number, rows: number): void {
    const item = (label: string, run: () => void): HTMLButtonElement => {
      const b = el('button', 'menu-item', label);
      b.setAttribute('role', 'menuitem');
      b.addEventListener('click', () => {
        this.close();
        run();
      });
      return b;
    };
    this.element.replaceChildren(
      item('Copy cell', () => this.actions.copyCell()),
      item(rows > 1 ? `Copy ${rows.toLocaleString('en-US')} rows` : 'Copy row', () => this.actions.copyRows()),
      item('Copy with headers', () => this.actions.copyWithHeaders()),
      item('Copy column', () => this.actions.copyColumn()),
      item('Expand value', () => this.actions.expand()),
    );
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
    this.element.hidden = false;
    (this.element.firstElementChild as HTMLElement | null)?.focus();
  }
}
