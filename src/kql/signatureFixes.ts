/**
 * Built-in function symbols whose Kusto.Language declaration refuses what the Kusto reference's own
 * examples pass, replaced by the same symbol with the parameter widened. Each fix names the example.
 *
 * series_fit_poly: Kusto.Language declares `degree` as int, so the reference's
 * `series_fit_poly(y, x, 5)` (a long literal) is the binder's "A value of type int expected"; here it
 * takes any integer, as Kusto does. The return type is the library's own (its custom tuple).
 */
import { bridgeItems, kusto } from './kustoLibrary';

type FunctionSymbol = Kusto.Language.Symbols.FunctionSymbol;

function seriesFitPoly(original: FunctionSymbol): FunctionSymbol {
  const S = kusto().Symbols;
  const [signature] = bridgeItems<Kusto.Language.Symbols.Signature>(original.Signatures, S.Signature);
  const parameters = bridgeItems<Kusto.Language.Symbols.Parameter>(signature?.Parameters, S.Parameter);
  const degree = parameters[2];
  if (!signature || parameters.length !== 3 || degree?.Name !== 'degree') {
    return original; // another library version: leave its declaration as it is
  }
  const widened = new S.Parameter.ctor(
    'degree',
    S.ParameterTypeKind.Integer,
    degree.ArgumentKind,
    null,
    null,
    false,
    null,
    degree.MinOccurring,
    degree.MaxOccurring,
    null,
    degree.Description,
  );
  const fixed = new S.Signature.ctor(signature.CustomReturnType, signature.Tabularity, [
    parameters[0]!,
    parameters[1]!,
    widened,
  ] as never);
  return new S.FunctionSymbol.$ctor4(original.Name, [fixed] as never);
}

const FIXES: Readonly<Record<string, (original: FunctionSymbol) => FunctionSymbol>> = {
  series_fit_poly: seriesFitPoly,
};

/** The built-in functions with each fix applied. */
export function withSignatureFixes(functions: readonly FunctionSymbol[]): FunctionSymbol[] {
  return functions.map((f) => (Object.hasOwn(FIXES, f.Name ?? '') ? FIXES[f.Name!]!(f) : f));
}
