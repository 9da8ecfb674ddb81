/**
 * The function library's entry points for the executor: scalar and aggregate lookup by Kusto name
 * (aliases included), and the operator binders. See types.ts for the contract.
 */
import type { AggregateFunction, ScalarFunction } from './types';
import { conversionFunctions } from './conversions';
import { logicFunctions } from './logic';

export * from './types';
export { bindBinaryOperator, bindUnaryOperator } from './operators';
export { bindListOperator, bindBetween, type ListImpl } from './listOperators';

const scalars = new Map<string, ScalarFunction>();
const aggregates = new Map<string, AggregateFunction>();

function register<T extends { name: string; aliases?: readonly string[] }>(table: Map<string, T>, fns: readonly T[]): void {
  for (const f of fns) {
    for (const name of [f.name, ...(f.aliases ?? [])]) {
      if (table.has(name)) {
        throw new Error(`function ${name} is defined twice`);
      }
      table.set(name, f);
    }
  }
}

register(scalars, [...logicFunctions, ...conversionFunctions]);
register(aggregates, []);

/** A scalar function by the name Kusto.Language gives it (case-sensitive), or undefined if not implemented. */
export function scalarFunction(name: string): ScalarFunction | undefined {
  return scalars.get(name);
}

/** An aggregation function by the name Kusto.Language gives it, or undefined if not implemented. */
export function aggregateFunction(name: string): AggregateFunction | undefined {
  return aggregates.get(name);
}

/** Every implemented scalar function name (aliases included), for diagnostics and tests. */
export function scalarFunctionNames(): string[] {
  return [...scalars.keys()].sort();
}

export function aggregateFunctionNames(): string[] {
  return [...aggregates.keys()].sort();
}
