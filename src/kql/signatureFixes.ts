/**
 * Built-in function symbols whose Kusto.Language declaration refuses (or names) what the Kusto
 * reference's own examples show, replaced by the same symbol with that one thing changed. Each fix
 * names the example.
 *
 * series_fit_poly: Kusto.Language declares `degree` as int, so the reference's
 * `series_fit_poly(y, x, 5)` (a long literal) is the binder's "A value of type int expected"; here it
 * takes any integer, as Kusto does. The return type is the library's own (its custom tuple).
 *
 * make_timespan: Kusto.Language declares `seconds` as an integer in both overloads that take it, so
 * the reference's `make_timespan(1,12,30,55.123)` is refused; the reference types it real ("a value
 * from 0 to 59.9999999"), so here it takes any number.
 *
 * count (an aggregate): Kusto.Language declares count(predicate: bool); the reference counts any
 * argument's rows, nulls included (`summarize count(y)` over a real column).
 *
 * bag_unpack (a plugin): Kusto.Language declares only (column, column_prefix); the reference's
 * columnsConflict and ignoredProperties (a dynamic array) are added.
 *
 * node_degree_in / node_degree_out: Kusto.Language names an unnamed `project node_degree_out(src)`
 * column Column1; the reference's example prints it as `node_degree_out`, the function's name.
 */
import { bridgeItems, kusto } from './kustoLibrary';

type FunctionSymbol = Kusto.Language.Symbols.FunctionSymbol;
type Signature = Kusto.Language.Symbols.Signature;
type Parameter = Kusto.Language.Symbols.Parameter;

/** The parameter with another type kind, everything else kept. */
function withTypeKind(p: Parameter, kind: Kusto.Language.Symbols.ParameterTypeKind): Parameter {
  const S = kusto().Symbols;
  return new S.Parameter.ctor(
    p.Name,
    kind,
    p.ArgumentKind,
    null,
    null,
    false,
    null,
    p.MinOccurring,
    p.MaxOccurring,
    null,
    p.Description,
  );
}

function parametersOf(signature: Signature | undefined): Parameter[] {
  return bridgeItems<Parameter>(signature?.Parameters, kusto().Symbols.Parameter);
}

function seriesFitPoly(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  const [signature] = bridgeItems<Signature>(original.Signatures, S.Signature);
  const parameters = parametersOf(signature);
  const degree = parameters[2];
  if (!signature || parameters.length !== 3 || degree?.Name !== 'degree') {
    return original; // another library version: leave its declaration as it is
  }
  const fixed = new S.Signature.ctor(signature.CustomReturnType, signature.Tabularity, [
    parameters[0]!,
    parameters[1]!,
    withTypeKind(degree, S.ParameterTypeKind.Integer),
  ] as never);
  return new S.FunctionSymbol.$ctor4(original.Name, [fixed] as never);
}

/** The signature's private fields, which a copy with other parameters keeps (as its own With… methods do). */
interface SignatureFields {
  readonly _returnType: unknown;
  readonly _body: unknown;
  readonly _tabularity: unknown;
}

/** The signature with other parameters, everything else kept. */
function withParameters(signature: Signature, parameters: readonly Parameter[]): Signature {
  const S = kusto().Symbols;
  const fields = signature as unknown as SignatureFields;
  // The full constructor, which the typings leave out: the one Signature's own With… methods call.
  const full = (S.Signature as unknown as { $ctor3: new (...args: unknown[]) => Signature }).$ctor3;
  return new full(
    signature.ReturnKind,
    fields._returnType,
    fields._body,
    signature.Declaration,
    signature.CustomReturnType,
    fields._tabularity,
    parameters,
    signature.Layout,
    signature.IsHidden,
    signature.Alternative,
  );
}

/** The function with other signatures, its folding and result naming kept. */
function withSignatures(original: FunctionSymbol, signatures: readonly Signature[]): FunctionSymbol {
  const S = kusto().Symbols;
  return new S.FunctionSymbol.$ctor4(original.Name, signatures as never)
    .WithIsConstantFoldable(original.IsConstantFoldable)!
    .WithResultNameKind(original.ResultNameKind)!
    .WithResultNamePrefix(original.ResultNamePrefix)!;
}

function makeTimespan(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  const signatures = bridgeItems<Signature>(original.Signatures, S.Signature);
  let widened = 0;
  const fixed = signatures.map((signature) => {
    const parameters = parametersOf(signature);
    const last = parameters.at(-1);
    if (last?.Name !== 'seconds' || last.TypeKind !== S.ParameterTypeKind.Integer) {
      return signature;
    }
    widened++;
    return withParameters(signature, [...parameters.slice(0, -1), withTypeKind(last, S.ParameterTypeKind.Number)]);
  });
  if (widened !== 2) {
    return original; // another library version: leave its declaration as it is
  }
  return withSignatures(original, fixed);
}

/**
 * count(x) counts every row, x null or not (the summarize reference: `summarize count(y)` over a real
 * column with one null gives 2, and `count(x)` of an empty long column gives count_x = 0). Kusto.Language
 * declares the argument a bool predicate, refusing both; here it takes any scalar.
 */
function countOfAnything(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  const signatures = bridgeItems<Signature>(original.Signatures, S.Signature);
  let widened = 0;
  const fixed = signatures.map((signature) => {
    const parameters = parametersOf(signature);
    const only = parameters[0];
    if (parameters.length !== 1 || only?.TypeKind !== S.ParameterTypeKind.Declared) {
      return signature;
    }
    widened++;
    return withParameters(signature, [withTypeKind(only, S.ParameterTypeKind.Scalar)]);
  });
  if (widened !== 1) {
    return original; // another library version: leave its declaration as it is
  }
  return withSignatures(original, fixed);
}

/** Named after the function itself, as the reference's unnamed `project node_degree_out(src)` prints. */
function namedAfterItself(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  if (original.ResultNameKind !== S.ResultNameKind.None) {
    return original; // another library version names it already: keep its name
  }
  return original.WithResultNameKind(S.ResultNameKind.PrefixOnly)!.WithResultNamePrefix(original.Name)!;
}

const FIXES: Readonly<Record<string, (original: FunctionSymbol) => FunctionSymbol>> = {
  series_fit_poly: seriesFitPoly,
  make_timespan: makeTimespan,
  node_degree_in: namedAfterItself,
  node_degree_out: namedAfterItself,
};

/** An optional parameter of one declared type. */
function optional(name: string, type: Kusto.Language.Symbols.TypeSymbol): Parameter {
  const S = kusto().Symbols;
  return new S.Parameter.$ctor3(name, type, S.ArgumentKind.Expression, null, null, false, null, 0, 1, null, null);
}

/**
 * bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict] [, ignoredProperties]), as the reference
 * declares it; Kusto.Language knows only the column and a prefix, so its own example
 * `bag_unpack(d, ignoredProperties=dynamic(['Address', 'Age']))` was "A value of type string expected".
 */
function bagUnpackOptions(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  const signatures = bridgeItems<Signature>(original.Signatures, S.Signature);
  const [signature] = signatures;
  const parameters = parametersOf(signature);
  if (!signature || signatures.length !== 1 || parameters.length !== 2 || parameters[1]?.Name !== 'column_prefix') {
    return original; // another library version: leave its declaration as it is
  }
  const T = S.ScalarTypes;
  return withSignatures(original, [
    withParameters(signature, [
      parameters[0]!,
      optional('OutputColumnPrefix', T.String!),
      optional('columnsConflict', T.String!),
      optional('ignoredProperties', T.Dynamic!),
    ]),
  ]);
}

const PLUGIN_FIXES: Readonly<Record<string, (original: FunctionSymbol) => FunctionSymbol>> = {
  bag_unpack: bagUnpackOptions,
};

const AGGREGATE_FIXES: Readonly<Record<string, (original: FunctionSymbol) => FunctionSymbol>> = {
  count: countOfAnything,
};

/**
 * Each library symbol's fixed copy, made once per process: every global state then holds the same
 * symbol, as it holds the same library symbols. The binder may hand one state's symbol to a query
 * bound against another (its caches are shared), and `IsAggregateFunction` asks by identity: with a
 * copy per state, `summarize count()` was "can only be used in summarize" after another state bound it.
 */
const fixedCopies = new WeakMap<FunctionSymbol, FunctionSymbol>();

function fixed(
  symbols: readonly FunctionSymbol[],
  fixes: Readonly<Record<string, (original: FunctionSymbol) => FunctionSymbol>>,
): FunctionSymbol[] {
  return symbols.map((f) => {
    if (!Object.hasOwn(fixes, f.Name ?? '')) {
      return f;
    }
    let copy = fixedCopies.get(f);
    if (!copy) {
      copy = fixes[f.Name!]!(f);
      fixedCopies.set(f, copy);
    }
    return copy;
  });
}

/** The built-in functions with each fix applied. */
export function withSignatureFixes(functions: readonly FunctionSymbol[]): FunctionSymbol[] {
  return fixed(functions, FIXES);
}

/** The built-in plugins with each fix applied. */
export function withPluginFixes(plugins: readonly FunctionSymbol[]): FunctionSymbol[] {
  return fixed(plugins, PLUGIN_FIXES);
}

/** The built-in aggregates with each fix applied. */
export function withAggregateFixes(aggregates: readonly FunctionSymbol[]): FunctionSymbol[] {
  return fixed(aggregates, AGGREGATE_FIXES);
}
