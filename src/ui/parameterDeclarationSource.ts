/**
 * Where the extension host gets a query's `declare query_parameters` statements: from the language
 * server, which has Kusto.Language loaded and warm, so the host does not load the 16 MB library (seconds
 * under load, and its heap) for a Run. When the server cannot answer (disabled, crashed, still starting,
 * a malformed or late answer), the host parses the text itself, as the CLI does, and says so in the log.
 * No vscode here: languageClient.ts supplies the request.
 */
import { mayDeclareParameters, type ParameterDeclaration, parameterDeclarations } from '../kql/queryParameters';
import { validateQueryParametersResult } from '../protocol/validateQueryParameters';
import { checkedServerAnswer } from './serverAnswer';

/** Sends the request; undefined when there is no running server to send it to. */
export type AskServer = (text: string) => Promise<unknown> | undefined;

/** Past this the Run stops waiting for the server (a server stuck on a huge document) and parses here. */
export const SERVER_ANSWER_TIMEOUT_MS = 15_000;

export async function declarationsFor(
  text: string,
  askServer: AskServer,
  note: (line: string) => void,
  timeoutMs = SERVER_ANSWER_TIMEOUT_MS,
): Promise<readonly ParameterDeclaration[]> {
  if (!mayDeclareParameters(text)) {
    return [];
  }
  const answer = await checkedServerAnswer(
    askServer(text),
    (result) => validateQueryParametersResult(result, text),
    timeoutMs,
  );
  if (answer.ok) {
    return answer.value;
  }
  note(`Query parameters read in the extension host (loads Kusto.Language here): ${answer.reason}.`);
  return parameterDeclarations(text);
}
