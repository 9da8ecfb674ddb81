/**
 * The name the save dialog proposes for an export: the document's name and what the result is of
 * (`traffic-VMConnection.csv`): a table the result names (a `fork` branch, a statement's table), else
 * the table the query starts from; just the document's name (`traffic-results.csv`) when neither says.
 */

/** Words that start a query without naming a table. */
const NOT_TABLES = new Set([
  'datatable',
  'evaluate',
  'externaldata',
  'find',
  'print',
  'range',
  'search',
  'union',
  'materialize',
  'view',
  'toscalar',
]);
/** Names the engine and Log Analytics give a result table by default. */
const GENERIC_TABLE = /^(PrimaryResult|Table_\d+|)$/;

/** The table the query's last statement starts from, when it starts from one by name. */
export function sourceTable(queryText: string): string | undefined {
  const code = queryText.replace(/\/\/[^\n]*/g, '');
  const statements = code.split(';').filter((s) => s.trim() !== '');
  const last = statements.at(-1)?.trim() ?? '';
  const name = /^([A-Za-z_][\w]*)\b/.exec(last)?.[1];
  return name && !NOT_TABLES.has(name.toLowerCase()) && !/^(let|set|declare|alias|pattern)$/.test(name)
    ? name
    : undefined;
}

/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

export function exportFileName(
  documentName: string,
  tableName: string,
  queryText: string | undefined,
  extension: string,
): string {
  const base = documentName.replace(/\.[^.]+$/, '') || 'results';
  const what = GENERIC_TABLE.test(tableName) ? (queryText && sourceTable(queryText)) || 'results' : tableName;
  return `${base}-${what}.${extension}`.replace(UNSAFE, '_');
}
