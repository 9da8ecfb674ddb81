/**
 * Reads every Log Analytics response body through a byte cap, so a huge answer (or a hostile endpoint)
 * cannot fill the extension host's memory: the SDK would otherwise read any body whole into a string.
 * The policy asks the HTTP client for the body as a stream, reads it up to the cap (refusing at once a
 * Content-Length over it) and hands the text back for the SDK to parse as usual. It also notes each
 * response's status, Retry-After and start of body, so a failure the SDK cannot describe (a 502 with an
 * empty body, a 503 HTML page) is still reported by what the service said (errorMapping.ts).
 */
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { BackendError } from '../../results/errors';

/**
 * Log Analytics stops a result at about 64 MB of data; its JSON is larger than the data it holds, so
 * the cap leaves room for that and no more.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** What a response said, as errorMapping reads it. */
export interface ResponseNote {
  readonly status: number;
  readonly contentType: string;
  /** The Retry-After header, as sent. */
  readonly retryAfter?: string;
  /** The first KB of the body, for error messages. */
  readonly bodyStart: string;
}

/** "Any status" for the HTTP client: every body comes as a stream, which this policy reads. */
const STREAM_EVERY_STATUS = new Set([Number.POSITIVE_INFINITY]);

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function tooLarge(maxBytes: number, status: number): BackendError {
  return new BackendError(
    'data',
    `Log Analytics sent a response larger than ${megabytes(maxBytes)}, more than the extension reads into the editor. ` +
      'Narrow the query (fewer columns, a summarize, a take) or its time range.',
    status,
  );
}

/**
 * The connection dropped after the answer began: the service was reached, so this is not "could not
 * reach" (what the error's ECONNRESET code would otherwise be reported as).
 */
function brokenMidBody(error: unknown, received: number, status: number): BackendError {
  const e = error as { code?: unknown; message?: unknown };
  const why = [typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '']
    .filter(Boolean)
    .join(': ');
  return new BackendError(
    'network',
    `The connection to Log Analytics broke while its answer (${status}) was arriving, after ${received.toLocaleString('en-US')} bytes${why ? ` (${why})` : ''}. ` +
      'Nothing was shown from the partial answer; run the query again.',
    status,
  );
}

async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number, status: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > maxBytes) {
        throw tooLarge(maxBytes, status);
      }
      chunks.push(buf);
    }
  } catch (e) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw e instanceof BackendError || (e as { name?: unknown }).name === 'AbortError'
      ? e
      : brokenMidBody(e, total, status);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * The policy. `note(call, note, body)` is called for every response read, retries' too; `callOf` says
 * which of the backend's calls a request belongs to.
 */
export function responseSizePolicy(
  maxBytes: number,
  callOf: (request: PipelineRequest) => string | undefined,
  note: (call: string | undefined, n: ResponseNote, body: string) => void,
): PipelinePolicy {
  return {
    name: 'connectionAnalyticsResponseSize',
    sendRequest: async (request, next) => {
      const call = callOf(request);
      const asked = request.streamResponseStatusCodes;
      if (asked !== undefined) {
        return next(request); // an operation that streams on purpose: not ours to read
      }
      request.streamResponseStatusCodes = STREAM_EVERY_STATUS;
      let response: PipelineResponse;
      try {
        response = await next(request);
      } finally {
        // The SDK's deserializer checks this set to decide whether to parse bodyAsText: it must again.
        request.streamResponseStatusCodes = asked;
      }
      const stream = response.readableStreamBody;
      response.readableStreamBody = undefined;
      const declared = Number(response.headers.get('content-length'));
      let text = '';
      if (stream) {
        if (Number.isFinite(declared) && declared > maxBytes) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          throw tooLarge(maxBytes, response.status);
        }
        text = await readCapped(stream, maxBytes, response.status);
      }
      response.bodyAsText = text;
      note(
        call,
        {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          bodyStart: text.slice(0, 1024),
        },
        text,
      );
      return response;
    },
  };
}
