/**
 * Answers the client's query parameters request (protocol/lsp.ts): the declarations of a text, read with
 * the Kusto.Language this process has loaded anyway. A malformed request is an error response saying why.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { parameterDeclarations } from '../kql/queryParameters';
import type { QueryParametersResult } from '../protocol/lsp';
import { validateQueryParametersParams } from '../protocol/validateQueryParameters';

export function queryParametersResponse(params: unknown): QueryParametersResult {
  const checked = validateQueryParametersParams(params);
  if (!checked.ok) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Malformed query parameters request: ${checked.reason}.`);
  }
  return { declarations: parameterDeclarations(checked.value.text) };
}
