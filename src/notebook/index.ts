export { showsBackendStatus } from './backendStatus';
export * from './cellErrors';
export * from './cellScope';
export { ExecutionOrders, runDurationMs } from './executionOrder';
export { cellsToKql, kqlToCells } from './kqlConversion';
export { computersFromPick, computersSummary, machinePickList, nextMachineSelection } from './machinePick';
export { cannotRunColumnsNote, cannotRunNote, missingColumns, missingTables } from './missingTables';
export * from './notebookFile';
export {
  type CellOutputMetadata,
  errorTextWithBackend,
  resultOutputMetadata,
  savedOutputMetadata,
} from './outputMetadata';
export { ALL_MACHINES, computersLet, computersOf, hasComputersParameter, withComputers } from './parameters';
export { findReport, REPORTS, type Report, reportFile } from './reportCatalogue';
export { cellRowsText, resultPayload, tablesRowsText } from './resultPayload';
export { runningNote } from './runningNote';
export { type Definition, definitionsOf, isDefinitionsOnly, type Statement, splitStatements } from './statements';
export { wrapWords } from './wrapWords';
