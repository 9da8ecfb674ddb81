/**
 * Where a run was when it stopped (its time ran out, or it was cancelled): loading a table from its
 * files, running an operator, or sending its result. "The query did not finish within 120 s" alone left
 * the user of a big export unable to tell whether the load or the query was slow; the `kql` CLI's
 * progress line said, the editor did not. The engine worker records it, the worker protocol carries it
 * (src/protocol/stopPoint.ts checks it), and the editor words it here, the same in every place.
 */

/** A table was loading from its files (sizes in bytes; `.gz` files count their compressed bytes). */
export interface LoadStop {
  readonly stage: 'load';
  readonly table: string;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly filesDone?: number;
  readonly files?: number;
  readonly rows?: number;
}

/** The tables were loaded; the query was running `operator` (its text, shortened), on `line` of the query. */
export interface QueryStop {
  readonly stage: 'query';
  readonly operator?: string;
  readonly line?: number;
}

/** The query had finished; its result was being sent to the editor (`rows` of `totalRows` sent). */
export interface ResultStop {
  readonly stage: 'result';
  readonly rows?: number;
  readonly totalRows?: number;
}

export type StopPoint = (LoadStop | QueryStop | ResultStop) & {
  /** Tables this run loaded completely before it stopped. */
  readonly loaded?: readonly string[];
};

/** The longest operator text kept: enough to recognise it, short enough for a notification. */
export const MAX_OPERATOR_CHARS = 80;

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The operator at `span` of `text` and its 1-based line there: what a query stopped in was running. */
export function queryStopAt(text: string, span: { readonly start: number; readonly end: number }): QueryStop {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  // A span of the whole text says nothing about which operator ran.
  if (start === 0 && end >= text.trimEnd().length) {
    return { stage: 'query' };
  }
  const operator = oneLine(text.slice(start, end), MAX_OPERATOR_CHARS);
  const line = text.slice(0, start).split('\n').length;
  return operator ? { stage: 'query', operator, line } : { stage: 'query' };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const megabytes = (bytes: number) =>
  (bytes / 1048576).toLocaleString('en-US', { maximumFractionDigits: bytes >= 10 * 1048576 ? 0 : 1 });

const rowsText = (n: number) => `${count(n)} row${n === 1 ? '' : 's'}`;

/** "in file 3 of 12, 1,200,000 rows, 80 of 219 MB read" */
function loadAmount(s: LoadStop): string {
  const parts: string[] = [];
  if (s.files !== undefined && s.filesDone !== undefined && s.files > 1) {
    // Files done are the ones before the one being read.
    parts.push(
      s.filesDone < s.files ? `in file ${count(s.filesDone + 1)} of ${count(s.files)}` : `${count(s.files)} files`,
    );
  }
  if (s.rows !== undefined) parts.push(rowsText(s.rows));
  parts.push(`${megabytes(s.bytes)} of ${megabytes(s.totalBytes)} MB read`);
  return parts.join(', ');
}

function loadedText(loaded: readonly string[] | undefined): string | undefined {
  if (!loaded?.length) return undefined;
  return loaded.length === 1 ? `${loaded[0]} had loaded` : `${loaded.join(', ')} had loaded`;
}

/**
 * The stop point in words, one or two sentences: what had finished, and what was under way. The texts
 * in it (table names, the operator) are the data's and the query's own: shown as text, never markup.
 */
export function describeStop(stop: StopPoint): string {
  const loaded = loadedText(stop.loaded);
  switch (stop.stage) {
    case 'load':
      return `${loaded ? `${loaded}; it` : 'It'} was still loading ${stop.table} from its files (${loadAmount(stop)}).`;
    case 'query': {
      const where = stop.line !== undefined ? ` (line ${stop.line} of the query)` : '';
      const running = stop.operator ? `running \`${stop.operator}\`${where}` : 'running the query, past its loads';
      return loaded ? `${loaded}; it was ${running}.` : `It was ${running}.`;
    }
    case 'result': {
      const sent =
        stop.rows !== undefined && stop.totalRows !== undefined
          ? ` (${count(stop.rows)} of ${rowsText(stop.totalRows)} sent)`
          : '';
      return `The query had finished; its result was being sent to the editor${sent}.`;
    }
  }
}

/** What to change when the time ran out at `stop`: for a load, that a finished load is kept for later runs. */
export function timeoutAdvice(stop: StopPoint | undefined): string {
  switch (stop?.stage) {
    case 'load':
      return 'A first load of a large export can take longer than the query: give it more time once, and the load cache keeps the loaded table, so later runs skip the load.';
    case 'query':
      return 'The query itself was slow: filter on TimeGenerated or the machine earlier, or summarize before joining.';
    case 'result':
      return 'The result is large: take, project or summarize fewer rows.';
    default:
      return '';
  }
}
