/**
 * One table of a query result inside a notebook cell's output: the results panel's virtual grid (sort,
 * filter, copy) and its Vega-Lite chart, switchable, with "Copy CSV"/"Copy JSON" (a renderer cannot
 * save files). Everything the data holds is written as text. The chart is drawn only when first shown.
 */

import { type NotebookResultPayload, payloadCountsProblem, savedRowsNote } from '../../src/notebook/notebookFile';
import { outputStatusText } from '../../src/notebook/resultPayload';
import { validateQueryResult } from '../../src/protocol/validate';
import { type ChartPlan, chartPlan, noChartNote } from '../../src/render/chartSpec';
import { toCsv, toJsonRecords } from '../../src/render/exportData';
import { rowCells } from '../../src/render/tableCells';
import { ChartView } from '../results/chart';
import { ResultGrid } from '../results/grid';
import { el } from '../shared/dom';

const MAX_CHART_POINTS = 20_000;

/** The payload if it has a result's shape, else the reason it was refused. */
export function validatePayload(
  v: unknown,
): { ok: true; value: NotebookResultPayload } | { ok: false; reason: string } {
  const p = v as Partial<NotebookResultPayload> | null;
  if (!p || typeof p !== 'object' || typeof p.rowsReturned !== 'number') {
    return { ok: false, reason: 'the output has no rowsReturned' };
  }
  const result = validateQueryResult(p.result);
  if (!result.ok) {
    return result;
  }
  const problem = payloadCountsProblem(p, result.value.tables.length);
  if (problem) {
    return { ok: false, reason: problem };
  }
  const { rowsReturned, tableRowsReturned } = p;
  return {
    ok: true,
    value: { result: result.value, rowsReturned, ...(tableRowsReturned ? { tableRowsReturned } : {}) },
  };
}

/** Which table of the result an output shows, and what it shows besides. */
export interface TableOutputOptions {
  /** The table's position in the result. */
  readonly index: number;
  /** Whether the result's own notes (truncation, warnings) show here: false when shown above all tables. */
  readonly resultNotes: boolean;
  /** Whether it opens on the chart when the query's `render` gives one (the results panel's first table). */
  readonly opensOnChart: boolean;
  readonly onRendered?: () => void;
}

/** What is said of the whole result: rows dropped at the row limit, and the backend's warnings. */
export function resultNotes(payload: NotebookResultPayload): string[] {
  const { result } = payload;
  return [...(result.stats.truncated ? ['Rows past the row limit were dropped.'] : []), ...result.warnings];
}

function button(label: string, title: string, run: () => void): HTMLButtonElement {
  const b = el('button', 'tool', label);
  b.title = title;
  b.addEventListener('click', run);
  return b;
}

export class ResultOutput {
  readonly element = el('div', 'kql-output');
  readonly grid: ResultGrid | undefined;
  private readonly gridHost = el('div', 'grid-host');
  private readonly chart: ChartView;
  private plan: ChartPlan | undefined;
  private chartDrawn = false;
  /** Grid and Chart: which one shows is said by aria-pressed, not only by the button's colour. */
  private readonly viewButtons: Record<'grid' | 'chart', HTMLButtonElement>;

  constructor(
    private readonly payload: NotebookResultPayload,
    private readonly options: TableOutputOptions,
  ) {
    const { result } = payload;
    const { index, onRendered } = options;
    const table = result.tables[index];
    const gridHost = this.gridHost;
    const chartHost = el('div', 'chart-host');
    this.chart = new ChartView(chartHost);
    const detail = el('pre', 'detail-text');
    detail.hidden = true;
    this.grid = table
      ? new ResultGrid(
          rowCells(table),
          {
            copy: (copy) => void navigator.clipboard?.writeText(copy.text),
            expand: (title, text) => {
              detail.textContent = `${title}\n${text}`;
              detail.hidden = false;
            },
            rendered: () => onRendered?.(),
          },
          // A result of several tables names each grid after its table, as its heading does.
          result.tables.length > 1 ? table.name : 'Results',
        )
      : undefined;
    gridHost.append(this.grid ? this.grid.element : el('p', 'muted', 'The query returned no table.'));

    this.plan = result.render ? chartPlan(table, result.render, MAX_CHART_POINTS) : undefined;
    const filter = el('input', 'filter');
    filter.placeholder = 'Filter rows';
    filter.setAttribute('aria-label', 'Filter rows');
    filter.addEventListener('input', () => this.grid?.setFilter(filter.value));
    const gridButton = button('Grid', 'Show the rows', () => this.show('grid'));
    const chartButton = button('Chart', 'Show the chart', () => this.show('chart'));
    this.viewButtons = { grid: gridButton, chart: chartButton };
    const toolbar = el('div', 'toolbar');
    toolbar.append(
      gridButton,
      chartButton,
      filter,
      button('Copy CSV', 'Copy the rows as CSV', () => table && void navigator.clipboard?.writeText(toCsv(table))),
      button(
        'Copy JSON',
        'Copy the rows as JSON records',
        () => table && void navigator.clipboard?.writeText(toJsonRecords(table)),
      ),
    );
    const notes = [
      savedRowsNote(payload, index),
      ...(options.resultNotes ? resultNotes(payload) : []),
      noChartNote(result.render, this.plan),
    ].filter((n): n is string => !!n);
    const status = el('div', 'status muted', outputStatusText(payload, index));
    this.element.append(toolbar, status, ...notes.map((n) => el('div', 'warning', n)), gridHost, chartHost, detail);
    this.element.dataset.view = 'grid';
    this.show(options.opensOnChart && this.plan?.kind === 'chart' ? 'chart' : 'grid');
  }

  show(view: 'grid' | 'chart'): void {
    this.element.dataset.view = view;
    this.viewButtons.grid.setAttribute('aria-pressed', String(view === 'grid'));
    this.viewButtons.chart.setAttribute('aria-pressed', String(view === 'chart'));
    if (view === 'grid') {
      this.fitGrid();
      this.grid?.paint();
      return;
    }
    this.plan ??= chartPlan(this.payload.result.tables[this.options.index], undefined, MAX_CHART_POINTS);
    const host = this.element.querySelector('.chart-host')!;
    if (this.plan.kind !== 'chart') {
      host.replaceChildren(
        el('p', 'muted', this.plan.kind === 'none' ? this.plan.reason : 'This result is a table; it has no chart.'),
      );
      return;
    }
    if (!this.chartDrawn) {
      this.chartDrawn = true;
      this.chart
        .draw(this.plan.spec)
        .catch((e: unknown) =>
          host.replaceChildren(
            el('p', 'error-text', `The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`),
          ),
        );
    }
  }

  /**
   * A few rows take only their own height, not the grid's full 320 px (its cap, in notebook.css): a
   * one-row result left an empty area as tall as a dozen rows under it. Sized once, as drawn: a filter
   * typed later does not make the cell jump. Nothing happens while the grid is not laid out.
   */
  fitGrid(): void {
    const height = this.grid?.fullHeightPx();
    if (height !== undefined) {
      this.gridHost.style.height = `${height}px`;
    }
  }

  dispose(): void {
    this.chart.finalize();
  }
}
