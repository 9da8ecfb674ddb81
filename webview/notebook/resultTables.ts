/**
 * Every table of a query result in one notebook cell output. One table is drawn as it always was.
 * Several (fork, facet, evaluate preview, a batch of statements) are drawn one under another, each
 * under a heading with its name and row count as the results panel lists them, with the result's own
 * notes once above them. The query's `render` applies to whichever table's Chart is opened, as in the
 * panel, and only the first table opens on its chart, as the panel opens on the first table.
 */
import type { NotebookResultPayload } from '../../src/notebook/notebookFile';
import { rowsReturnedOf } from '../../src/notebook/notebookFile';
import { el } from '../shared/dom';
import { ResultOutput, resultNotes } from './resultOutput';

export class ResultTables {
  readonly element: HTMLElement;
  private readonly outputs: ResultOutput[];

  constructor(payload: NotebookResultPayload, onRendered?: () => void) {
    const { tables } = payload.result;
    if (tables.length < 2) {
      const only = new ResultOutput(payload, { index: 0, resultNotes: true, opensOnChart: true, onRendered });
      this.outputs = [only];
      this.element = only.element;
      return;
    }
    this.outputs = tables.map(
      (_, index) => new ResultOutput(payload, { index, resultNotes: false, opensOnChart: index === 0, onRendered }),
    );
    this.element = el('div', 'kql-tables');
    this.element.append(...resultNotes(payload).map((n) => el('div', 'warning', n)));
    this.outputs.forEach((output, index) => {
      const section = el('section', 'kql-table');
      const heading = el('h3', 'table-heading');
      const returned = rowsReturnedOf(payload, index);
      // Table names come from the query (`as`, fork's name=): text, never markup.
      heading.append(
        el('span', 'table-name', tables[index]!.name),
        el('span', 'muted', ` (${returned.toLocaleString('en-US')} ${returned === 1 ? 'row' : 'rows'})`),
      );
      section.append(heading, output.element);
      this.element.append(section);
    });
  }

  /** Paints the grids once the element is in the page (a grid measures its viewport). */
  paint(): void {
    for (const output of this.outputs) {
      output.fitGrid();
      output.grid?.paint();
    }
  }

  dispose(): void {
    for (const output of this.outputs) {
      output.dispose();
    }
  }
}
