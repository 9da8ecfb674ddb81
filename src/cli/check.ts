/**
 * `kql check`: lints .kql files the way the editor checks them, for users' own CI. Every query block
 * is analysed by the language server's own analyser (syntax, binding and Kusto's analyzer rules)
 * against the sample workspace, a folder of exported files, or a schema file in the metadata API's
 * JSON shape; findings print as `file:line:col: error|warning: message [KSnnn]`. A `.kqlnb` notebook's
 * KQL cells are each checked with the definitions of the cells above them, as they run, and print as
 * `file:cell N:line:col: …` with the line and column inside the cell.
 *
 * Exit status: 1 when any error was found, 0 otherwise (warnings alone pass), 2 on a usage error, 3 when
 * the --data folder cannot be used.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadData } from '../backends/local/dataSource';
import { LineMap, setActiveSchema, splitQueryBlocks } from '../kql';
import { cellAsOneQuery, NotebookFormatError, readNotebook, scopeCell } from '../notebook';
import { BackendError } from '../results/errors';
import { parseMetadataJson, SchemaFileError } from '../schema/metadataJson';
import { CATALOGUE_SCHEMA, type WorkspaceSchema } from '../schema/workspaceSchema';
import { BlockAnalyzer } from '../server/blockAnalysis';
import { parseArgsMessage, UsageError } from './args';
import { DataError, EXIT_DATA, EXIT_USAGE } from './exitCodes';
import type { Io } from './io';

export const CHECK_HELP = `Usage: kql check [--data DIR | --schema FILE] FILE...

Checks every query of each .kql FILE as the editor does and prints one finding per line:
  file:line:col: error|warning: message [KSnnn]
Each KQL cell of a .kqlnb notebook is checked with the let statements of the cells above it:
  file:cell N:line:col: error|warning: message [KSnnn]   (line and column inside cell N)

Options:
  -d, --data DIR       check against the tables of the files exported to DIR
  -s, --schema FILE    check against a workspace schema in the Log Analytics metadata API's JSON
                       shape (tables, columns, saved functions); the same file kql.schemaFile takes
  -h, --help           show this help
Without --data or --schema, queries are checked against the bundled sample workspace.

Exit status: 0 when no error was found (warnings allowed), 1 when any was, 2 on a usage error,
3 when the --data folder is missing or holds no table.
`;

interface CheckArgs {
  readonly files: readonly string[];
  readonly data?: string;
  readonly schema?: string;
  readonly help: boolean;
}

function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string', short: 'd' },
        schema: { type: 'string', short: 's' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as NodeJS.ErrnoException));
  }
  const { values, positionals } = parsed;
  if (values.help) return { files: [], help: true };
  if (values.data !== undefined && values.schema !== undefined)
    throw new UsageError('Give either --data or --schema, not both.');
  if (positionals.length === 0) throw new UsageError('No file to check: give one or more .kql or .kqlnb files.');
  return { files: positionals, data: values.data, schema: values.schema, help: false };
}

function schemaFor(args: CheckArgs, io: Io): WorkspaceSchema {
  const fetchedAt = new Date().toISOString();
  if (args.schema !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(args.schema, 'utf8');
    } catch (e) {
      throw new UsageError(`--schema: cannot read ${args.schema}: ${(e as Error).message}`);
    }
    try {
      return parseMetadataJson(text, { kind: 'file', label: args.schema, fetchedAt });
    } catch (e) {
      throw new UsageError(`--schema: ${e instanceof SchemaFileError ? e.message : String(e)}`);
    }
  }
  if (args.data !== undefined) {
    if (!fs.existsSync(args.data)) throw new DataError(`--data: ${args.data} does not exist.`);
    let loaded;
    try {
      loaded = loadData({ kind: 'folder', dir: args.data });
    } catch (e) {
      throw new DataError(`--data: ${e instanceof BackendError ? e.message : String(e)}`);
    }
    for (const w of loaded.warnings) io.stderr.write(`kql check: warning: ${w}\n`);
    return {
      source: { kind: 'folder', label: args.data, fetchedAt },
      tables: loaded.database.schemas,
      functions: loaded.database.functions,
    };
  }
  return CATALOGUE_SCHEMA;
}

export interface Finding {
  /** The notebook cell's 1-based number among all the notebook's cells; absent for a .kql file. */
  readonly cell?: number;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly code: string;
}

/** The errors and warnings of every query block of a file's text, 1-based positions in the file. */
export function checkText(text: string, analyzer: BlockAnalyzer): Finding[] {
  const lines = new LineMap(text);
  const findings: Finding[] = [];
  for (const block of splitQueryBlocks(text)) {
    for (const d of analyzer.diagnostics(analyzer.get(block.text))) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      const at = lines.positionAt(block.start + d.start);
      findings.push({
        line: at.line + 1,
        column: at.character + 1,
        severity: d.severity,
        message: d.message.replace(/\s*\r?\n\s*/g, ' '),
        code: d.code,
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The findings of each KQL cell of a notebook, checked as it runs: the definitions of the code cells
 * above it, then its own text as one query. What falls in those definitions is reported in the cell
 * that wrote them, so only a cell's own findings are kept, placed inside the cell.
 */
export function checkNotebookText(text: string, analyzer: BlockAnalyzer): Finding[] {
  const cells = readNotebook(text).cells;
  const code: { text: string; number: number }[] = [];
  cells.forEach((c, i) => {
    if (c.kind === 'code' && c.language === 'kql') code.push({ text: c.source, number: i + 1 });
  });
  const texts = code.map((c) => c.text);
  return code.flatMap((c, i) => {
    const scoped = scopeCell(texts, i);
    const checked = scoped.text.slice(0, scoped.offset) + cellAsOneQuery(c.text);
    return checkText(checked, analyzer)
      .filter((f) => f.line > scoped.lineOffset)
      .map((f) => ({ ...f, cell: c.number, line: f.line - scoped.lineOffset }));
  });
}

function checkFile(file: string, text: string, analyzer: BlockAnalyzer): Finding[] {
  if (!file.toLowerCase().endsWith('.kqlnb')) return checkText(text, analyzer);
  try {
    return checkNotebookText(text, analyzer);
  } catch (e) {
    if (!(e instanceof NotebookFormatError)) throw e;
    // A notebook that cannot be read fails the check, at its start: CI must not pass it silently.
    return [{ line: 1, column: 1, severity: 'error', message: e.message, code: 'KQLNB' }];
  }
}

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  let args: CheckArgs;
  let texts: { file: string; text: string }[];
  let schema: WorkspaceSchema;
  try {
    args = parseCheckArgs(argv);
    if (args.help) {
      io.stdout.write(CHECK_HELP);
      return 0;
    }
    texts = args.files.map((file) => {
      try {
        return { file, text: fs.readFileSync(file, 'utf8') };
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
    });
    schema = schemaFor(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kql check: ${e.message}\nRun kql check --help for usage.\n`);
      return EXIT_USAGE;
    }
    if (e instanceof DataError) {
      io.stderr.write(`kql check: ${e.message}\n`);
      return EXIT_DATA;
    }
    throw e;
  }
  setActiveSchema(schema);
  const analyzer = new BlockAnalyzer((message) => io.stderr.write(`kql check: ${message}\n`));
  let errors = 0;
  let warnings = 0;
  for (const { file, text } of texts) {
    for (const f of checkFile(file, text, analyzer)) {
      if (f.severity === 'error') errors++;
      else warnings++;
      const cell = f.cell !== undefined ? `cell ${f.cell}:` : '';
      io.stdout.write(`${file}:${cell}${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]\n`);
    }
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.stderr.write(
    `kql check: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(texts.length, 'file')} (schema: ${schema.source.label}).\n`,
  );
  return errors > 0 ? 1 : 0;
}
