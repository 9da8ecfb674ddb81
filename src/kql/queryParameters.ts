/**
 * The `declare query_parameters(name:type [= default], …)` statements of a query, read from Kusto's own
 * syntax tree: what a run must give a value for, and where each statement sits so a backend that takes
 * no parameter values (Log Analytics) can put `let` statements in its place.
 */
import { kusto, toArray } from './kustoLibrary';
import type { DeclaredParameter, ParameterDeclaration } from './parameterDeclaration';

export type { DeclaredParameter, ParameterDeclaration };

type SyntaxNode = Kusto.Language.Syntax.SyntaxNode;

const textOf = (node: SyntaxNode | null | undefined): string => (node?.toString() ?? '').trim();

/** The text of a declared name, without the brackets and quotes of `['a name']`. */
function nameOf(node: Kusto.Language.Syntax.NameDeclaration | null | undefined): string {
  return node?.Name?.SimpleName ?? textOf(node);
}

/** False when `text` cannot declare parameters: no parse (nor library load, nor server request) needed. */
export function mayDeclareParameters(text: string): boolean {
  return /\bquery_parameters\b/i.test(text);
}

/** Every `declare query_parameters` statement of `text`, in order (syntax only: nothing is bound). */
export function parameterDeclarations(text: string): ParameterDeclaration[] {
  if (!mayDeclareParameters(text)) {
    return [];
  }
  const K = kusto();
  const code = K.KustoCode.Parse(text)!;
  const block = code.Syntax as Kusto.Language.Syntax.QueryBlock;
  if (!(block instanceof K.Syntax.QueryBlock)) {
    return [];
  }
  const out: ParameterDeclaration[] = [];
  for (const separated of toArray(block.Statements)) {
    const statement = (separated as { Element?: SyntaxNode }).Element ?? (separated as SyntaxNode);
    if (!(statement instanceof K.Syntax.QueryParametersStatement)) {
      continue;
    }
    const parameters = toArray(statement.Parameters).map((item) => {
      const p = ((item as { Element?: unknown }).Element ?? item) as Kusto.Language.Syntax.FunctionParameter;
      const declared = p.NameAndType!;
      const fallback = p.DefaultValue?.Value;
      return {
        name: nameOf(declared.Name),
        type: textOf(declared.Type),
        ...(fallback ? { defaultText: textOf(fallback) } : {}),
      };
    });
    out.push({ start: statement.TextStart, end: statement.TextStart + statement.Width, parameters });
  }
  return out;
}

/** The parameters a run must be given a value for: those without a default. */
export function parametersWithoutDefault(text: string): DeclaredParameter[] {
  return parameterDeclarations(text).flatMap((d) => d.parameters.filter((p) => p.defaultText === undefined));
}
