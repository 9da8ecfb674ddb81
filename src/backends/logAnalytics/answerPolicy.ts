/**
 * A pipeline policy that reads a query's answer itself (answerReader.ts) before the SDK does: the SDK
 * then parses only the answer's skeleton (names, columns, error, render: a few hundred bytes), and the
 * rows, already in the result's form, go to the backend by the call they belong to. The SDK keeps the
 * rest of its pipeline (credential, retries, throttling, cancellation, endpoint). An answer that is
 * not JSON of the expected shape is left whole to the SDK, which reports it as before. A large answer
 * is read in a worker thread (answerOffThread.ts) unless `inline` (the bench's "before"), from the bytes
 * the size policy kept undecoded when it is 1 MB or more (bodyBytes.ts).
 */
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { BackendError } from '../../results/errors';
import { type Answer, RowShapeError, readAnswer } from './answerReader';
import { readAnswerOffThread } from './answerOffThread';
import { statusText } from './errorMapping';
import { takeBodyBytes } from './responseSize';

export function answerReaderPolicy(
  callOf: (request: PipelineRequest) => string | undefined,
  keep: (call: string, answer: Answer) => void,
  inline = false,
): PipelinePolicy {
  return {
    name: 'connectionAnalyticsAnswerReader',
    sendRequest: async (request, next) => {
      const call = callOf(request);
      const response = await next(request);
      if (call === undefined || response.status < 200 || response.status >= 300) {
        return response;
      }
      // A large answer's bytes, undecoded (responseSize.ts), go to the worker as they are.
      const body = (inline ? undefined : takeBodyBytes(response)) ?? response.bodyAsText;
      if (!body || body.length === 0) {
        return response;
      }
      let answer: Answer | undefined;
      try {
        answer =
          typeof body === 'string' && inline
            ? readAnswer(body)
            : await readAnswerOffThread(body, {
                signal: request.abortSignal,
                // Not an answer the reader takes: the SDK reads and reports the text, as before.
                unreadable: (text) => (response.bodyAsText = text),
              });
      } catch (e) {
        if (e instanceof RowShapeError) {
          throw new BackendError(
            'server',
            `Log Analytics answered ${statusText(response.status)}, but its ${e.message}, so it is not a query result. Something between may have changed the response (a proxy): run the query again, and if it keeps happening check kql.logAnalytics.endpoint and any proxy on the way.`,
            response.status,
          );
        }
        throw e;
      }
      if (answer) {
        response.bodyAsText = answer.skeleton;
        keep(call, answer);
      }
      return response;
    },
  };
}
