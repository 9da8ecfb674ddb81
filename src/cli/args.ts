/** The `kql` command line: what it accepts, and its help text. */
import { parseArgs } from 'node:util';
import { DEFAULT_RECORD_LIMIT_MB } from '../data/loaders/recordLimit';

export type OutputFormat = 'table' | 'json' | 'csv';

export interface CliArgs {
  readonly query?: string;
  readonly file?: string;
  readonly data?: string;
  readonly now?: string;
  readonly format?: OutputFormat;
  /** --output FILE: results go to FILE instead of standard output. */
  readonly output?: string;
  readonly scale?: number;
  readonly timespan?: string;
  /** CSV cells that start a spreadsheet formula are written as they are (no leading '). */
  readonly csvRaw: boolean;
  /** false: --no-cache, load the files without the load cache. */
  readonly cache: boolean;
  readonly clearCache: boolean;
  /** Seconds a query may run (default 120). */
  readonly timeoutSeconds: number;
  /** MB a query may grow in the engine (default 1024). */
  readonly memoryLimitMb: number;
  /** Rows and MB kept in a result (defaults 500,000 and 64, as Log Analytics). */
  readonly maxRows: number;
  readonly maxResultMb: number;
  /** The most one record of a --data file may take, in MB (recordLimit.ts). */
  readonly recordLimitMb: number;
  readonly help: boolean;
  /** Print each query's plan as lowered and after each optimizer rule instead of running it. */
  readonly explain: boolean;
  /** --param name=value, for the query's `declare query_parameters`. */
  readonly parameters?: Readonly<Record<string, string>>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: kql [options] [QUERY]

Runs KQL on the embedded engine, over the bundled sample workspace (VM insights tables for the
last 24 hours) or over files exported from Log Analytics.

The query comes from QUERY, from -f FILE, or from standard input. A file with several queries
separated by blank lines runs each in turn; a .kqlnb notebook runs its KQL cells in order, each
seeing the let, declare and set statements of the cells above it.

Options:
  -f, --file FILE        run the queries of FILE (blank-line-separated blocks, or a .kqlnb notebook's cells);
                         -f - reads such a file from standard input
  -d, --data DIR         tables from the .csv/.json files exported from Log Analytics in DIR, or
                         from one such file (default: the sample workspace)
      --now ISO          pin "now" (for ago(), now() and the sample workspace), e.g. 2026-11-23T12:00:00Z
      --timespan DUR     restrict every table's TimeGenerated to the last DUR, e.g. PT24H or P7D
      --format FORMAT    table, json or csv (default: table on a terminal, json otherwise)
  -o, --output FILE      write the results to FILE (created or emptied) instead of standard output;
                         without --format, a .csv or .json name picks the format, else json
      --csv-raw          in CSV, keep cells that start with = + - @ tab or CR as they are
                         (by default they get a leading ' so a spreadsheet does not run them)
      --scale N          multiply the sample workspace's VMConnection rows by N
      --param NAME=VALUE value of a declare query_parameters parameter (repeat for more): a
                         literal of its type (3, 1h, datetime(2024-01-01) or 2024-01-01), a
                         string as it is; a parameter given no value takes its default
      --explain          print the query's plan as lowered and after each optimizer rule; run nothing
      --no-cache         load --data files without the load cache (kept in
                         $XDG_CACHE_HOME/connection-analytics, or ~/.cache/…)
      --clear-cache      empty the load cache (then run the query, if one is given)
      --timeout SECONDS  stop a query that runs longer (default 120)
      --memory-limit MB  memory one query may grow in the engine (default 1024)
      --max-rows N       rows kept in a result, the rest dropped with a warning (default 500000)
      --max-result-mb MB size kept of a result, as JSON, the rest dropped with a warning (default 64)
      --record-limit MB  the most one record of a --data file may take (a CSV record, a JSON Lines
                         line, a JSON record or string, a Parquet page); a longer one is left out
                         with a warning (default 64; Log Analytics keeps a field to 32-64 KB)
  -h, --help             show this help

JSON output has the shape of the Log Analytics REST API:
  {"tables":[{"name":"PrimaryResult","columns":[{"name":"…","type":"…"}],"rows":[[…]]}]}

A result of several tables (fork, facet, evaluate preview, statements such as 'print a=1; print b=2')
lists them in JSON's "tables", each with its "name"; the table format heads each with [Name]; CSV
writes each after a [Name] line and separates them with an empty line (an empty cell of a one-column
table is written "", so no table holds an empty line); one table is plain CSV. With several queries
(-f FILE), JSON writes one line per query, and CSV heads each result with its place, [line 3] (or
[line 3: Name] per table), separated by an empty line.

Exit status: 0 on success; 1 when a query fails (or its results cannot be written); 2 on a usage
error; 3 when the --data folder or file is missing or holds no table that loads; 130 on Ctrl+C.

  kql check [--data DIR | --schema FILE] FILE...   checks queries without running them
                                                    (kql check --help for more)
Examples:
  kql 'VMConnection | summarize sum(BytesSent) by Computer | top 5 by sum_BytesSent'
  kql -f examples/vm-insights.kql --format table
  kql --data ./exports --format csv 'VMBoundPort | distinct Computer, Port'
`;

function positiveNumber(
  option: string,
  text: string | undefined,
  fallback: number,
  max: number,
  whole = false,
): number {
  if (text === undefined) {
    return fallback;
  }
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max || (whole && !Number.isInteger(n))) {
    throw new UsageError(
      `${option} must be a ${whole ? 'whole ' : ''}number above 0${max < 1e9 ? ` and at most ${max}` : ''}, not "${text}".`,
    );
  }
  return n;
}

/** `--param n=3 --param who=alice` → { n: '3', who: 'alice' }; a name given twice is an error, as in Kusto. */
function queryParameters(given: readonly string[] | undefined): Record<string, string> | undefined {
  if (!given?.length) {
    return undefined;
  }
  const out: Record<string, string> = Object.create(null);
  for (const item of given) {
    const m = /^\s*([A-Za-z_][\w]*)\s*=([\s\S]*)$/.exec(item);
    if (!m) {
      throw new UsageError(`--param takes NAME=VALUE (a query parameter's name, then its value), not "${item}".`);
    }
    if (m[1]! in out) {
      throw new UsageError(`--param ${m[1]} is given twice; a query parameter takes one value.`);
    }
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Node's parseArgs error, shorter: its advice on queries starting with '-' fits no KQL query. */
export function parseArgsMessage(e: NodeJS.ErrnoException): string {
  const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /^Unknown option '[^']+'\./.exec(e.message);
  return unknown ? unknown[0] : e.message;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string', short: 'f' },
        data: { type: 'string', short: 'd' },
        now: { type: 'string' },
        timespan: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        scale: { type: 'string' },
        'csv-raw': { type: 'boolean' },
        timeout: { type: 'string' },
        'memory-limit': { type: 'string' },
        'max-rows': { type: 'string' },
        'max-result-mb': { type: 'string' },
        'record-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        explain: { type: 'boolean' },
        param: { type: 'string', multiple: true },
        'no-cache': { type: 'boolean' },
        'clear-cache': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as NodeJS.ErrnoException));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError('Give the query as one argument (quote it).');
  }
  const query = positionals[0];
  if (query !== undefined && values.file !== undefined) {
    throw new UsageError('Give either a query or -f FILE, not both.');
  }
  const format = values.format;
  if (format !== undefined && format !== 'table' && format !== 'json' && format !== 'csv') {
    throw new UsageError(`--format must be table, json or csv, not "${format}".`);
  }
  let scale: number | undefined;
  if (values.scale !== undefined) {
    scale = Number(values.scale);
    if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
      throw new UsageError(`--scale must be a whole number from 1 to 1000, not "${values.scale}".`);
    }
    if (values.data !== undefined) {
      throw new UsageError('--scale applies to the sample workspace, not to --data.');
    }
  }
  if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) {
    throw new UsageError(`--now must be an ISO-8601 datetime such as 2026-11-23T12:00:00Z, not "${values.now}".`);
  }
  return {
    query,
    parameters: queryParameters(values.param),
    timeoutSeconds: positiveNumber('--timeout', values.timeout, 120, 1e6),
    memoryLimitMb: positiveNumber('--memory-limit', values['memory-limit'], 1024, 1 << 20),
    maxRows: positiveNumber('--max-rows', values['max-rows'], 500_000, 1e9, true),
    maxResultMb: positiveNumber('--max-result-mb', values['max-result-mb'], 64, 1 << 20),
    recordLimitMb: positiveNumber('--record-limit', values['record-limit'], DEFAULT_RECORD_LIMIT_MB, 1024),
    file: values.file,
    data: values.data,
    now: values.now,
    timespan: values.timespan,
    format,
    output: values.output,
    scale,
    csvRaw: values['csv-raw'] === true,
    cache: values['no-cache'] !== true,
    clearCache: values['clear-cache'] === true,
    help: values.help === true,
    explain: values.explain === true,
  };
}
