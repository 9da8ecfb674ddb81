/** Where the local engine's tables come from: the generated sample workspace or a folder of exported files. */
import { type FolderChanges, LoadCache, type LoadProgress, openDataFolder } from '../../data/loaders';
import { DEFAULT_RECORD_LIMIT_MB, setRecordLimit } from '../../data/loaders/recordLimit';
import { sampleDatabase } from '../../data/sample';
import type { Database } from '../../engine/database';
import { BackendError } from '../../results/errors';
import type { FolderView } from './folderGaps';

export type DataSource =
  | {
      readonly kind: 'sample' /** ISO datetime to pin the workspace's "now"; default the current time. */;
      readonly now?: string;
      readonly scale?: number;
    }
  | {
      readonly kind: 'folder';
      readonly dir: string;
      /** Where loaded tables are kept for the next load of the same files; none: no cache. */
      readonly cacheDir?: string;
      readonly cacheMaxBytes?: number;
      /** The most one record of a file may take (kql.local.recordLimitMB, kql --record-limit); default 64 MB. */
      readonly recordLimitBytes?: number;
    };

export interface LoadedData {
  readonly database: Database;
  /** Files that could not be loaded, each with file:line:column. */
  readonly warnings: readonly string[];
  /** The "now" queries should see (the pinned now of a pinned sample workspace), in ms. */
  readonly nowMs?: number;
  /** Loads, before a query runs, the tables it names that load asynchronously (Parquet); `check` throws to stop. */
  readonly prepare?: (query: string, check?: () => void) => Promise<void>;
  /** A data folder's: load the JSON Lines tables a query names, with their late keys as columns (OpenedFolder.widenFor). */
  readonly widenFor?: (query: string, check?: () => void) => string[];
  /** A data folder's: reload the tables whose files changed, keep the rest. */
  readonly refresh?: () => FolderChanges;
  /** A data folder's place and tables (now), for errors that name what it lacks. */
  readonly folder?: FolderView;
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

export interface LoadDataOptions {
  /** Progress of each table's load from files. */
  readonly onProgress?: (p: LoadProgress) => void;
}

export function loadData(source: DataSource, options: LoadDataOptions = {}): LoadedData {
  if (source.kind === 'sample') {
    const nowMs = source.now !== undefined ? parseNow(source.now) : undefined;
    // Tables are generated on first use: a query reading no table or a small one never waits for VMConnection.
    const database = sampleDatabase({ now: nowMs !== undefined ? new Date(nowMs) : undefined, scale: source.scale });
    return { database, warnings: [], nowMs };
  }
  let opened;
  try {
    // Only the tables' columns are read now; each table's rows load on the first query that reads it.
    // One value for the process: the loaders read it as they scan (recordLimit.ts).
    setRecordLimit(source.recordLimitBytes ?? DEFAULT_RECORD_LIMIT_MB << 20);
    const cache = source.cacheDir ? new LoadCache(source.cacheDir, source.cacheMaxBytes) : undefined;
    opened = openDataFolder(source.dir, { cache, onProgress: options.onProgress });
  } catch (e) {
    throw new BackendError('data', (e as Error).message);
  }
  if (opened.tables.length === 0) {
    throw new BackendError('data', [`No table could be loaded from ${source.dir}.`, ...opened.warnings].join('\n'));
  }
  const tables = opened;
  return {
    database: opened.database,
    warnings: opened.warnings,
    prepare: opened.prepare,
    widenFor: opened.widenFor,
    refresh: opened.refresh,
    folder: {
      dir: source.dir,
      get tables() {
        return tables.tables;
      },
    },
  };
}

const mb = (bytes: number) => (bytes >= 10 * 1048576 ? (bytes / 1048576).toFixed(0) : (bytes / 1048576).toFixed(1));

/** "Loading VMConnection: 2 of 12 files, 1.2M rows, 80 of 219 MB" */
export function describeLoadProgress(p: LoadProgress): string {
  const rows =
    p.rows >= 1e6 ? `${(p.rows / 1e6).toFixed(1)}M` : p.rows >= 1e3 ? `${(p.rows / 1e3).toFixed(0)}k` : String(p.rows);
  const files = p.files > 1 ? `${p.filesDone} of ${p.files} files, ` : '';
  return `Loading ${p.table}: ${files}${rows} rows, ${mb(p.bytes)} of ${mb(p.totalBytes)} MB`;
}
