export {
  loadDataFolder,
  loadDataFolderAsync,
  loadDataFile,
  loadDataFileAsync,
  openDataFolder,
  DATA_FILE_EXTENSIONS,
  type LoadedFolder,
  type OpenedFolder,
  type OpenOptions,
  type FolderChanges,
} from './folder';
export { scanDataFolder, type ScannedFolder } from './dataFolder';
export { LoadCache, DEFAULT_CACHE_BYTES } from './loadCache';
export type { LoadProgress, LoadControl } from './fileBytes';
export type { TableSource, ColumnSpec, SourceFile, FileFormat } from './tableSource';
export { DataFileError } from './dataFileError';
export { inferColumnType, convertCell } from './cells';
export { tablesNamedIn } from './queryTables';
