/** Where the local engine's tables come from: the generated sample workspace or a folder of exported files. */
import { loadDataFolder } from '../../data/loaders';
import { sampleDatabase } from '../../data/sample';
import { Database } from '../../engine/database';
import { BackendError } from '../../results/errors';

export type DataSource =
  | { readonly kind: 'sample'; /** ISO datetime to pin the workspace's "now"; default the current time. */ readonly now?: string; readonly scale?: number }
  | { readonly kind: 'folder'; readonly dir: string };

export interface LoadedData {
  readonly database: Database;
  /** Files that could not be loaded, each with file:line:column. */
  readonly warnings: readonly string[];
  /** The "now" queries should see (the pinned now of a pinned sample workspace), in ms. */
  readonly nowMs?: number;
}

export function dataSourceLabel(source: DataSource): string {
  return source.kind === 'sample' ? 'Sample workspace' : `Files: ${source.dir}`;
}

export function parseNow(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new BackendError('config', `"${text}" is not an ISO-8601 datetime.`);
  }
  return ms;
}

export function loadData(source: DataSource): LoadedData {
  if (source.kind === 'sample') {
    const nowMs = source.now !== undefined ? parseNow(source.now) : undefined;
    // Tables are generated on first use: a query reading no table or a small one never waits for VMConnection.
    const database = sampleDatabase({ now: nowMs !== undefined ? new Date(nowMs) : undefined, scale: source.scale });
    return { database, warnings: [], nowMs };
  }
  let loaded;
  try {
    loaded = loadDataFolder(source.dir);
  } catch (e) {
    throw new BackendError('data', (e as Error).message);
  }
  if (loaded.tables.length === 0) {
    throw new BackendError('data', [`No table could be loaded from ${source.dir}.`, ...loaded.warnings].join('\n'));
  }
  return { database: new Database(loaded.tables), warnings: loaded.warnings };
}
