export { analyze, analyzeOrThrow, firstError, type AnalyzedQuery, type AnalyzeOptions } from './analyze';
export { splitQueryBlocks, blockAt, type QueryBlock } from './blocks';
export { KqlError, isKqlError, type KqlDiagnostic, type KqlSeverity } from './errors';
export {
  globalsFor,
  globalsForSchema,
  globalsWithAmbient,
  activeBaseGlobals,
  activeSchema,
  setActiveSchema,
  tableSymbol,
  functionSymbol,
  kqlTypeOf,
  DATABASE_NAME,
  CROSS_RESOURCE_FUNCTIONS,
} from './globals';
export { buildDeferredGrammar, deferQueryGrammar, deferredGrammarState } from './deferredGrammar';
export { kusto, cancellationToken, items, toArray, bridgeItems, type KustoLanguage } from './kustoLibrary';
export { LineMap, formatPosition, type Position, type Range } from './positions';
export { kqlString, kqlStringList, kqlIdentifier } from './literals';
export { schemaGaps } from './schemaGaps';
