export { type AnalyzedQuery, type AnalyzeOptions, analyze, analyzeOrThrow, firstError } from './analyze';
export { spanHoldsCursor, type TextSpan } from './blankedReach';
export { blankSpans } from './blankSpans';
export { blockAt, type QueryBlock, splitQueryBlocks } from './blocks';
export { buildDeferredGrammar, deferQueryGrammar, deferredGrammarState } from './deferredGrammar';
export { isKqlError, type KqlDiagnostic, KqlError, type KqlSeverity } from './errors';
export {
  activeBaseGlobals,
  activeSchema,
  CROSS_RESOURCE_FUNCTIONS,
  DATABASE_NAME,
  functionSymbol,
  globalsFor,
  globalsForSchema,
  globalsWithAmbient,
  kqlTypeOf,
  setActiveSchema,
  tableSymbol,
} from './globals';
export {
  type GraphInputError,
  type GraphSafeAnalysis,
  parseAndAnalyzeGraphSafe,
  queryDiagnostics,
} from './graphInputCrash';
export {
  bridgeItems,
  cancellationToken,
  isCancellation,
  items,
  type KustoLanguage,
  kusto,
  libraryCodeCacheState,
  saveLibraryCodeCache,
  toArray,
} from './kustoLibrary';
export { kqlIdentifier, kqlString, kqlStringList } from './literals';
export { formatPosition, LineMap, type Position, type Range } from './positions';
export { schemaGaps } from './schemaGaps';
export { deepestBracket, MAX_PARSE_CHARS, MAX_SYNTAX_DEPTH, nestingDepth, textLimitError } from './textScreen';
