/**
 * The arguments of the pattern-mining plugins, by position as the reference gives them, `'~'` for a
 * default:
 *   basket([Threshold, WeightColumn, MaxDimensions, CustomWildcard, …])
 *   autocluster([SizeWeight, WeightColumn, NumSeeds, CustomWildcard, …])
 *   diffpatterns(SplitColumn, SplitValueA, SplitValueB [, WeightColumn, Threshold, MaxDimensions, CustomWildcard, …])
 * Each must be a constant (or a column, for WeightColumn and SplitColumn); a CustomWildcard is a
 * literal whose type picks the columns it stands in for. The output schema is the binder's.
 */
import { valueToString } from '../valueText';
import type { KqlType, Value } from '../values';
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, schemaOf, spanOf, type Node } from './syntax';
import type { Expr, PatternOptions, Plan, Span } from './types';

type Plugin = 'basket' | 'autocluster' | 'diffpatterns';

const NUMERIC: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal']);
const INTEGER: ReadonlySet<KqlType> = new Set(['int', 'long']);

export function lowerPatternPlugin(
  plugin: Plugin,
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const args = elementsOf(call.ArgumentList?.Expressions).map((a) => lowerExpr(a, ctx));
  const fail = (span: Span, message: string): never => {
    throw ctx.errors.at(span, 'KQL-ARGUMENT', `${plugin}: ${message}`);
  };
  const isDefault = (e: Expr | undefined) => !e || (e.k === 'literal' && e.value === '~');
  const constant = (e: Expr, what: string): Value =>
    e.k === 'literal' ? e.value : fail(e.span, `${what} must be a constant.`);
  const number = (e: Expr | undefined, what: string, fallback: number, ok: (n: number) => boolean, range: string) => {
    if (isDefault(e)) {
      return fallback;
    }
    const v = constant(e!, what);
    const n = typeof v === 'number' ? v : Number.NaN;
    return ok(n) ? n : fail(e!.span, `${what} is ${range}, not ${valueToString(v, e!.type)}.`);
  };
  const column = (e: Expr, what: string, types?: ReadonlySet<KqlType>, kinds?: string): string => {
    const name = e.k === 'column' ? e.name : e.k === 'literal' && typeof e.value === 'string' ? e.value : undefined;
    const def = input.schema.find((c) => c.name === name);
    if (!def) {
      return fail(e.span, `the ${what} must be a column of the input${name ? `; there is no '${name}'` : ''}.`);
    }
    if (types && !types.has(def.type)) {
      return fail(e.span, `the ${what} '${def.name}' is ${def.type}; it must be ${kinds}.`);
    }
    return def.name;
  };
  const weightAt = (i: number) =>
    isDefault(args[i])
      ? undefined
      : plugin === 'autocluster'
        ? column(args[i]!, 'WeightColumn', INTEGER, 'an integer column (int or long)')
        : column(args[i]!, 'WeightColumn', NUMERIC, 'a numeric column (int, long, real or decimal)');
  const threshold = (e: Expr | undefined) =>
    number(e, 'Threshold', 0.05, (n) => n >= 0.015 && n <= 1, 'a number from 0.015 to 1');
  const maxDimensions = (e: Expr | undefined, fallback: number) =>
    number(e, 'MaxDimensions', fallback, (n) => Number.isInteger(n) && n >= 1, 'a whole number, 1 or more');

  let options: Omit<PatternOptions, 'wildcards'>;
  let firstWildcard: number;
  if (plugin === 'diffpatterns') {
    if (args.length < 3) {
      fail(spanOf(call), 'SplitColumn, SplitValueA and SplitValueB are required.');
    }
    const splitText = (e: Expr, what: string) => {
      const v = constant(e, what);
      return v === null ? fail(e.span, `${what} must not be null.`) : valueToString(v, e.type);
    };
    const split = {
      column: column(args[0]!, 'SplitColumn'),
      a: splitText(args[1]!, 'SplitValueA'),
      b: splitText(args[2]!, 'SplitValueB'),
    };
    if (split.a === split.b) {
      fail(args[2]!.span, `SplitValueA and SplitValueB are both '${split.a}'; the two sets must differ.`);
    }
    options = {
      split,
      weight: weightAt(3),
      threshold: threshold(args[4]),
      maxDimensions: maxDimensions(args[5], Number.POSITIVE_INFINITY),
      sizeWeight: 0.5,
      numSeeds: 25,
    };
    firstWildcard = 6;
  } else if (plugin === 'basket') {
    options = {
      threshold: threshold(args[0]),
      weight: weightAt(1),
      maxDimensions: maxDimensions(args[2], 5),
      sizeWeight: 0.5,
      numSeeds: 25,
    };
    firstWildcard = 3;
  } else {
    options = {
      sizeWeight: number(args[0], 'SizeWeight', 0.5, (n) => n >= 0 && n <= 1, 'a number from 0 to 1'),
      weight: weightAt(1),
      numSeeds: number(args[2], 'NumSeeds', 25, (n) => Number.isInteger(n) && n >= 1, 'a whole number, 1 or more'),
      threshold: 0.05,
      maxDimensions: Number.POSITIVE_INFINITY,
    };
    firstWildcard = 3;
  }
  const wildcards: Partial<Record<KqlType, Value>> = {};
  for (const e of args.slice(firstWildcard)) {
    if (isDefault(e)) {
      continue;
    }
    const v = constant(e, 'a CustomWildcard');
    if (e.type in wildcards) {
      fail(e.span, `two CustomWildcard values of type ${e.type}; give one per type.`);
    }
    wildcards[e.type] = v;
  }
  return { k: 'patterns', input, plugin, options: { ...options, wildcards }, span: spanOf(op), schema: schemaOf(op) };
}
