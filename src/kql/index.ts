export { analyze, analyzeOrThrow, firstError, type AnalyzedQuery, type AnalyzeOptions } from './analyze';
export { splitQueryBlocks, blockAt, type QueryBlock } from './blocks';
export { KqlError, isKqlError, type KqlDiagnostic, type KqlSeverity } from './errors';
export { globalsFor, globalsWithAmbient, tableSymbol, kqlTypeOf, DATABASE_NAME } from './globals';
export { kusto, cancellationToken, items, toArray, bridgeItems, type KustoLanguage } from './kustoLibrary';
export { LineMap, formatPosition, type Position, type Range } from './positions';
export { kqlString, kqlStringList, kqlIdentifier } from './literals';
