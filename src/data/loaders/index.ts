export { convertCell, inferColumnType } from './cells';
export { DataFileError } from './dataFileError';
export { type ScannedFolder, scanDataFolder } from './dataFolder';
export type { LoadControl, LoadProgress } from './fileBytes';
export {
  DATA_FILE_EXTENSIONS,
  type FolderChanges,
  type LoadedFolder,
  loadDataFile,
  loadDataFileAsync,
  loadDataFolder,
  loadDataFolderAsync,
  type OpenedFolder,
  type OpenOptions,
  openDataFolder,
} from './folder';
export { DEFAULT_CACHE_BYTES, LoadCache } from './loadCache';
export { isMissingDataFolder, missingDataFolderMessage } from './missingFolder';
export { tablesNamedIn } from './queryTables';
export type { ColumnSpec, FileFormat, SourceFile, TableSource } from './tableSource';
