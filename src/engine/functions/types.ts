/**
 * The contract between the executor (src/engine/exec, plan) and the function library
 * (src/engine/functions). Functions are bound once per call site, with the argument and result types
 * Kusto.Language inferred, and then run row by row on values in the representation of values.ts.
 */
import type { NumberColumn } from '../column';
import type { KqlType, Value } from '../values';

/** How many rows a loop (an executor's or a kernel's) processes between cancellation/deadline checks. */
export const CHECK_INTERVAL = 4096;

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
  bind(
    argTypes: readonly KqlType[],
    resultType: KqlType,
    ctx: CallContext,
    constArgs: readonly (Value | undefined)[],
  ): ScalarImpl;
  /**
   * A window function: its value at a row depends on other rows (prev, row_cumsum), so Kusto admits it
   * only over serialized input and it runs through `rowKernel`, never row by row through `bind`.
   */
  readonly window?: boolean;
  /**
   * The result type of a call with these argument types, for calls the engine builds itself (Kusto.Language
   * types every call a user writes); undefined when the function cannot say.
   */
  resultType?(argTypes: readonly KqlType[]): KqlType | undefined;
  /**
   * For a bucketing call (bin: floor(x / step) * step of its first argument), the step; undefined for other
   * shapes. Grouping by such a call uses bucket numbers as group ids, and rows run a floor on the raw number.
   */
  bucketStep?(call: CallShape): number | undefined;
  /**
   * A faster evaluator for some call shapes, built from the arguments' evaluators (which read through any
   * row selection) and the rows it runs over; undefined leaves the call to `bind`. It must give exactly
   * what `bind` gives; `impl` is `bind`'s implementation for this call (undefined for a window function),
   * for the rows the kernel leaves to it. A window function's evaluator is always its row kernel's.
   */
  rowKernel?(
    call: CallShape,
    args: readonly RowEvaluator[],
    rows: KernelRows,
    impl: ScalarImpl | undefined,
  ): RowEvaluator | undefined;
  /** A whole-column kernel over one number argument, for some call shapes (see ColumnKernel). */
  columnKernel?(call: CallShape): ColumnKernel | undefined;
}

/** A call site as a kernel sees it: argument types and constant values, and the result type Kusto inferred. */
export interface CallShape {
  readonly argTypes: readonly KqlType[];
  /** Argument i's value when it is a constant (after folding), else undefined. */
  readonly constArgs: readonly (Value | undefined)[];
  readonly resultType: KqlType;
}

/** One value per row number of the rows a kernel runs over. */
export type RowEvaluator = (row: number) => Value;

/** What a row kernel may read of the rows it runs over. */
export interface KernelRows {
  readonly rowCount: number;
  /** A reader of the input's column of that name, or undefined when it has none. */
  column(name: string): RowEvaluator | undefined;
  /** Throws when the query is cancelled or over its limits: kernels that loop call it every few thousand rows. */
  check(): void;
}

/** A number column read in place: its storage, and a selection's row numbers when it is one (−1 is a null row). */
export interface NumberInput {
  readonly source: NumberColumn;
  readonly rows?: Int32Array;
}

/** A computed number column: its values, and a set flag in `nulls` for a null. */
export interface NumberOutput {
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
}

/**
 * One typed loop from argument `arg`'s numbers to the call's numbers for `n` rows, instead of a chain of
 * per-row calls. run() gives exactly what `bind` gives, or undefined to leave the call to `bind`.
 */
export interface ColumnKernel {
  readonly arg: number;
  run(input: NumberInput, n: number, check: () => void): NumberOutput | undefined;
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
  bind(
    argTypes: readonly KqlType[],
    resultType: KqlType,
    ctx: CallContext,
    constArgs: readonly (Value | undefined)[],
  ): AggregateImpl;
  /** The result type for these argument types, for aggregates the engine builds itself (see ScalarFunction). */
  resultType?(argTypes: readonly KqlType[]): KqlType | undefined;
  /**
   * A typed loop over all groups at once for some call shapes, instead of step() per row; undefined leaves
   * the call to step(). It must give what init/step/result give.
   */
  fold?(call: AggregateShape): TypedFold | undefined;
  /**
   * arg_max-like: the first argument picks each group's winning row and the others are only read there,
   * so the executor may fold (first argument, row number) and read the rest at the winning rows.
   */
  readonly picksRow?: boolean;
  /**
   * True when it reads a long past 2^53 as the exact Int64 (it returns, compares, counts or adds it
   * exactly). Others (avg, stdev, percentile, …) compute reals and are given the long's nearest double.
   */
  readonly readsExactLongs?: boolean;
}

/** An aggregate call site as a fold sees it. */
export interface AggregateShape {
  readonly argTypes: readonly KqlType[];
  /** The types of its output columns (one unless multiOutput). */
  readonly outputTypes: readonly KqlType[];
}

/** The rows a typed fold runs over: row i belongs to group groupOf[i]. */
export interface GroupedRows {
  readonly groupOf: Int32Array;
  readonly groupCount: number;
  readonly n: number;
  /** The arguments' evaluators, by row number. */
  readonly args: readonly RowEvaluator[];
  /** The first argument read in place, when it is a number column of the input. */
  readonly numbers?: NumberInput;
  /** The aggregate's value for a group that sees no row. */
  readonly empty: Value;
  check(): void;
}

/** One value per group, or undefined to leave the call to step() (e.g. a NaN whose meaning the library decides). */
export type TypedFold = (rows: GroupedRows) => Value[] | undefined;

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
