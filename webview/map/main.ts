/**
 * The dependency map webview. The host posts the whole FleetGraph (validated on arrival); this page
 * chooses what to show (fleet or focus mode, expanded machines and groups, edge weight) through the
 * pure visibleGraph, and asks the host only for new data: another window of the time range, or a
 * comparison of two windows. Node ids are all it sends back.
 */
import type { MapGraphMessage, MapTimeWindow } from '../../src/protocol/mapMessages';
import { validateMapHostMessage } from '../../src/protocol/validateMap';
import {
  type EdgeWeight,
  type MapMode,
  type MapView,
  type ViewOptions,
  visibleGraph,
} from '../../src/render/fleetView';
import { searchGraph } from '../../src/render/mapSearch';
import { el, injectStyle, onThemeChange } from '../shared/dom';
import { mapApi } from './api';
import { GraphView } from './graphView';
import css from './map.css';
import { palette } from './styles';
import { count, mapStatusText } from './statusText';
import { button, labelled, renderDiffTable, renderLegend, select, windowAt, windowCount, windowText } from './toolbar';

injectStyle(css);
const api = mapApi();
const saved = api.getState() ?? {};

const app = document.getElementById('app') ?? document.body.appendChild(el('div'));
const header = app.appendChild(el('div'));
header.id = 'header';
const title = header.appendChild(el('span', undefined, 'Dependency map'));
title.id = 'title';
const bar = header.appendChild(el('div', 'toolbar'));
const modeSelect = select<MapMode>(
  'mode',
  [
    ['fleet', 'Fleet: machines'],
    ['focus', 'Focus: selection + 1 hop'],
  ],
  'fleet',
);
const weightSelect = select<EdgeWeight>(
  'weight',
  [
    ['links', 'Links'],
    ['bytes', 'Bytes'],
  ],
  saved.weight ?? 'links',
);
const externals = el('input');
externals.type = 'checkbox';
externals.id = 'externals';
externals.checked = saved.externals ?? true;
const search = el('input');
search.id = 'search';
search.type = 'search';
search.placeholder = 'Find machine, process, IP… (/)';
search.setAttribute('list', 'search-names');
const names = el('datalist');
names.id = 'search-names';
const hop = button('hop', '+ hop', 'Focus mode: add the next hop of the selected neighbours');
const focusSel = button(
  'focus-selection',
  'Focus selection',
  'Focus on the selected machines (shift-drag or ctrl-click to select several)',
);
const fit = button('fit', 'Fit', 'Fit the map to the panel (0)');
const widthSelect = select(
  'window-width',
  [
    ['0', 'whole range'],
    ['3600000', '1 h windows'],
    ['21600000', '6 h windows'],
    ['43200000', '12 h windows'],
  ],
  '0',
);
const slider = el('input');
slider.type = 'range';
slider.id = 'slider';
slider.min = '0';
const windowLabel = el('span', undefined, '');
windowLabel.id = 'window';
const compare = select(
  'compare',
  [
    ['off', 'Compare: off'],
    ['previous', 'previous window → this one'],
    ['days', 'yesterday → today (UTC)'],
  ],
  'off',
);
const externalsLabel = labelled('', externals);
externalsLabel.append('external endpoints');
bar.append(
  labelled('View ', modeSelect),
  labelled('Weight ', weightSelect),
  externalsLabel,
  search,
  names,
  hop,
  focusSel,
  fit,
  labelled('Time ', widthSelect),
  slider,
  windowLabel,
  compare,
);
const status = header.appendChild(el('span', undefined, ''));
status.id = 'status';
const legend = app.appendChild(el('div'));
legend.id = 'legend';
const stage = app.appendChild(el('div'));
stage.id = 'stage';
const mapEl = stage.appendChild(el('div'));
mapEl.id = 'map';
const diffEl = app.appendChild(el('div', 'hidden'));
diffEl.id = 'diff';

let data: MapGraphMessage | undefined;
const state: { mode: MapMode; focus: string[]; expanded: Set<string>; grown: Set<string> } = {
  mode: 'fleet',
  focus: [],
  expanded: new Set(),
  grown: new Set(),
};
let lastLayoutNote = '';

const graph = new GraphView(mapEl, stage, {
  toggle(id) {
    if (id.startsWith('machine:') || id.startsWith('group:')) {
      state.expanded.has(id) ? state.expanded.delete(id) : state.expanded.add(id);
      redraw(true);
    }
  },
  open(id) {
    api.postMessage({ type: 'openNode', id });
  },
  laidOut(ms, nodes, where) {
    lastLayoutNote = `${count(nodes, 'node', 'nodes')} laid out in ${Math.round(ms).toLocaleString('en-US')} ms${where === 'worker' ? ' (in a worker)' : ''}`;
    updateStatus();
  },
});

function options(): ViewOptions {
  return {
    mode: state.mode,
    focus: state.focus,
    expanded: state.expanded,
    grown: state.grown,
    weight: weightSelect.value as EdgeWeight,
    externals: externals.checked,
  };
}

let hidden = 0;
let limited: MapView['limited'];
function updateStatus(): void {
  if (!data) {
    return;
  }
  const g = data.graph;
  status.textContent = mapStatusText({
    machines: g.machines.length,
    processes: g.processes.length,
    endpoints: g.endpoints.length,
    limited,
    hidden,
    layoutNote: lastLayoutNote,
  });
}

function redraw(keepPositions: boolean): void {
  if (!data) {
    return;
  }
  const view = visibleGraph(data.graph, options());
  hidden = view.hidden;
  limited = view.limited;
  modeSelect.value = state.mode;
  externals.disabled = state.mode === 'focus';
  hop.disabled = state.mode !== 'focus';
  renderLegend(legend, palette(), !!data.diff);
  names.replaceChildren(...data.graph.machines.map((m) => Object.assign(el('option'), { value: m.label })));
  graph.draw(view, data.empty ?? 'No outbound connections in this time window.', keepPositions);
  // What is on screen, for screen readers and the tests (the drawing itself is a canvas).
  mapEl.dataset.nodes = String(view.nodes.length);
  mapEl.dataset.edges = String(view.edges.length);
  mapEl.setAttribute(
    'aria-label',
    `Dependency map, ${view.nodes.length} nodes and ${view.edges.length} links shown: arrow keys move between nodes, Enter expands, O opens the query, + and - zoom, 0 fits`,
  );
  updateStatus();
}

function currentWidth(): number {
  return Number(widthSelect.value);
}

function syncSlider(): void {
  if (!data) {
    return;
  }
  const count = windowCount(data.range, currentWidth());
  slider.max = String(count - 1);
  slider.disabled = count <= 1;
  // The slider shows which window of the range is drawn.
  const drawnEnd = Date.parse(data.window.end);
  let index = count - 1;
  for (let i = 0; i < count; i++) {
    if (Date.parse(windowAt(data.range, currentWidth(), i).end) >= drawnEnd) {
      index = i;
      break;
    }
  }
  slider.value = String(index);
  windowLabel.textContent = windowText(data.window);
}

function chosenWindow(): MapTimeWindow {
  return data ? windowAt(data.range, currentWidth(), Number(slider.value)) : { start: '', end: '' };
}

function requestData(): void {
  if (!data) {
    return;
  }
  const after = chosenWindow();
  if (compare.value === 'off') {
    api.postMessage({ type: 'setWindow', window: after });
    return;
  }
  if (compare.value === 'days') {
    const day = 86_400_000;
    const midnight = Math.floor((Date.parse(data.range.end) - 1) / day) * day;
    api.postMessage({
      type: 'compare',
      before: { start: new Date(midnight - day).toISOString(), end: new Date(midnight).toISOString() },
      after: { start: new Date(midnight).toISOString(), end: data.range.end },
    });
    return;
  }
  const len = Date.parse(after.end) - Date.parse(after.start);
  api.postMessage({
    type: 'compare',
    before: { start: new Date(Date.parse(after.start) - len).toISOString(), end: after.start },
    after,
  });
}

let debounce: ReturnType<typeof setTimeout> | undefined;
slider.addEventListener('input', () => {
  windowLabel.textContent = windowText(chosenWindow());
  clearTimeout(debounce);
  debounce = setTimeout(requestData, 350);
});
widthSelect.addEventListener('change', () => {
  if (data) {
    slider.max = String(windowCount(data.range, currentWidth()) - 1);
    slider.value = slider.max;
  }
  requestData();
});
compare.addEventListener('change', () =>
  compare.value === 'off' && data?.diff ? api.postMessage({ type: 'clearCompare' }) : requestData(),
);
modeSelect.addEventListener('change', () => {
  state.mode = modeSelect.value as MapMode;
  if (state.mode === 'focus' && state.focus.length === 0) {
    const picked = graph.selectedIds().filter((id) => id.startsWith('machine:'));
    state.focus = picked.length ? picked : (data?.graph.machines.slice(0, 1).map((m) => m.id) ?? []);
  }
  redraw(false);
});
weightSelect.addEventListener('change', () => {
  api.setState({ weight: weightSelect.value as EdgeWeight, externals: externals.checked });
  redraw(true);
});
externals.addEventListener('change', () => {
  api.setState({ weight: weightSelect.value as EdgeWeight, externals: externals.checked });
  redraw(false);
});
fit.addEventListener('click', () => graph.fit());
hop.addEventListener('click', () => {
  graph.selectedIds().forEach((id) => state.grown.add(id));
  redraw(true);
});
focusSel.addEventListener('click', () => {
  const picked = graph.selectedIds().filter((id) => id.startsWith('machine:'));
  if (picked.length) {
    state.mode = 'focus';
    state.focus = picked;
    state.grown.clear();
    redraw(false);
  }
});

/** Finds a machine, process or endpoint by name or IP, opens what hides it, and centres it. */
function find(text: string): void {
  if (!data || !text.trim()) {
    return;
  }
  const g = data.graph;
  const hit = searchGraph(g, text);
  if (!hit) {
    status.textContent = `Nothing named "${text.trim()}" on this map.`;
    return;
  }
  const { id, unit } = hit;
  if (unit !== id) {
    state.expanded.add(unit);
  }
  if (!visibleGraph(g, options()).nodes.some((n) => n.id === unit)) {
    if (state.mode === 'focus') {
      state.focus = [...state.focus, unit];
    } else if (!unit.startsWith('group:')) {
      // A machine the big fleet's view left out: focus on it, where it and its neighbours are drawn.
      state.mode = 'focus';
      state.focus = [unit];
    }
  }
  if (state.mode === 'fleet' && unit.startsWith('group:')) {
    externals.checked = true;
  }
  redraw(true);
  // The redraw lays out on the next frame; centre after it.
  const tryCentre = (attempt: number) => {
    if (!graph.centre(id) && attempt < 40) {
      setTimeout(() => tryCentre(attempt + 1), 50);
    }
  };
  setTimeout(() => tryCentre(0), 50);
}
search.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    find(search.value);
  } else if (e.key === 'Escape') {
    mapEl.focus();
  }
});
search.addEventListener('change', () => find(search.value));
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== search) {
    e.preventDefault();
    search.focus();
  }
});
diffEl.addEventListener('click', (e) => {
  const id = (e.target as HTMLElement).id;
  if (id === 'export-csv' || id === 'export-json') {
    api.postMessage({ type: 'exportDiff', format: id === 'export-csv' ? 'csv' : 'json' });
  } else if (id === 'show-query') {
    api.postMessage({ type: 'showDiffQuery' });
  }
});

window.addEventListener('message', (event: MessageEvent) => {
  const checked = validateMapHostMessage(event.data);
  if (!checked.ok) {
    console.warn(`map: dropped a message: ${checked.reason}`);
    return;
  }
  const m = checked.value;
  if (m.type === 'mapLoading') {
    status.textContent = m.note;
  } else if (m.type === 'mapError') {
    status.textContent = m.message;
  } else {
    const first = !data;
    data = m;
    title.textContent = m.title;
    if (first) {
      state.mode = m.mode;
      state.focus = [...m.focus];
      widthSelect.value = '0';
    }
    syncSlider();
    compare.value = m.diff ? (compare.value === 'off' ? 'previous' : compare.value) : 'off';
    diffEl.classList.toggle('hidden', !m.diff);
    if (m.diff) {
      renderDiffTable(diffEl, m.diff.rows, m.diff);
    }
    redraw(false);
  }
});
onThemeChange(() => redraw(true));
api.postMessage({ type: 'ready' });
