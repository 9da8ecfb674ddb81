export * from './notebookFile';
export * from './cellScope';
export * from './cellErrors';
export { splitStatements, definitionsOf, isDefinitionsOnly, type Definition, type Statement } from './statements';
export { kqlToCells, cellsToKql } from './kqlConversion';
export { REPORTS, findReport, reportFile, type Report } from './reportCatalogue';
export { ALL_MACHINES, computersLet, computersOf, hasComputersParameter, withComputers } from './parameters';
export { cannotRunNote, missingTables } from './missingTables';
