/**
 * The map's status line, as plain text (tested in plain Node): counts with thousands separators, as the
 * results panel writes them ("10,000 machines", not "10000"), and a singular for one ("1 external
 * endpoint", not "1 external endpoints").
 */
export interface MapStatus {
  readonly machines: number;
  readonly processes: number;
  readonly endpoints: number;
  /** Set when only the busiest machines are drawn. */
  readonly limited?: { readonly shown: number; readonly of: number };
  /** Nodes of the graph the current view leaves out. */
  readonly hidden: number;
  /** What the last layout took, e.g. "301 nodes laid out in 6128 ms (in a worker)". */
  readonly layoutNote?: string;
}

export const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function mapStatusText(s: MapStatus): string {
  return (
    `${count(s.machines, 'machine', 'machines')}, ${count(s.processes, 'process', 'processes')}, ` +
    count(s.endpoints, 'external endpoint', 'external endpoints') +
    (s.limited
      ? ` · the ${s.limited.shown.toLocaleString('en-US')} busiest of ${count(s.limited.of, 'machine', 'machines')} drawn: search a name, or Focus a selection, for the others`
      : '') +
    (s.hidden ? ` · ${s.hidden.toLocaleString('en-US')} not shown in this view` : '') +
    (s.layoutNote ? ` · ${s.layoutNote}` : '') +
    ' · double-click a node to open its query'
  );
}
