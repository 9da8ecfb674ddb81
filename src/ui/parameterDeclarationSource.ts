/**
 * Where the extension host gets a query's `declare query_parameters` statements: from the language
 * server, which has Kusto.Language loaded and warm, so the host does not load the 16 MB library (seconds
 * under load, and its heap) for a Run. When the server cannot answer (disabled, crashed, still starting,
 * a malformed or late answer), the host parses the text itself, as the CLI does, and says so in the log.
 * No vscode here: languageClient.ts supplies the request.
 */
import { mayDeclareParameters, type ParameterDeclaration, parameterDeclarations } from '../kql/queryParameters';
import { validateQueryParametersResult } from '../protocol/validateQueryParameters';

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
  const why = await serverDeclarations(text, askServer, timeoutMs);
  if (typeof why !== 'string') {
    return why;
  }
  note(`Query parameters read in the extension host (loads Kusto.Language here): ${why}.`);
  return parameterDeclarations(text);
}

/** The server's declarations, or why there are none from it. */
async function serverDeclarations(
  text: string,
  askServer: AskServer,
  timeoutMs: number,
): Promise<readonly ParameterDeclaration[] | string> {
  const asked = askServer(text);
  if (!asked) {
    return 'the language server is not running';
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the language server did not answer within ${timeoutMs / 1000} s`), timeoutMs);
  });
  try {
    const answer = await Promise.race([asked.then((result) => ({ result })), late]);
    if (typeof answer === 'string') {
      return answer;
    }
    const checked = validateQueryParametersResult(answer.result, text);
    return checked.ok ? checked.value : `the language server's answer is malformed (${checked.reason})`;
  } catch (e) {
    return `the language server's request failed (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    clearTimeout(timer);
  }
}
