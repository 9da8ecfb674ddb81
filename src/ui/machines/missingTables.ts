/**
 * Which of the tables a view reads the workspace lacks, and what to say about it. A data folder of a
 * user's own exports often has VMConnection without VMProcess (its export rule left it out); a fuzzy
 * union of two absent tables fails, so the Machines view and the map's compare ask the backend's schema
 * first and say which table is missing and which file or feature would provide it. Pure (no vscode).
 */

import type { QueryBackend } from '../../backends/queryBackend';
import type { BackendId } from '../../results/queryResult';

/** The tables a machine's processes come from (VM insights, then Service Map). */
export const PROCESS_TABLES = ['VMProcess', 'ServiceMapProcess_CL'] as const;
/** The tables the machines level lists machines from (its inventory's union and its traffic). */
export const MACHINE_TABLES = ['VMConnection', 'VMComputer', 'ServiceMapComputer_CL'] as const;
/** The table listening ports come from. */
export const PORT_TABLES = ['VMBoundPort'] as const;

/**
 * How long a Log Analytics backend's table list answers these checks: there each schema() is a
 * metadata API request (hundreds of tables, megabytes), and expanding ten machines' Processes must not
 * send ten. The backend is rebuilt when its settings or sign-in change, which starts a new list. The
 * local engine's schema is in memory and changes in place when the data folder does: read each time.
 */
export const TABLE_LIST_TTL_MS = 5 * 60_000;

const tableLists = new WeakMap<object, { at: number; names: Promise<Set<string> | undefined> }>();

/** The backend's table names, read once per TABLE_LIST_TTL_MS; undefined when they cannot be read. */
function tableNames(
  backend: Pick<QueryBackend, 'id' | 'schema'>,
  signal: AbortSignal | undefined,
  now: number,
): Promise<Set<string> | undefined> {
  const held = backend.id === 'local' ? undefined : tableLists.get(backend);
  if (held && now - held.at < TABLE_LIST_TTL_MS) {
    return held.names;
  }
  // A schema that cannot be read (throttled, offline) says nothing: the caller's query will say more.
  const names = backend.schema!(signal).then(
    (schema) => new Set(schema.tables.map((t) => t.name)),
    () => undefined,
  );
  tableLists.set(backend, { at: now, names });
  // A failed or cancelled read is not kept: the next check asks again.
  void names.then((n) => {
    if (!n && tableLists.get(backend)?.names === names) tableLists.delete(backend);
  });
  return names;
}

/**
 * The names among `tables` the backend's schema does not list, compared case-sensitively as KQL
 * names are. Undefined when the backend cannot list its tables (then the caller just runs its query).
 */
export async function missingTables(
  backend: Pick<QueryBackend, 'id' | 'schema'>,
  tables: readonly string[],
  signal?: AbortSignal,
  now = Date.now(),
): Promise<string[] | undefined> {
  if (!backend.schema) {
    return undefined;
  }
  const present = await tableNames(backend, signal, now);
  return present && tables.filter((t) => !present.has(t));
}

/** Where `table` would come from, for the backend the user is on. */
function providedBy(table: string, backend: BackendId): string {
  if (backend === 'local') {
    const base = table.replace(/_CL$/, '');
    return table.endsWith('_CL')
      ? `${table}.csv, .json or .parquet`
      : `${table}.csv, .json or .parquet, or a data export rule's am-${base} folder`;
  }
  return table.startsWith('ServiceMap')
    ? `Service Map's ${table}`
    : `${table}, which VM insights writes when its Map (the Dependency agent) is enabled`;
}

/**
 * "No process table: neither VMProcess nor ServiceMapProcess_CL is in the data folder (Files: ./exports).
 * Add VMProcess.csv, .json or .parquet, or a data export rule's am-VMProcess folder."
 */
export function missingTablesText(
  what: string,
  tables: readonly string[],
  backend: Pick<QueryBackend, 'id' | 'label'>,
): string {
  const where = backend.id === 'local' ? `the data folder (${backend.label})` : `the workspace (${backend.label})`;
  const names =
    tables.length === 1
      ? tables[0]
      : tables.length === 2
        ? `neither ${tables[0]} nor ${tables[1]}`
        : `none of ${tables.slice(0, -1).join(', ')} or ${tables.at(-1)}`;
  const verb = tables.length === 1 ? `${names} is not in ${where}` : `${names} is in ${where}`;
  const first = tables[0] ?? '';
  const fix =
    backend.id === 'local' ? `Add ${providedBy(first, 'local')}.` : `It needs ${providedBy(first, 'logAnalytics')}.`;
  return `No ${what}: ${verb}. ${fix}`;
}
