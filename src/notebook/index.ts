export * from './cellErrors';
export * from './cellScope';
export { cellsToKql, kqlToCells } from './kqlConversion';
export { cannotRunColumnsNote, cannotRunNote, missingColumns, missingTables } from './missingTables';
export * from './notebookFile';
export { ALL_MACHINES, computersLet, computersOf, hasComputersParameter, withComputers } from './parameters';
export { findReport, REPORTS, type Report, reportFile } from './reportCatalogue';
export { cellRowsText, resultPayload, tablesRowsText } from './resultPayload';
export { type Definition, definitionsOf, isDefinitionsOnly, type Statement, splitStatements } from './statements';
