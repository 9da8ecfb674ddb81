/**
 * The SDK turns the REST API's tables into JavaScript values (datetimes become Date objects, dynamic
 * cells parsed JSON); the rest of the extension speaks the wire form of queryBackend.ts. This module
 * converts back, and reads the service's `render` description into RenderInfo.
 */
import type { LogsTable } from '@azure/monitor-query-logs';
import { newRecord } from '../../results/jsonData';
import type { RenderInfo, ResultColumn, ResultTable, WireValue } from '../../results/queryResult';
import { KQL_TYPES, type KqlType } from '../../schema/types';

const KNOWN_TYPES = new Set<string>(KQL_TYPES);

/** The service reports Kusto type names; older responses use a few aliases. */
export function wireColumnType(type: string | undefined): KqlType {
  const t = (type ?? '').toLowerCase();
  if (KNOWN_TYPES.has(t)) {
    return t as KqlType;
  }
  switch (t) {
    case 'boolean':
      return 'bool';
    case 'int32':
      return 'int';
    case 'int64':
      return 'long';
    case 'double':
      return 'real';
    case 'date':
      return 'datetime';
    case 'time':
      return 'timespan';
    case 'uniqueid':
      return 'guid';
    case 'object':
      return 'dynamic';
    default:
      return 'string';
  }
}

/** Datetimes as Log Analytics writes them: no fractional part when it is zero. */
export function wireDatetime(d: Date): string | null {
  if (Number.isNaN(d.getTime())) {
    return null;
  }
  return d.toISOString().replace('.000Z', 'Z');
}

export function wireValue(cell: unknown): WireValue {
  if (cell === undefined || cell === null) {
    return null;
  }
  if (cell instanceof Date) {
    return wireDatetime(cell);
  }
  if (typeof cell === 'number' || typeof cell === 'string' || typeof cell === 'boolean') {
    return cell;
  }
  if (Array.isArray(cell)) {
    return cell.map(wireValue);
  }
  if (typeof cell === 'object') {
    const out = newRecord<WireValue>();
    for (const [k, v] of Object.entries(cell as Record<string, unknown>)) {
      out[k] = wireValue(v);
    }
    return out;
  }
  return String(cell);
}

/** A table's columns as the result names and types them. */
export function wireColumns(descriptors: readonly { name?: string; type?: string }[]): ResultColumn[] {
  return descriptors.map((c, i) => ({ name: c.name ?? `Column${i + 1}`, type: wireColumnType(c.type) }));
}

export function wireTable(table: LogsTable): ResultTable {
  const columns = wireColumns(table.columnDescriptors);
  const rows = table.rows.map((row) => columns.map((_c, i) => wireValue(row[i])));
  return { name: table.name, columns, rows };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) {
    const items = v.filter((x): x is string => typeof x === 'string' && x !== '');
    return items.length ? items : undefined;
  }
  const s = text(v);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The service's render description (`Prefer: include-render=true`). Its property names have changed
 * case between API versions (xColumn, XColumn), so they are matched without regard to case.
 */
export function renderInfoFrom(visualization: unknown): RenderInfo | undefined {
  if (!visualization || typeof visualization !== 'object') {
    return undefined;
  }
  const props = new Map<string, unknown>();
  for (const [k, v] of Object.entries(visualization as Record<string, unknown>)) {
    props.set(k.toLowerCase(), v);
  }
  const kind = text(props.get('visualization'));
  if (!kind) {
    return undefined;
  }
  const info: { -readonly [K in keyof RenderInfo]: RenderInfo[K] } = { visualization: kind };
  const assign = <K extends keyof RenderInfo>(key: K, value: RenderInfo[K] | undefined): void => {
    if (value !== undefined) {
      info[key] = value;
    }
  };
  assign('title', text(props.get('title')));
  assign('kind', text(props.get('kind')));
  assign('xcolumn', text(props.get('xcolumn')));
  assign('ycolumns', list(props.get('ycolumns')));
  assign('series', list(props.get('series')));
  assign('xtitle', text(props.get('xtitle')));
  assign('ytitle', text(props.get('ytitle')));
  assign('legend', text(props.get('legend')));
  assign('ymin', num(props.get('ymin')));
  assign('ymax', num(props.get('ymax')));
  assign('ysplit', text(props.get('ysplit')));
  const acc = props.get('accumulate');
  if (typeof acc === 'boolean' && acc) {
    info.accumulate = true;
  }
  return info;
}
