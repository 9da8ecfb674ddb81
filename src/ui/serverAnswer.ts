/**
 * A custom request's answer from the language server, checked, or why the extension host has none from
 * it: the server is not running (undefined instead of a request), the request failed, the answer is
 * malformed, or it came later than the caller can wait. The callers then do the work themselves and
 * log the reason. No vscode here: languageClient.ts sends the requests.
 */
import type { Validated } from '../protocol/validate';

export async function checkedServerAnswer<T>(
  asked: Promise<unknown> | undefined,
  check: (answer: unknown) => Validated<T>,
  timeoutMs: number,
): Promise<Validated<T>> {
  if (!asked) {
    return { ok: false, reason: 'the language server is not running' };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the language server did not answer within ${timeoutMs / 1000} s`), timeoutMs);
  });
  try {
    const answer = await Promise.race([asked.then((result) => ({ result })), late]);
    if (typeof answer === 'string') {
      return { ok: false, reason: answer };
    }
    const checked = check(answer.result);
    return checked.ok
      ? checked
      : { ok: false, reason: `the language server's answer is malformed (${checked.reason})` };
  } catch (e) {
    return {
      ok: false,
      reason: `the language server's request failed (${e instanceof Error ? e.message : String(e)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}
