export { LocalBackend, DEFAULT_TIMEOUT_MS, type LocalBackendOptions } from './localBackend';
export { loadData, dataSourceLabel, type DataSource, type LoadedData } from './dataSource';
export { runLocalQuery, toResultTable, type LocalRunOptions } from './runQuery';
export { parseIsoDuration, timeRangeTicks } from './timeRange';
