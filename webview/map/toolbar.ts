/** The map's toolbar, legend and diff table: plain DOM, every data value set as text. */
import type { MapTimeWindow } from '../../src/protocol/mapMessages';
import type { DiffRow } from '../../src/render/mapDiff';
import { formatBytes } from '../../src/render/fleetView';
import { el } from '../shared/dom';
import type { Palette } from './styles';

export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label');
  label.append(text, control);
  return label;
}

export function select<T extends string>(
  id: string,
  options: readonly (readonly [T, string])[],
  value: T,
): HTMLSelectElement {
  const s = el('select');
  s.id = id;
  for (const [v, text] of options) {
    const o = el('option', undefined, text);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  return s;
}

export function button(id: string, text: string, title: string): HTMLButtonElement {
  const b = el('button', undefined, text);
  b.id = id;
  b.title = title;
  b.type = 'button';
  return b;
}

export function renderLegend(host: HTMLElement, p: Palette, diff: boolean): void {
  host.replaceChildren();
  const swatch = (color: string, text: string, shape = 'swatch'): void => {
    const item = el('span');
    const s = el('span', shape);
    if (shape === 'swatch') {
      s.style.background = color;
    } else {
      s.style.borderTopColor = color;
      s.style.borderTopStyle =
        text.startsWith('failing') || text.startsWith('failure') ? 'dashed' : text === 'vanished' ? 'dotted' : 'solid';
    }
    item.dataset.legend = text;
    item.append(s, text);
    host.append(item);
  };
  swatch(p.machine, 'machine (click: processes)');
  swatch(p.process, 'process');
  swatch(p.group, 'external endpoints (click: expand)');
  swatch(p.edge, 'link → direction', 'line');
  swatch(p.failed, 'failing links (≥ 2% failed)', 'line');
  swatch(p.error, 'malicious remote', 'line');
  if (diff) {
    swatch(p.added, 'new', 'line');
    swatch(p.worse, 'failure rate rose', 'line');
    swatch(p.vanished, 'vanished', 'line');
  }
}

/** Windows of `width` ms stepping through the range; the last one ends at the range's end. */
export function windowAt(range: MapTimeWindow, widthMs: number, index: number): MapTimeWindow {
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  if (widthMs <= 0 || widthMs >= end - start) {
    return range;
  }
  const count = Math.ceil((end - start) / widthMs);
  const i = Math.max(0, Math.min(count - 1, index));
  const to = end - (count - 1 - i) * widthMs;
  return { start: new Date(Math.max(start, to - widthMs)).toISOString(), end: new Date(to).toISOString() };
}

export function windowCount(range: MapTimeWindow, widthMs: number): number {
  const span = Date.parse(range.end) - Date.parse(range.start);
  return widthMs <= 0 || widthMs >= span ? 1 : Math.ceil(span / widthMs);
}

export function windowText(w: MapTimeWindow): string {
  const f = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `${f(w.start)} – ${f(w.end)}`;
}

export function renderDiffTable(
  host: HTMLElement,
  rows: readonly DiffRow[],
  windows: { before: MapTimeWindow; after: MapTimeWindow; notes?: readonly string[] },
): void {
  host.replaceChildren();
  const head = el('div', 'toolbar');
  head.append(
    el('strong', undefined, `What changed: ${windowText(windows.before)} → ${windowText(windows.after)}`),
    el('span', undefined, `${rows.length} change${rows.length === 1 ? '' : 's'}`),
    button('export-csv', 'Export CSV', 'Save the changes as CSV'),
    button('export-json', 'Export JSON', 'Save the changes as JSON'),
    button('show-query', 'Show query', 'Open the KQL that computed this diff (runs unchanged on Log Analytics)'),
  );
  host.append(head);
  for (const note of windows.notes ?? []) {
    host.append(el('p', 'diff-note', note));
  }
  const table = el('table');
  const header = el('tr');
  for (const h of [
    'change',
    'kind',
    'computer',
    'process',
    'remote',
    'port',
    'links before',
    'links after',
    'failed before',
    'failed after',
    'bytes after',
  ]) {
    header.append(el('th', undefined, h));
  }
  table.append(header);
  const shown = rows.slice(0, 1000);
  for (const r of shown) {
    const tr = el('tr');
    const num = (n: number) => el('td', 'num', String(n));
    tr.append(
      el('td', undefined, r.change),
      el('td', undefined, r.kind),
      el('td', undefined, r.computer || r.machine),
      el('td', undefined, r.processName),
      el('td', undefined, r.remoteIp),
      // An export without Protocol leaves it empty: the port alone, not "443/".
      el('td', 'num', r.port === null ? '' : r.protocol ? `${r.port}/${r.protocol}` : String(r.port)),
      num(r.linksBefore),
      num(r.linksAfter),
      num(r.failedBefore),
      num(r.failedAfter),
      el('td', 'num', formatBytes(r.bytesAfter)),
    );
    table.append(tr);
  }
  host.append(table);
  if (rows.length > shown.length) {
    host.append(el('div', undefined, `${rows.length - shown.length} more in the export`));
  }
}
