/**
 * Log Analytics' query API takes a query text, a timespan and workspaces, and no parameter values (the
 * `properties.Parameters` of Azure Data Explorer's REST API has no counterpart there). A query that
 * declares `query_parameters` is sent with each declaration replaced by `let` statements of the values
 * (Kusto: a query parameter is a scalar of its declared type for the statements after it, as a `let`
 * is). Values are written as typed literals built from the value read (src/engine/parameterLiteral.ts),
 * never pasted as text, so no value can add query text; the statement keeps its line count, so the
 * service's line numbers stay those of the editor.
 */
import { parameterLiteral, parameterType } from '../../engine/parameterLiteral';
import { KqlError } from '../../kql/errors';
import { kqlIdentifier } from '../../kql/literals';
import { LineMap } from '../../kql/positions';
import { type DeclaredParameter, type ParameterDeclaration, parameterDeclarations } from '../../kql/queryParameters';
import { isParameterLiteral } from '../../protocol/validateParameterValues';

/**
 * `query` with its `declare query_parameters` statements as `let`s of `values` (or the defaults).
 * `declarations`: those of `query` when the caller has them (the extension gets them from the language
 * server); parsed here otherwise (the CLI, tests), which loads Kusto.Language into this process.
 * `literals`: the values (or non-string defaults) already read as literals of their types, by name (the
 * extension's, by the language server); each other value is read here, which loads the library too.
 */
export function withParameterLets(
  query: string,
  values: Readonly<Record<string, string>>,
  declarations: readonly ParameterDeclaration[] = parameterDeclarations(query),
  literals: Readonly<Record<string, string>> = {},
): string {
  let out = query;
  // From the last, so the offsets of the earlier ones stay right.
  for (const d of [...declarations].reverse()) {
    const fail = (message: string): KqlError => {
      const lines = new LineMap(query);
      return new KqlError('KQL-PARAMETER', message, lines.rangeOf(d.start, d.end), d.start, d.end);
    };
    const lets = d.parameters.map((p) => `let ${kqlIdentifier(p.name)} = ${valueLiteral(p, values, literals, fail)}`);
    const newlines = query.slice(d.start, d.end).split('\n').length - 1;
    out = out.slice(0, d.start) + lets.join('; ') + '\n'.repeat(newlines) + out.slice(d.end);
  }
  return out;
}

function valueLiteral(
  p: DeclaredParameter,
  values: Readonly<Record<string, string>>,
  literals: Readonly<Record<string, string>>,
  fail: (message: string) => KqlError,
): string {
  const type = parameterType(p.type);
  if (!type) {
    throw fail(`The query parameter '${p.name}' must have a scalar type, not '${p.type}'.`);
  }
  const given = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
  if (given === undefined && p.defaultText === undefined) {
    throw fail(
      `The query parameter '${p.name}' has no value here: it has no default, and the run gives none (give it a default, '${p.name}:${p.type} = …', or a value: "KQL: Set Query Parameters…").`,
    );
  }
  if (given === undefined && type === 'string') {
    // A string default is a string literal of the query itself.
    return p.defaultText!;
  }
  // One given literal of the declared type goes in as it is; anything else in its place is read here.
  const known = Object.hasOwn(literals, p.name) ? literals[p.name]! : undefined;
  if (known !== undefined && isParameterLiteral(known, p.type)) {
    return known;
  }
  const read = parameterLiteral(given ?? p.defaultText!, type);
  if ('problem' in read) {
    throw fail(
      given === undefined
        ? `The default value of the query parameter '${p.name}' must be a ${type} literal: ${read.problem}`
        : `The value given for the query parameter '${p.name}' is not a ${type} literal (${read.problem}): ${JSON.stringify(given.length > 80 ? `${given.slice(0, 80)}…` : given)}.`,
    );
  }
  return read.literal;
}
