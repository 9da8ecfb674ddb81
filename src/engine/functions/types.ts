/**
 * The contract between the executor (src/engine/exec, plan) and the function library
 * (src/engine/functions). Functions are bound once per call site, with the argument and result types
 * Kusto.Language inferred, and then run row by row on values in the representation of values.ts.
 */
import type { KqlType, Value } from '../values';

export interface CallContext {
  /** "now" for this query, in ticks: every now()/ago() of one query sees the same instant. */
  readonly now: number;
}

export type ScalarImpl = (args: readonly Value[]) => Value;

/**
 * When a call's value can be computed once instead of per row. 'pure': the same arguments give the
 * same value (the optimizer folds it when they are constants). 'query': fixed for one run of a query
 * (now(), ago(): folded when the run starts, never into a cached plan). 'row': differs from row to
 * row whatever its arguments (rand(), new_guid(), the window functions): never folded, cached or
 * moved past an operator that changes the rows.
 */
export type Volatility = 'pure' | 'query' | 'row';

export interface ScalarFunction {
  /** The function's name as Kusto.Language's FunctionSymbol.Name gives it, e.g. 'bin', 'parse_ipv4'. */
  readonly name: string;
  /** Other names of the same function (iif → iff, todouble → toreal, bag_pack → pack). */
  readonly aliases?: readonly string[];
  /** Default 'pure'. */
  readonly volatility?: Volatility;
  /**
   * Builds the implementation for one call site. `constArgs[i]` holds argument i's value when it is a
   * literal or constant expression (e.g. a regex, a format string), so work can be done once.
   * Throws UnsupportedError for an overload the library does not implement.
   */
  bind(argTypes: readonly KqlType[], resultType: KqlType, ctx: CallContext, constArgs: readonly (Value | undefined)[]): ScalarImpl;
}

export interface AggregateImpl<S = unknown> {
  init(): S;
  /** Folds one row's argument values into the state and returns it (it may mutate and return the same). */
  step(state: S, args: readonly Value[]): S;
  /**
   * The aggregate's value. Aggregates with several output columns (arg_max/arg_min, percentiles)
   * return one value per output column, in the order of Kusto's result schema.
   */
  result(state: S): Value | readonly Value[];
}

export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** True when result() returns an array of values, one per output column. */
  readonly multiOutput?: boolean;
  bind(argTypes: readonly KqlType[], resultType: KqlType, ctx: CallContext, constArgs: readonly (Value | undefined)[]): AggregateImpl;
}

export type BinaryImpl = (left: Value, right: Value) => Value;
export type UnaryImpl = (operand: Value) => Value;

/** Thrown by bind() for what is not implemented; the executor turns it into a KqlError at the call's position. */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

/** Thrown at run time for a failure Kusto reports as an error (not a null), e.g. a bad regex. */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}
