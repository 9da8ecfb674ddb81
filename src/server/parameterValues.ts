/**
 * Answers the client's parameter values request (protocol/lsp.ts): each value read as a literal of its
 * declared type with the Kusto.Language this process has loaded anyway, so the extension host's prompt
 * does not load the library to check what the user types. A malformed request is an error saying why.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { declaredParameterLiteral } from '../engine/parameterLiteral';
import type { ParameterValuesResult } from '../protocol/lsp';
import { validateParameterValuesParams } from '../protocol/validateParameterValues';

export function parameterValuesResponse(params: unknown): ParameterValuesResult {
  const checked = validateParameterValuesParams(params);
  if (!checked.ok) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Malformed parameter values request: ${checked.reason}.`);
  }
  return { readings: checked.value.values.map((v) => declaredParameterLiteral(v.text, v.type)) };
}
