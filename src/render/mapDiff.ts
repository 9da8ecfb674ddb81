/** The rows of the map's "what changed between two windows" query, and their export. Pure. */
import type { EdgeChange } from './fleetGraph';
import { neutraliseFormula } from './csvSafety';
import { csvField } from './exportData';

export type DiffChange = EdgeChange | 'lost';
export type DiffKind = 'connection' | 'listening port' | 'process';

export interface DiffRow {
  readonly change: DiffChange;
  readonly kind: DiffKind;
  readonly machine: string;
  readonly computer: string;
  readonly processName: string;
  readonly remoteIp: string;
  readonly remoteMachine: string;
  readonly port: number | null;
  readonly protocol: string;
  readonly linksBefore: number;
  readonly linksAfter: number;
  readonly failedBefore: number;
  readonly failedAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

export const DIFF_CHANGES: readonly DiffChange[] = ['new', 'vanished', 'worse', 'lost'];
export const DIFF_KINDS: readonly DiffKind[] = ['connection', 'listening port', 'process'];

const FIELDS: readonly (keyof DiffRow)[] = [
  'change',
  'kind',
  'machine',
  'computer',
  'processName',
  'remoteIp',
  'remoteMachine',
  'port',
  'protocol',
  'linksBefore',
  'linksAfter',
  'failedBefore',
  'failedAfter',
  'bytesBefore',
  'bytesAfter',
];

export function diffToCsv(rows: readonly DiffRow[]): string {
  const lines = [FIELDS.join(',')];
  for (const r of rows) {
    // A computer or process name is free text from the data: `=HYPERLINK(…)` must not run in a spreadsheet.
    lines.push(FIELDS.map((f) => csvField(r[f] === null ? '' : neutraliseFormula(String(r[f])))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function diffToJson(rows: readonly DiffRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
