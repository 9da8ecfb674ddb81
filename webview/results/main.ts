/**
 * The results panel's webview: Results (virtual grid), Chart (Vega-Lite) and Errors tabs. It only
 * acts on host messages that pass the shared protocol's validator, and keeps just enough in its state
 * (document, query, tab) for the panel serializer to restore it after a reload.
 */
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { ColumnarCells } from '../../src/protocol/columnar';
import type {
  HostMessage,
  QueryOrigin,
  ResultsPanelState,
  ShowErrorMessage,
  ShowResultMessage,
} from '../../src/protocol/messages';
import { unshownOutcome } from '../../src/protocol/unshownOutcome';
import { validateHostMessage, validatePanelState } from '../../src/protocol/validate';
import { type ChartPlan, chartPlan, noChartNote } from '../../src/render/chartSpec';
import { tableOf } from '../../src/render/tableCells';
import { PARTIAL_ANSWER_NOTE } from '../../src/render/runSummary';
import { truncationNote } from '../../src/render/truncationNote';
import { el, injectStyle, menuKeys, onThemeChange } from '../shared/dom';
import themeCss from '../shared/theme.css';
import { vscodeApi } from '../shared/vscodeApi';
import { ChartView } from './chart';
import { ResultGrid } from './grid';
import resultsCss from './results.css';
import { RunBatch } from './runBatch';

type Tab = 'results' | 'chart' | 'errors';
const TABS: readonly Tab[] = ['results', 'chart', 'errors'];

const api = vscodeApi();
let state: ResultsPanelState | undefined = validatePanelState(api.getState());

injectStyle(themeCss + resultsCss);
const app = document.getElementById('app') ?? document.body.appendChild(el('div'));
app.id = 'app';

// Layout: a status line (with, after "Run all", a list of every query's outcome), then the tabs.
const status = el('div', 'status muted');
// A live region: a screen reader hears "49 rows · …" or the error's heading when a run ends, without
// leaving the grid. The line is cut with an ellipsis in a narrow panel; its tooltip holds all of it.
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
function setStatus(text: string): void {
  status.textContent = text;
  status.title = text;
}
const batchPicker = document.createElement('select');
batchPicker.className = 'batch-picker';
batchPicker.title = 'The outcome of each query of the last Run all';
batchPicker.setAttribute('aria-label', 'Query of the last Run all to show');
batchPicker.hidden = true;
const runBatch = new RunBatch();
// A query with several result tables (a batch, fork, facet, evaluate preview): which one the grid shows.
const tablePicker = document.createElement('select');
tablePicker.className = 'table-picker';
tablePicker.title = "The query's result tables";
tablePicker.setAttribute('aria-label', 'Result table to show');
tablePicker.hidden = true;
let tableIndex = 0;
const tabs = document.createElement('vscode-tabs');
tabs.setAttribute('panel', '');
const headers = TABS.map((t) => {
  const h = document.createElement('vscode-tab-header');
  h.slot = 'header';
  h.textContent = t === 'results' ? 'Results' : t === 'chart' ? 'Chart' : 'Errors';
  return h;
});
const panels = TABS.map((t) => {
  const p = document.createElement('vscode-tab-panel');
  p.className = `panel panel-${t}`;
  return p;
});
tabs.append(...headers, ...panels);
const header = el('div', 'header');
header.append(status, tablePicker, batchPicker);
app.append(header, tabs);

function button(label: string, title: string, run: () => void): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('secondary', '');
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', run);
  return b;
}

// Results tab: toolbar, warnings, grid, detail pane.
const filterBox = document.createElement('vscode-textfield');
filterBox.setAttribute('placeholder', 'Filter rows');
filterBox.setAttribute('aria-label', 'Filter rows');
filterBox.className = 'filter';
const resultsToolbar = el('div', 'toolbar');
const warnings = el('div', 'warnings');
const gridHost = el('div', 'grid-host');
const detail = el('div', 'detail');
detail.hidden = true;
const detailTitle = el('div', 'detail-title');
const detailText = el('pre', 'detail-text');
/** Closes the value view; focus goes back to the grid it was opened from, never to the page. */
function closeDetail(): void {
  detail.hidden = true;
  grid?.focus();
}
detail.append(detailTitle, button('Close', 'Close the value view (Escape)', closeDetail), detailText);
let grid: ResultGrid | undefined;
const exportAllButton = button(
  'Export all rows…',
  'Save every row of the result, in its own order, ignoring the filter and sort',
  () => exportAll(),
);
resultsToolbar.append(
  filterBox,
  button('Copy cell', 'Copy the selected cell (Ctrl+C)', () => grid?.copyCell()),
  button('Copy row', 'Copy the selected row, or the selected rows (Ctrl+Shift+C)', () => grid?.copyRows()),
  button('Export CSV', 'Save the rows shown (filtered and sorted as in the grid) as CSV', () =>
    exportData('csv', true),
  ),
  button('Export JSON', 'Save the rows shown (filtered and sorted as in the grid) as JSON', () =>
    exportData('json', true),
  ),
  exportAllButton,
);
// The query asked for a chart this result cannot draw: said where the user is, above the grid (the
// reason also sits on the Chart tab, which the panel does not open then).
const chartMissing = el('div', 'warning chart-missing');
chartMissing.setAttribute('role', 'status');
chartMissing.hidden = true;
panels[0]!.append(resultsToolbar, warnings, chartMissing, gridHost, detail);
let filterTimer: ReturnType<typeof setTimeout> | undefined;
filterBox.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    grid?.setFilter((filterBox as unknown as { value: string }).value);
    showStatus();
  }, 150);
});

// Chart tab.
const chartToolbar = el('div', 'toolbar');
const chartNote = el('div', 'chart-note muted');
const chartHost = el('div', 'chart-host');
const chart = new ChartView(chartHost);
let plan: ChartPlan | undefined;
let chartDrawn = false;
chartToolbar.append(
  chartNote,
  button('Export PNG', 'Save the chart as PNG', () => void exportImage('png')),
  button('Export SVG', 'Save the chart as SVG', () => void exportImage('svg')),
  button(
    'Copy spec',
    'Copy the Vega-Lite spec',
    () =>
      plan?.kind === 'chart' &&
      api.postMessage({ type: 'copy', what: 'spec', text: JSON.stringify(plan.spec, null, 2) }),
  ),
  button(
    'Open spec',
    'Open the Vega-Lite spec in an editor',
    () => plan?.kind === 'chart' && api.postMessage({ type: 'openSpec', spec: JSON.stringify(plan.spec, null, 2) }),
  ),
);
panels[1]!.append(chartToolbar, chartHost);

// Errors tab.
const errorBox = el('div', 'error-box');
errorBox.append(el('p', 'muted', 'No errors.'));
panels[2]!.append(errorBox);

let current: ShowResultMessage | undefined;
/** "3 rows selected", or a range copy's progress; empty for a single cell. */
let selectionNote = '';
let cells: ColumnarCells | undefined;

/** Exports the rows the grid shows (`shown`) or every row of the result. */
function exportData(format: 'csv' | 'json', shown: boolean): void {
  const batchIndex = current?.batch?.index;
  const view = shown && grid ? { view: grid.rowView } : {};
  api.postMessage({
    type: 'exportData',
    format,
    tableIndex,
    ...(batchIndex !== undefined ? { batchIndex } : {}),
    ...view,
  });
}

/** "Export all rows…": the format is asked for in a small menu, so the toolbar stays short. */
function exportAll(): void {
  const menu = el('div', 'context-menu export-menu');
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', 'Export all rows');
  menuKeys(menu);
  let open = true;
  /** `refocus`: a choice or Escape hands focus back to the button (removing the focused menu would drop it). */
  const close = (refocus: boolean): void => {
    // Removing the focused menu fires its focusout again: close once.
    if (open) {
      open = false;
      menu.remove();
      if (refocus) {
        exportAllButton.focus();
      }
    }
  };
  for (const format of ['csv', 'json'] as const) {
    const b = el(
      'button',
      'menu-item',
      `All ${cells?.rowCount.toLocaleString('en-US') ?? ''} rows as ${format.toUpperCase()}`,
    );
    b.setAttribute('role', 'menuitem');
    b.addEventListener('click', () => {
      exportData(format, false);
      close(true);
    });
    menu.append(b);
  }
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      // The document's Escape handler would also close the value view under the menu.
      e.stopPropagation();
      close(true);
    }
  });
  menu.addEventListener('focusout', (e) => !menu.contains(e.relatedTarget as Node | null) && close(false));
  // Under the button that opened it (the toolbar wraps in a narrow panel, so the button moves).
  menu.style.left = `${exportAllButton.offsetLeft}px`;
  menu.style.top = `${exportAllButton.offsetTop + exportAllButton.offsetHeight}px`;
  resultsToolbar.append(menu);
  // The menu itself takes the focus, ArrowDown the first item: opened by Enter, a focused item would
  // receive that same key press and export at once (a button acts on Enter's keypress, sent to the
  // element focused after keydown).
  menu.tabIndex = -1;
  menu.focus();
}

// Escape closes what is open on top of the grid: its context menu first, then the value detail.
document.addEventListener('keydown', (e) => {
  // The grid answered it (it cleared a selected column): one Escape, one thing closed.
  if (e.key !== 'Escape' || e.defaultPrevented) {
    return;
  }
  if (grid?.closeMenu()) {
    e.preventDefault();
  } else if (!detail.hidden) {
    closeDetail();
    e.preventDefault();
  }
});

/** Lists the batch's outcomes so far (hidden outside a batch), with `selected` chosen. */
function refreshBatchPicker(selected: number | undefined): void {
  const entries = runBatch.entries();
  batchPicker.hidden = entries.length === 0;
  batchPicker.replaceChildren(
    ...entries.map((e) => {
      const option = document.createElement('option');
      option.value = String(e.index);
      // Labels quote the user's query: text, never markup.
      option.textContent = e.label;
      option.selected = e.index === selected;
      return option;
    }),
  );
}

batchPicker.addEventListener('change', () => {
  const outcome = runBatch.get(Number(batchPicker.value));
  if (outcome?.type === 'showResult') {
    showResult(outcome);
  } else if (outcome) {
    showError(outcome);
  }
});

function saveState(patch: Partial<ResultsPanelState>): void {
  if (!state && !patch.documentUri) {
    return;
  }
  state = { ...(state as ResultsPanelState), ...patch };
  api.setState(state);
}

function selectTab(tab: Tab): void {
  tabs.selectedIndex = TABS.indexOf(tab);
  saveState({ activeTab: tab });
  if (tab === 'chart') {
    void drawChart();
  }
}

tabs.addEventListener('vsc-tabs-select', (e) => {
  const tab = TABS[e.detail.selectedIndex] ?? 'results';
  saveState({ activeTab: tab });
  if (tab === 'chart') {
    void drawChart();
  }
});

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function showStatus(): void {
  if (!current) {
    return;
  }
  const r = current.result;
  const total = r.tables[tableIndex]?.rowCount ?? 0;
  const shown = grid && grid.visibleCount !== total ? `${grid.visibleCount.toLocaleString('en-US')} of ` : '';
  const backend = r.stats.backend === 'local' ? 'local engine' : 'Log Analytics';
  const parts = [
    `${shown}${total.toLocaleString('en-US')} ${total === 1 ? 'row' : 'rows'}`,
    formatDuration(r.stats.durationMs),
    backend,
  ];
  if (r.stats.truncated) {
    parts.push(truncationNote(r.warnings));
  }
  if (r.stats.partial) {
    parts.push(PARTIAL_ANSWER_NOTE);
  }
  if (r.tables.length > 1) {
    parts.push(`table ${tableIndex + 1} of ${r.tables.length}`);
  }
  if (current.options.timeRange) {
    parts.push(current.options.timeRange);
  }
  if (selectionNote) {
    parts.push(selectionNote);
  }
  setStatus(parts.join(' · '));
}

async function drawChart(): Promise<void> {
  if (chartDrawn || !current) {
    return;
  }
  chartDrawn = true;
  plan ??= chartPlan(chartTable(), current.result.render, current.options.maxChartPoints);
  if (plan.kind !== 'chart') {
    chart.finalize();
    chartNote.textContent = plan.kind === 'table' ? 'The query asked for a table: no chart.' : plan.reason;
    return;
  }
  const capped =
    plan.recordsDrawn < plan.recordsTotal
      ? ` · first ${plan.recordsDrawn.toLocaleString('en-US')} of ${plan.recordsTotal.toLocaleString('en-US')} rows (kql.results.maxChartPoints)`
      : '';
  chartNote.textContent = `${plan.isDefault ? `No render in the query: default ${plan.visualization}` : plan.visualization}${capped}`;
  try {
    await chart.draw(plan.spec);
    performance.mark('kql-chart-drawn');
  } catch (e) {
    chartNote.textContent = `The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
    api.postMessage({
      type: 'log',
      level: 'error',
      message: `chart: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    });
  }
}

async function exportImage(format: 'png' | 'svg'): Promise<void> {
  if (!chart.hasChart) {
    return;
  }
  const data = format === 'png' ? await chart.png() : await chart.svg();
  api.postMessage({ type: 'exportImage', format, data });
}

/** The result in row form for the chart: made only when a chart is drawn, never for the grid. */
function chartTable(): ReturnType<typeof tableOf> | undefined {
  const table = current?.result.tables[tableIndex];
  return table && cells ? tableOf(table.name, cells) : undefined;
}

/** Lists the result's tables by name and row count (hidden for a single table). */
function refreshTablePicker(m: ShowResultMessage): void {
  const list = m.result.tables;
  tablePicker.hidden = list.length < 2;
  tablePicker.replaceChildren(
    ...list.map((t, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      // Table names come from the query (`as`, fork's name=): text, never markup.
      option.textContent = `${t.name} (${t.rowCount.toLocaleString('en-US')} ${t.rowCount === 1 ? 'row' : 'rows'})`;
      option.selected = i === tableIndex;
      return option;
    }),
  );
}

tablePicker.addEventListener('change', () => {
  if (current) {
    tableIndex = Number(tablePicker.value);
    showTable(current);
    selectTab('results');
  }
});

function showResult(m: ShowResultMessage): void {
  current = m;
  tableIndex = 0;
  document.body.classList.remove('running');
  saveState({ documentUri: m.documentUri, queryText: m.queryText, blockStartLine: m.blockStartLine });
  warnings.replaceChildren(...m.result.warnings.map((w) => el('div', 'warning', w)));
  errorBox.replaceChildren(el('p', 'muted', 'No errors.'));
  headers[2]!.textContent = 'Errors';
  refreshTablePicker(m);
  showTable(m);
  const wantsChart = plan?.kind === 'chart' || (plan === undefined && state?.activeTab === 'chart');
  selectTab(wantsChart ? 'chart' : 'results');
}

/** Shows the result's table `tableIndex` in the grid (and the chart, drawn again when opened). */
function showTable(m: ShowResultMessage): void {
  const table = m.result.tables[tableIndex];
  cells = table ? new ColumnarCells(table) : undefined;
  detail.hidden = true;
  selectionNote = '';
  let firstPaint = true;
  // A re-run keeps the selected column by its name, wherever the new result puts it (columnSelection.ts).
  const selectedColumn = grid?.selectedColumnName;
  grid = cells
    ? new ResultGrid(
        cells,
        {
          copy: (copy) => api.postMessage({ type: 'copy', ...copy }),
          selectionChanged: (note) => {
            selectionNote = note;
            showStatus();
          },
          expand: (title, text) => {
            detailTitle.textContent = title;
            detailText.textContent = text;
            detail.hidden = false;
          },
          rendered: () => {
            if (firstPaint) {
              firstPaint = false;
              performance.mark('kql-grid-painted');
            }
          },
        },
        'Results',
        selectedColumn,
      )
    : undefined;
  (filterBox as unknown as { value: string }).value = '';
  gridHost.replaceChildren(grid ? grid.element : el('p', 'muted', 'The query returned no table.'));
  grid?.paint();
  // The chart data is folded only when the query asked for a chart or the Chart tab is opened, so a
  // plain result's grid paints without waiting for it.
  plan = m.result.render ? chartPlan(chartTable(), m.result.render, m.options.maxChartPoints) : undefined;
  // The visualization is the query's text: shown as text.
  const missing = noChartNote(m.result.render, plan);
  chartMissing.hidden = missing === undefined;
  chartMissing.textContent = missing ?? '';
  chartDrawn = false;
  chart.finalize();
  showStatus();
}

function showError(m: ShowErrorMessage): void {
  document.body.classList.remove('running');
  saveState({ documentUri: m.documentUri, queryText: m.queryText, blockStartLine: m.blockStartLine });
  const box: HTMLElement[] = [];
  const heading =
    m.heading ??
    {
      query: 'The query has an error',
      backend: 'The backend failed',
      cancelled: 'Cancelled',
      timeout: 'Timed out',
    }[m.kind];
  box.push(el('h3', m.kind === 'cancelled' ? 'muted' : 'error-text', heading));
  const line = el('p', 'error-message');
  if (m.line !== undefined && m.column !== undefined) {
    const at = el('button', 'link', `${m.line}:${m.column}`);
    at.title = 'Go to the error in the editor';
    const { line: l, column: c } = m;
    at.addEventListener('click', () => api.postMessage({ type: 'reveal', line: l, column: c }));
    line.append(at, document.createTextNode(` ${m.message}`));
  } else {
    line.textContent = m.message;
  }
  box.push(line);
  // Where a stopped run was, and the setting of the limit it met: text only (it names the user's files).
  if (m.detail) {
    box.push(el('p', 'error-detail', m.detail));
  }
  if (m.setting) {
    const setting = m.setting;
    box.push(
      button(`Open setting ${setting}`, `Open the Settings editor at ${setting}`, () =>
        api.postMessage({ type: 'openSetting', setting }),
      ),
    );
  }
  box.push(el('pre', 'query-text', m.queryText));
  if (m.kind !== 'query') {
    box.push(button('Run again', 'Run the query again', () => api.postMessage({ type: 'rerun' })));
  }
  errorBox.replaceChildren(...box);
  headers[2]!.textContent = m.kind === 'cancelled' ? 'Errors' : 'Errors (1)';
  // The live region says what went wrong, not only that something did.
  setStatus(
    `${heading}: ${m.line !== undefined ? `${m.line}:${m.column} ` : ''}${m.message}${m.detail ? ` ${m.detail}` : ''}`,
  );
  selectTab('errors');
}

function handle(m: HostMessage): void {
  switch (m.type) {
    case 'running':
      runBatch.started(m.batch);
      if (!m.batch) {
        refreshBatchPicker(undefined);
      }
      document.body.classList.add('running');
      setStatus('Running…');
      saveState({ documentUri: m.documentUri, queryText: m.queryText, blockStartLine: m.blockStartLine });
      break;
    case 'showResult':
    case 'showError':
      runBatch.finished(m);
      refreshBatchPicker(m.batch?.index);
      if (m.type === 'showResult') {
        showResult(m);
      } else {
        showError(m);
      }
      break;
    case 'cancelled':
      document.body.classList.remove('running');
      setStatus('Cancelled.');
      break;
    case 'clear':
      document.body.classList.remove('running');
      setStatus(m.note);
      break;
  }
}

/** The run the panel last saw start, as saved in its state. */
function savedOrigin(): QueryOrigin | undefined {
  const { documentUri, queryText, blockStartLine } = state ?? {};
  return documentUri !== undefined && queryText !== undefined && blockStartLine !== undefined
    ? { documentUri, queryText, blockStartLine }
    : undefined;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // The first read of `data` deserializes the structured clone: for 100k rows that is most of the
  // time to first paint (bench/webview.ts reports it as message delivery).
  const data = event.data;
  performance.mark('kql-message-received');
  const checked = validateHostMessage(data);
  if (!checked.ok) {
    api.postMessage({ type: 'log', level: 'warn', message: `results webview dropped a message: ${checked.reason}` });
    const unshown = unshownOutcome(data, checked.reason, savedOrigin());
    if (unshown) {
      handle(unshown);
    }
    return;
  }
  handle(checked.value);
});

onThemeChange(() => {
  if (chartDrawn && plan?.kind === 'chart') {
    chartDrawn = false;
    void drawChart();
  }
});

if (state?.queryText) {
  setStatus('Run the query again to see its results (results are not kept across reloads).');
}
api.postMessage({ type: 'ready' });
