/**
 * The values a user gave the `declare query_parameters` of a document's queries, kept per document in
 * memory for this window (never written into the file, nor into workspace state: a value may be a
 * machine name or an address the user would not expect to find stored on disk), and which of a query's
 * parameters a Run must still ask for. No vscode here: the input boxes are queryParameterInput.ts.
 */
import { declaredParameterLiteral, parameterType } from '../engine/parameterLiteral';
import type { DeclaredParameter, ParameterDeclaration } from '../kql/queryParameters';

export type ParameterValues = Readonly<Record<string, string>>;

export class ParameterValueStore {
  private readonly byDocument = new Map<string, Map<string, string>>();

  values(document: string): ParameterValues {
    return Object.fromEntries(this.byDocument.get(document) ?? []);
  }

  set(document: string, values: ParameterValues): void {
    const kept = this.byDocument.get(document) ?? new Map<string, string>();
    for (const [name, value] of Object.entries(values)) {
      kept.set(name, value);
    }
    this.byDocument.set(document, kept);
  }

  clear(document: string): boolean {
    return this.byDocument.delete(document);
  }
}

/** Each declared parameter once (by name, the first declaration's), in the order written. */
export function declaredParameters(declarations: readonly ParameterDeclaration[]): DeclaredParameter[] {
  const seen = new Map<string, DeclaredParameter>();
  for (const d of declarations) {
    for (const p of d.parameters) {
      if (!seen.has(p.name)) {
        seen.set(p.name, p);
      }
    }
  }
  return [...seen.values()];
}

/**
 * What a Run must ask before it runs a query with these declarations: the parameters without a default
 * that have no value yet (one of a type that is not a scalar is left to the engine, whose error says so).
 */
export function missingValues(
  declarations: readonly ParameterDeclaration[],
  stored: ParameterValues,
): DeclaredParameter[] {
  return declaredParameters(declarations).filter(
    (p) => p.defaultText === undefined && !Object.hasOwn(stored, p.name) && parameterType(p.type) !== undefined,
  );
}

/** The stored values of the declared parameters: what the run sends (the others take defaults). */
export function valuesFor(declarations: readonly ParameterDeclaration[], stored: ParameterValues): ParameterValues {
  return Object.fromEntries(
    declaredParameters(declarations).flatMap((p) => (Object.hasOwn(stored, p.name) ? [[p.name, stored[p.name]!]] : [])),
  );
}

/** Why `value` will not do for a parameter of the declared type, or undefined when it will. */
export function valueProblem(value: string, declaredType: string): string | undefined {
  const read = declaredParameterLiteral(value, declaredType);
  return 'problem' in read ? read.problem : undefined;
}

/**
 * What an edit box starts with: the value given last, else the default as a value (a string default
 * without its quotes, since a string value is typed as it is), else nothing.
 */
export function editPrefill(p: DeclaredParameter, stored: ParameterValues): string {
  if (Object.hasOwn(stored, p.name)) {
    return stored[p.name]!;
  }
  if (p.defaultText === undefined) {
    return '';
  }
  return parameterType(p.type) === 'string' ? unquoted(p.defaultText) : p.defaultText;
}

/** The text of a plain KQL string literal ("a\"b", 'a\'b', @"a""b"); anything else as written. */
function unquoted(literal: string): string {
  const verbatim = /^@(["'])([\s\S]*)\1$/.exec(literal);
  if (verbatim) {
    return verbatim[2]!.replaceAll(verbatim[1]! + verbatim[1]!, verbatim[1]!);
  }
  const quoted = /^(["'])((?:[^\\]|\\.)*)\1$/.exec(literal);
  if (!quoted) {
    return literal;
  }
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };
  return quoted[2]!.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
    c.length > 1 ? String.fromCharCode(Number.parseInt(c.slice(1), 16)) : (escapes[c] ?? c),
  );
}
