/**
 * The function library's entry points for the executor: scalar and aggregate lookup by Kusto name
 * (aliases included), and the operator binders. See types.ts for the contract.
 */

import { bitwiseAggregates } from './aggregateBitwise';
import { collectionAggregates } from './aggregateCollections';
import { covarianceAggregates } from './aggregateCovariance';
import { schemaAggregates } from './aggregateSchema';
import { statisticalAggregates } from './aggregateStatistics';
import { basicAggregates } from './aggregates';
import { weightedPercentileAggregates } from './aggregateWeightedPercentiles';
import { arrayFunctions } from './arrayFunctions';
import { bagFunctions } from './bagFunctions';
import { columnIfExists } from './columnIfExists';
import { commandLineFunctions } from './commandLine';
import { conversionFunctions } from './conversions';
import { datetimeFunctions } from './datetimeFunctions';
import { sketchAggregates, sketchFunctions } from './distinctSketch';
import { dynamicFunctions } from './dynamicFunctions';
import { encodingFunctions } from './encodingFunctions';
import { estimateDataSizeFunctions } from './estimateDataSize';
import { extentFunctions } from './extentFunctions';
import { extractJsonFunctions } from './extractJson';
import { geoBuffers } from './geoBuffers';
import { geoCentroids } from './geoCentroids';
import { geoDensify } from './geoDensify';
import { geoDirections } from './geoDirections';
import { geoFromWkt } from './geoFromWkt';
import { geoFunctions } from './geoFunctions';
import { geoH3Cells } from './geoH3Cells';
import { geoH3Coverings } from './geoH3Coverings';
import { geoIntersections } from './geoIntersections';
import { geoIntersects } from './geoIntersects';
import { geoLinePoints } from './geoLinePoints';
import { geoLines } from './geoLines';
import { geoPolygons } from './geoPolygons';
import { geoS2Cells } from './geoS2Cells';
import { geoS2Coverings } from './geoS2Coverings';
import { geoS2Levels } from './geoS2Levels';
import { geoSimplify } from './geoSimplify';
import { geoUnions } from './geoUnions';
import { hashCombineFunctions } from './hashCombine';
import { hashFunctions } from './hashFunctions';
import { xxhashFunctions } from './hashXxhash';
import { ipv4Functions } from './ipv4Functions';
import { ipv4TextFunctions } from './ipv4TextFunctions';
import { ipv6Functions } from './ipv6Functions';
import { logicFunctions } from './logic';
import { mathFunctions } from './mathFunctions';
import { specialMathFunctions } from './mathSpecial';
import { userAgentFunctions } from './parseUserAgent';
import { parseVersionFunctions } from './parseVersion';
import { parseXmlFunctions } from './parseXml';
import { pathFunctions } from './pathFunctions';
import { punycodeFunctions } from './punycode';
import { regexQuoteFunctions } from './regexQuote';
import { seriesDecompose } from './seriesDecompose';
import { seriesFilters } from './seriesFilters';
import { seriesFit2Lines } from './seriesFit2Lines';
import { seriesFitPoly } from './seriesFitPoly';
import { seriesFourierFunctions } from './seriesFourier';
import { seriesFunctions } from './seriesFunctions';
import { seriesPeriodFunctions } from './seriesPeriods';
import { seriesStatistics } from './seriesStatistics';
import { stringFunctions } from './stringFunctions';
import { stringTextFunctions } from './stringTextFunctions';
import { tdigestAggregates, tdigestFunctions } from './tdigestSketch';
import { timezoneFunctions } from './timezoneFunctions';
import type { AggregateFunction, ScalarFunction, Volatility } from './types';
import { unitConversionFunctions } from './unitConversions';
import { urlFunctions } from './urlFunctions';
import { windowFunctions } from './windowFunctions';

export { bindPackAll, dynamicIndex } from './dynamicFunctions';
export { parseKustoJson } from './kustoJson';
export { bindBetween, bindListOperator, type ListImpl } from './listOperators';
export { bindBinaryOperator, bindUnaryOperator } from './operators';
export * from './types';

const scalars = new Map<string, ScalarFunction>();
const aggregates = new Map<string, AggregateFunction>();

function register<T extends { name: string; aliases?: readonly string[] }>(
  table: Map<string, T>,
  fns: readonly T[],
): void {
  for (const f of fns) {
    for (const name of [f.name, ...(f.aliases ?? [])]) {
      if (table.has(name)) {
        throw new Error(`function ${name} is defined twice`);
      }
      table.set(name, f);
    }
  }
}

register(scalars, [
  ...logicFunctions,
  ...conversionFunctions,
  ...datetimeFunctions,
  ...stringFunctions,
  ...dynamicFunctions,
  ...ipv4Functions,
  ...ipv4TextFunctions,
  ...ipv6Functions,
  ...mathFunctions,
  ...hashFunctions,
  ...xxhashFunctions,
  ...hashCombineFunctions,
  ...stringTextFunctions,
  ...encodingFunctions,
  ...arrayFunctions,
  ...bagFunctions,
  ...seriesFunctions,
  ...seriesStatistics,
  ...seriesFit2Lines,
  ...seriesFitPoly,
  ...seriesDecompose,
  ...seriesFilters,
  ...seriesFourierFunctions,
  ...seriesPeriodFunctions,
  ...specialMathFunctions,
  ...unitConversionFunctions,
  ...sketchFunctions,
  ...tdigestFunctions,
  ...timezoneFunctions,
  ...urlFunctions,
  ...punycodeFunctions,
  ...parseXmlFunctions,
  ...extentFunctions,
  ...pathFunctions,
  ...extractJsonFunctions,
  ...geoFunctions,
  ...geoDirections,
  ...geoH3Cells,
  ...geoH3Coverings,
  ...geoS2Cells,
  ...geoS2Coverings,
  ...geoS2Levels,
  ...geoPolygons,
  ...geoLines,
  ...geoIntersects,
  ...geoCentroids,
  ...geoLinePoints,
  ...geoDensify,
  ...geoUnions,
  ...geoIntersections,
  ...geoBuffers,
  ...geoSimplify,
  ...geoFromWkt,
  ...regexQuoteFunctions,
  ...commandLineFunctions,
  ...parseVersionFunctions,
  ...userAgentFunctions,
  ...estimateDataSizeFunctions,
  ...windowFunctions,
  columnIfExists,
]);
register(aggregates, [
  ...basicAggregates,
  ...collectionAggregates,
  ...statisticalAggregates,
  ...covarianceAggregates,
  ...bitwiseAggregates,
  ...weightedPercentileAggregates,
  ...schemaAggregates,
  ...sketchAggregates,
  ...tdigestAggregates,
]);

/** A scalar function by the name Kusto.Language gives it (case-sensitive), or undefined if not implemented. */
export function scalarFunction(name: string): ScalarFunction | undefined {
  return scalars.get(name);
}

/** An aggregation function by the name Kusto.Language gives it, or undefined if not implemented. */
export function aggregateFunction(name: string): AggregateFunction | undefined {
  return aggregates.get(name);
}

/** A call's volatility by name: the scalar function's own (see Volatility); 'pure' for names it does not know. */
export function callVolatility(name: string): Volatility {
  return scalars.get(name)?.volatility ?? 'pure';
}

/**
 * The window functions (their definitions say `window`): Kusto admits them only over serialized input,
 * and their value at a row depends on the rows before it.
 */
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set(
  [...scalars.values()].filter((f) => f.window).map((f) => f.name),
);

/** Every implemented scalar function name (aliases included), for diagnostics and tests. */
export function scalarFunctionNames(): string[] {
  return [...scalars.keys()].sort();
}

export function aggregateFunctionNames(): string[] {
  return [...aggregates.keys()].sort();
}
