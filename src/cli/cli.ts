/**
 * The `kql` command's logic: runs KQL on the embedded engine over the sample workspace or exported
 * files and prints the results as a table, JSON (the REST API's shape) or CSV.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DataSource, describeLoadProgress, type LoadedData, loadData } from '../backends/local/dataSource';
import { runLocalQuery } from '../backends/local/runQuery';
import { LoadCache } from '../data/loaders/loadCache';
import { explainQuery } from '../engine';
import { analyze, firstError, KqlError, splitQueryBlocks } from '../kql';
import { cannotRunNote, missingTables } from '../notebook';
import { BackendError, QueryTimeoutError } from '../results/errors';
import type { QueryResult } from '../results/queryResult';
import { type CliArgs, HELP, type OutputFormat, parseCliArgs, UsageError } from './args';
import { runCheck } from './check';
import { errorCaret } from './errorCaret';
import { DataError, EXIT_DATA, EXIT_OK, EXIT_QUERY_FAILED, EXIT_USAGE } from './exitCodes';
import { formatCsvTablesChunks, formatJsonChunks, formatTableChunks } from './formatTable';
import type { Io, TextOut } from './io';
import { notebookUnits } from './notebookUnits';
import { loadTimeoutText, queryTimeoutText } from './loadTimeoutHint';
import { formatOfFile, type OutputFile, OutputError, openOutputFile } from './outputFile';
import type { QueryUnit } from './queryUnit';

export type { Io } from './io';

export type { QueryUnit } from './queryUnit';

function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stdin.setEncoding('utf8');
    stdin.on('data', (chunk: string) => (text += chunk));
    stdin.on('end', () => resolve(text));
    stdin.on('error', reject);
  });
}

/** A block's title: its first comment line, or its line number. */
function blockTitle(text: string, startLine: number): string {
  const comment = text.split(/\r?\n/).find((l) => l.trim().startsWith('//'));
  const label = comment?.trim().replace(/^\/\/+\s*/, '');
  return label ? `${label} (line ${startLine + 1})` : `line ${startLine + 1}`;
}

/** A .kql file's blank-line-separated queries, each named by its first line. */
function fileUnits(text: string, file: string): QueryUnit[] {
  return splitQueryBlocks(text).map((b) => ({
    text: b.text,
    title: blockTitle(b.text, b.startLine),
    lineOffset: b.startLine,
    file,
  }));
}

async function queryUnits(args: CliArgs, io: Io): Promise<QueryUnit[]> {
  if (args.query !== undefined) {
    return [{ text: args.query, lineOffset: 0 }];
  }
  if (args.file === '-') {
    // `cat report.kql | kql -f -`: a file of queries through a pipe (a bare pipe's text is one query).
    if (io.stdin.isTTY) {
      throw new UsageError('-f -: standard input is a terminal; pipe a file of queries into kql, or give its name.');
    }
    const text = await readStdin(io.stdin);
    if (text.trim() === '') {
      throw new UsageError('Standard input holds no query.');
    }
    return fileUnits(text, '<stdin>');
  }
  if (args.file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(args.file, 'utf8');
    } catch (e) {
      throw new UsageError(`Cannot read ${args.file}: ${(e as Error).message}`);
    }
    if (args.file.endsWith('.kqlnb')) {
      return notebookUnits(text, args.file);
    }
    const units = fileUnits(text, args.file);
    if (units.length === 0) {
      throw new UsageError(`${args.file} holds no query.`);
    }
    return units;
  }
  if (io.stdin.isTTY) {
    throw new UsageError('No query: give one as an argument, with -f FILE, or on standard input.');
  }
  const text = await readStdin(io.stdin);
  if (text.trim() === '') {
    throw new UsageError('Standard input holds no query.');
  }
  return [{ text, lineOffset: 0 }];
}

function describeError(e: unknown, unit: QueryUnit): string {
  if (e instanceof KqlError && unit.describe) {
    return unit.describe(e);
  }
  if (e instanceof KqlError) {
    const line = e.range.start.line + unit.lineOffset + 1;
    const where = `${line}:${e.range.start.character + 1}`;
    const caret = errorCaret(unit.text, e.range);
    return `${unit.file ? `${unit.file}:` : ''}${where}: ${e.message}${caret ? `\n${caret}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Where a result's query sits, for CSV output of several queries (kql -f): its title and whether one came before. */
interface CsvPlace {
  readonly title: string;
  readonly first: boolean;
}

/** A result's text as it is printed, in pieces made as they are taken (see writeChunks). */
function* resultText(
  result: QueryResult,
  format: OutputFormat,
  width: number,
  csvRaw: boolean,
  place?: CsvPlace,
): Generator<string> {
  if (format === 'json') {
    yield* formatJsonChunks(result.tables);
    yield '\n';
    return;
  }
  if (format === 'csv') {
    if (place && !place.first) yield '\r\n';
    yield* formatCsvTablesChunks(result.tables, !csvRaw, place?.title);
    yield '\r\n';
    return;
  }
  for (const [i, t] of result.tables.entries()) {
    if (result.tables.length > 1) {
      yield `${i > 0 ? '\n' : ''}[${t.name}]\n`;
    }
    const { chunks, hiddenColumns } = formatTableChunks(t, width);
    yield* chunks;
    const rows = `${t.rows.length} row${t.rows.length === 1 ? '' : 's'}`;
    const notes = [
      hiddenColumns > 0
        ? `${hiddenColumns} more column${hiddenColumns === 1 ? '' : 's'} not shown: use --format json or csv`
        : '',
      i === 0 && result.stats.truncated ? 'truncated at the row or size limit' : '',
      i === 0 && result.render ? `render ${result.render.visualization}` : '',
    ].filter(Boolean);
    yield `\n(${rows}${notes.length ? `; ${notes.join('; ')}` : ''})\n`;
  }
}

/**
 * Writes the pieces one by one, letting the event loop turn after each: when the reader has gone
 * (`kql … | head`), the write's EPIPE ends the command there (cliIo) instead of after the whole
 * result has been formatted.
 */
async function writeChunks(out: TextOut, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    out.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The table format's width: the terminal's (a narrow one too), else 160. */
function tableWidth(out: TextOut): number {
  return out.isTTY && out.columns ? Math.max(20, out.columns) : 160;
}

/** The CLI's load cache: $XDG_CACHE_HOME/connection-analytics/load-cache, else ~/.cache/… */
export function cliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.KQL_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'connection-analytics');
  return path.join(base, 'load-cache');
}

/**
 * Progress of a load on one stderr line, redrawn at most every 100 ms, only on a terminal that can
 * clear a line (not TERM=dumb): a log file or a CI job's output gets no escape codes.
 */
function progressLine(io: Io): { report: (message: string) => void; done: () => void } {
  const redraws = io.stderr.isTTY === true && process.env.TERM !== 'dumb';
  let last = 0;
  let shown = false;
  return {
    report: (message) => {
      const now = Date.now();
      if (!redraws || now - last < 100) {
        return;
      }
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[K${message.slice(0, Math.max(20, (io.stderr.columns ?? 80) - 1))}`);
    },
    done: () => {
      if (shown) {
        io.stderr.write('\r\x1b[K');
        shown = false;
      }
    },
  };
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'check') {
    return runCheck(argv.slice(1), io);
  }
  let args: CliArgs;
  let units: QueryUnit[];
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (args.data !== undefined && !fs.existsSync(args.data)) {
      throw new DataError(`--data: ${args.data} does not exist.`);
    }
    if (args.clearCache) {
      const freed = new LoadCache(cliCacheDir()).clear();
      io.stderr.write(`kql: cleared the load cache (${(freed / 1048576).toFixed(1)} MB)\n`);
      if (args.query === undefined && args.file === undefined) {
        return 0;
      }
    }
    units = await queryUnits(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kql: ${e.message}\nRun kql --help for usage.\n`);
      return EXIT_USAGE;
    }
    if (e instanceof DataError) {
      io.stderr.write(`kql: ${e.message}\n`);
      return EXIT_DATA;
    }
    throw e;
  }
  if (args.data === undefined) {
    // Over the sample only: files may be loaded before any analysis, hot code the hold would slow.
    io.holdOptimizer?.();
  }
  if (args.output === undefined) {
    return runUnits(args, units, io);
  }
  let file: OutputFile;
  try {
    file = openOutputFile(args.output, io);
  } catch (e) {
    io.stderr.write(`kql: --output: cannot write ${args.output}: ${(e as Error).message}\n`);
    return EXIT_QUERY_FAILED;
  }
  try {
    return await runUnits({ ...args, format: args.format ?? formatOfFile(args.output) }, units, file.io);
  } catch (e) {
    if (e instanceof OutputError) {
      io.stderr.write(`kql: ${e.message}\n`);
      return EXIT_QUERY_FAILED;
    }
    throw e;
  } finally {
    file.close();
  }
}

/** Loads the data and runs each query, printing results on `io.stdout` and problems on `io.stderr`. */
async function runUnits(args: CliArgs, units: readonly QueryUnit[], io: Io): Promise<number> {
  const format: OutputFormat = args.format ?? (io.stdout.isTTY ? 'table' : 'json');
  const source: DataSource =
    args.data !== undefined
      ? {
          kind: 'folder',
          dir: args.data,
          cacheDir: args.cache ? cliCacheDir() : undefined,
          recordLimitBytes: Math.max(1, Math.round(args.recordLimitMb * 1024 * 1024)),
        }
      : { kind: 'sample', now: args.now, scale: args.scale };
  const progress = progressLine(io);
  let data: LoadedData;
  try {
    data = loadData(source, { onProgress: (p) => progress.report(describeLoadProgress(p)) });
  } catch (e) {
    io.stderr.write(`kql: ${e instanceof BackendError ? e.message : String(e)}\n`);
    return EXIT_DATA;
  }
  // Warnings of the folder's scan now; each table's load warnings come with the first query that loads it.
  let warned = 0;
  const flushWarnings = () => {
    for (; warned < data.warnings.length; warned++) {
      io.stderr.write(`kql: warning: ${data.warnings[warned]}\n`);
    }
  };
  flushWarnings();
  const nowMs = args.now !== undefined ? Date.parse(args.now) : data.nowMs;
  let failed = false;
  // With several queries, each CSV result is headed by its query's place and set apart by an empty line.
  const placeCsv = units.filter((u) => u.defines === undefined).length > 1;
  let csvPrinted = 0;
  for (const [i, unit] of units.entries()) {
    if (unit.title && format === 'table') {
      io.stdout.write(`${i > 0 ? '\n' : ''}── ${unit.title} ──\n`);
    }
    if (unit.defines !== undefined) {
      // Nothing to run: the definitions are checked with everything above them, then listed.
      const error = firstError(analyze(unit.text));
      if (error) {
        failed = true;
        io.stderr.write(`kql: ${describeError(error, unit)}\n`);
      } else if (format === 'table') {
        io.stdout.write(`${unit.defines}\n`);
      }
      continue;
    }
    const tables = data.database.schemas.map((t) => t.name);
    const missing = unit.notebookCell ? missingTables(unit.text, tables) : [];
    if (missing.length > 0) {
      // The workspace lacks the part's data: not the report's error, so the run goes on and passes.
      const note = cannotRunNote(missing, tables);
      if (format === 'table') io.stdout.write(`${note}\n`);
      else io.stderr.write(`kql: ${unit.title ? `${unit.title}: ` : ''}${note}\n`);
      continue;
    }
    try {
      if (args.explain) {
        io.stdout.write(`${explainQuery(unit.text, data.database, { parameters: args.parameters })}\n`);
        continue;
      }
      let result;
      const deadline = Date.now() + args.timeoutSeconds * 1000;
      try {
        const check = () => {
          if (Date.now() > deadline) throw new QueryTimeoutError(args.timeoutSeconds * 1000);
        };
        await data.prepare?.(unit.text, check);
        // Each query runs once: a JSON Lines key first seen past the heads must be a column before it is analyzed.
        data.widenFor?.(unit.text, check);
        result = runLocalQuery(data.database, unit.text, {
          nowMs,
          timeRange: args.timespan ? { duration: args.timespan } : undefined,
          deadline,
          memoryLimitBytes: args.memoryLimitMb * 1024 * 1024,
          rowLimit: args.maxRows,
          resultByteLimit: args.maxResultMb * 1024 * 1024,
          folder: data.folder,
          parameters: args.parameters,
        });
      } finally {
        progress.done();
        flushWarnings();
      }
      for (const w of result.warnings) {
        io.stderr.write(`kql: warning: ${w}\n`);
      }
      const place =
        placeCsv && format === 'csv' ? { title: unit.title ?? `query ${i + 1}`, first: csvPrinted++ === 0 } : undefined;
      await writeChunks(io.stdout, resultText(result, format, tableWidth(io.stdout), args.csvRaw, place));
    } catch (e) {
      if (e instanceof OutputError) {
        // Not this query's failure: the next ones' results could not be written either.
        throw e;
      }
      failed = true;
      io.stderr.write(
        `kql: ${unit.title && !(e instanceof KqlError) ? `${unit.title}: ` : ''}${loadTimeoutText(e, args.cache) ?? queryTimeoutText(e) ?? describeError(e, unit)}\n`,
      );
    }
  }
  return failed ? EXIT_QUERY_FAILED : EXIT_OK;
}
