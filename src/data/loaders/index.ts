export { loadDataFolder, loadDataFile, DATA_FILE_EXTENSIONS, type LoadedFolder } from './folder';
export { DataFileError } from './dataFileError';
export { inferColumnType, convertCell } from './cells';
