/**
 * evaluate geo_polygon_lookup(LookupTable, LookupPolygonKey, SourceLongitude, SourceLatitude
 * [, radius] [, return_unmatched] [, lookup_area_radius] [, return_lookup_key]) and geo_line_lookup
 * (the same, its radius required): the optional arguments by position or by name, each a constant.
 * The output schema is the binder's: the input's columns, then the lookup table's (less the key
 * column unless return_lookup_key is true), same names made unique as Kusto.Language does.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, kindOf, nameText, schemaOf, spanOf, type Node } from './syntax';
import type { Plan } from './types';

const OPTIONAL = ['radius', 'return_unmatched', 'lookup_area_radius', 'return_lookup_key'] as const;
type Optional = (typeof OPTIONAL)[number];

export function lowerGeoLookup(
  name: 'geo_polygon_lookup' | 'geo_line_lookup',
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const args = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  if (args.length < 4 || (name === 'geo_line_lookup' && args.length < 5)) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-ARGUMENT',
      `${name} takes the lookup table, its ${name === 'geo_line_lookup' ? 'line' : 'polygon'} column, the longitude and latitude columns${name === 'geo_line_lookup' ? ' and a radius' : ''}.`,
    );
  }
  const lookup = ctx.tabular(args[0]!, ctx);
  const keyNode = args[1]!;
  const key = keyNode.ReferencedSymbol?.Name ?? nameText(keyNode);
  if (!lookup.schema.some((c) => c.name === key)) {
    throw ctx.errors.at(spanOf(keyNode), 'KQL-ARGUMENT', `${name}: '${key}' is not a column of the lookup table.`);
  }
  const options = new Map<Optional, unknown>();
  args.slice(4).forEach((arg, n) => {
    const named =
      kindOf(arg) === 'SimpleNamedExpression' ? (arg as Kusto.Language.Syntax.SimpleNamedExpression) : undefined;
    const option = named ? (nameText(named.Name).toLowerCase() as Optional) : OPTIONAL[n];
    const valueNode = named ? named.Expression! : arg;
    const value = lowerExpr(valueNode, ctx);
    if (!option || !OPTIONAL.includes(option)) {
      throw ctx.errors.at(spanOf(arg), 'KQL-ARGUMENT', `${name} has no argument '${option ?? n + 5}'.`);
    }
    if (value.k !== 'literal') {
      throw ctx.errors.at(spanOf(valueNode), 'KQL-ARGUMENT', `${name}: ${option} must be a constant.`);
    }
    options.set(option, value.value);
  });
  const number = (option: Optional): number | undefined => {
    const v = options.get(option);
    if (v === undefined || v === null) {
      return undefined;
    }
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      throw ctx.errors.at(
        spanOf(op),
        'KQL-ARGUMENT',
        `${name}: ${option} is a length in meters, 0 or more, not ${String(v)}.`,
      );
    }
    return n;
  };
  const radius = number('radius');
  if (name === 'geo_line_lookup' && radius === undefined) {
    throw ctx.errors.at(spanOf(call), 'KQL-ARGUMENT', 'geo_line_lookup: the radius (meters) is required.');
  }
  return {
    k: 'geoLookup',
    input,
    lookup,
    shape: name === 'geo_line_lookup' ? 'line' : 'polygon',
    key,
    longitude: lowerExpr(args[2]!, ctx),
    latitude: lowerExpr(args[3]!, ctx),
    radius,
    returnUnmatched: options.get('return_unmatched') === true,
    lookupAreaRadius: number('lookup_area_radius'),
    returnKey: options.get('return_lookup_key') === true,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
