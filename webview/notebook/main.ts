/**
 * The notebook output renderer for `application/vnd.kql.result+json` (its own bundle, an ES module as
 * VS Code loads renderers). Each output lives in a shadow root with the results panel's styles, so
 * neither side's CSS leaks into the other. The payload is validated before anything is drawn.
 */
import resultsCss from '../results/results.css';
import { el } from '../shared/dom';
import notebookCss from './notebook.css';
import { validatePayload } from './resultOutput';
import { ResultTables } from './resultTables';

interface OutputItem {
  readonly id: string;
  readonly mime: string;
  json(): unknown;
}

const outputs = new Map<string, ResultTables>();

export function activate(): {
  renderOutputItem(item: OutputItem, element: HTMLElement): void;
  disposeOutputItem(id?: string): void;
} {
  return {
    renderOutputItem(item, element) {
      outputs.get(item.id)?.dispose();
      const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = resultsCss + notebookCss;
      let payload: unknown;
      try {
        payload = item.json();
      } catch (e) {
        payload = undefined;
      }
      const checked = validatePayload(payload);
      if (!checked.ok) {
        root.replaceChildren(style, el('p', 'error-text', `This output is not a query result: ${checked.reason}.`));
        return;
      }
      let painted = false;
      const view = new ResultTables(checked.value, () => {
        if (!painted) {
          painted = true;
          // The benchmark times first paint with this mark, as it does the results panel's.
          performance.mark('kql-notebook-grid-painted');
        }
      });
      outputs.set(item.id, view);
      root.replaceChildren(style, view.element);
      view.paint();
    },
    disposeOutputItem(id) {
      for (const [key, view] of outputs) {
        if (id === undefined || key === id) {
          view.dispose();
          outputs.delete(key);
        }
      }
    },
  };
}
