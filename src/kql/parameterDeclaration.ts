/**
 * The shape of a `declare query_parameters` statement as queryParameters.ts reads it. Types only, with
 * no imports, so the protocol (which the webview compiles too) can carry them between processes.
 */
export interface DeclaredParameter {
  readonly name: string;
  /** The type as written (`long`, `datetime`, …). */
  readonly type: string;
  /** The default's text as written, when it has one. */
  readonly defaultText?: string;
}

export interface ParameterDeclaration {
  /** Offsets of the statement in the query text (without the `;` after it). */
  readonly start: number;
  readonly end: number;
  readonly parameters: readonly DeclaredParameter[];
}
