/**
 * One query result inside a notebook cell's output: the results panel's virtual grid (sort, filter,
 * copy) and its Vega-Lite chart, switchable, with "Copy CSV"/"Copy JSON" (a renderer cannot save
 * files). Everything the data holds is written as text. The chart is drawn only when first shown.
 */
import { validateQueryResult } from '../../src/protocol/validate';
import { chartPlan, type ChartPlan } from '../../src/render/chartSpec';
import { toCsv, toJsonRecords } from '../../src/render/exportData';
import { rowCells } from '../../src/render/tableCells';
import { savedRowsNote, type NotebookResultPayload } from '../../src/notebook/notebookFile';
import { el } from '../shared/dom';
import { ChartView } from '../results/chart';
import { ResultGrid } from '../results/grid';

const MAX_CHART_POINTS = 20_000;

/** The payload if it has a result's shape, else the reason it was refused. */
export function validatePayload(
  v: unknown,
): { ok: true; value: NotebookResultPayload } | { ok: false; reason: string } {
  const p = v as { result?: unknown; rowsReturned?: unknown } | null;
  if (!p || typeof p !== 'object' || typeof p.rowsReturned !== 'number') {
    return { ok: false, reason: 'the output has no rowsReturned' };
  }
  const result = validateQueryResult(p.result);
  return result.ok ? { ok: true, value: { result: result.value, rowsReturned: p.rowsReturned } } : result;
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
  private readonly chart: ChartView;
  private plan: ChartPlan | undefined;
  private chartDrawn = false;

  constructor(
    private readonly payload: NotebookResultPayload,
    onRendered?: () => void,
  ) {
    const { result } = payload;
    const table = result.tables[0];
    const gridHost = el('div', 'grid-host');
    const chartHost = el('div', 'chart-host');
    this.chart = new ChartView(chartHost);
    const detail = el('pre', 'detail-text');
    detail.hidden = true;
    this.grid = table
      ? new ResultGrid(rowCells(table), {
          copy: (_what, text) => void navigator.clipboard?.writeText(text),
          expand: (title, text) => {
            detail.textContent = `${title}\n${text}`;
            detail.hidden = false;
          },
          rendered: () => onRendered?.(),
        })
      : undefined;
    gridHost.append(this.grid ? this.grid.element : el('p', 'muted', 'The query returned no table.'));

    this.plan = result.render ? chartPlan(table, result.render, MAX_CHART_POINTS) : undefined;
    const filter = el('input', 'filter');
    filter.placeholder = 'Filter rows';
    filter.addEventListener('input', () => this.grid?.setFilter(filter.value));
    const gridButton = button('Grid', 'Show the rows', () => this.show('grid'));
    const chartButton = button('Chart', 'Show the chart', () => this.show('chart'));
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
    const rows = `${payload.rowsReturned.toLocaleString('en-US')} row${payload.rowsReturned === 1 ? '' : 's'}`;
    const notes = [
      savedRowsNote(payload),
      result.stats.truncated ? 'Rows past the row limit were dropped.' : undefined,
      ...result.warnings,
    ].filter((n): n is string => !!n);
    const status = el('div', 'status muted', `${rows} · ${Math.round(result.stats.durationMs)} ms`);
    this.element.append(toolbar, status, ...notes.map((n) => el('div', 'warning', n)), gridHost, chartHost, detail);
    this.element.dataset.view = 'grid';
    this.show(this.plan?.kind === 'chart' ? 'chart' : 'grid');
  }

  show(view: 'grid' | 'chart'): void {
    this.element.dataset.view = view;
    if (view === 'grid') {
      this.grid?.paint();
      return;
    }
    this.plan ??= chartPlan(this.payload.result.tables[0], undefined, MAX_CHART_POINTS);
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

  dispose(): void {
    this.chart.finalize();
  }
}
