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
import { BodySegments, segmentsText } from './bodyBytes';

/**
 * Log Analytics stops a result at about 64 MB of data; its JSON is larger than the data it holds, so
 * the cap leaves room for that and no more.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/**
 * A successful body this large (bytes) is kept as bytes for the answer's worker (bodyBytes.ts); smaller,
 * it is read on the host (answerOffThread.ts's threshold, in characters).
 */
export const MIN_OFF_THREAD_BYTES = 1024 * 1024;

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

/**
 * The body up to the cap: its text, or for a successful answer of `keepBytesFrom` bytes or more its bytes
 * (bodyBytes.ts), read by the answer's worker without the host decoding them.
 */
async function readCapped(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  status: number,
  keepBytesFrom: number,
): Promise<string | BodySegments> {
  const chunks: Buffer[] = [];
  let segments: BodySegments | undefined;
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > maxBytes) {
        throw tooLarge(maxBytes, status);
      }
      if (segments) {
        segments.add(buf);
        continue;
      }
      chunks.push(buf);
      if (total >= keepBytesFrom && status >= 200 && status < 300) {
        // From here on each chunk is copied once, as it comes, in its own short turn.
        segments = new BodySegments();
        for (const c of chunks.splice(0)) {
          segments.add(c);
        }
      }
    }
  } catch (e) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw e instanceof BackendError || (e as { name?: unknown }).name === 'AbortError'
      ? e
      : brokenMidBody(e, total, status);
  }
  return segments ?? Buffer.concat(chunks, total).toString('utf8');
}

const keptBytes = new WeakMap<PipelineResponse, BodySegments>();

/**
 * A large successful answer's bytes (see readCapped), taken once: afterwards the response's text is the
 * taker's to set (the answer's skeleton, or the text back from a reader that could not take it).
 */
export function takeBodyBytes(response: PipelineResponse): Uint8Array[] | undefined {
  const kept = keptBytes.get(response);
  keptBytes.delete(response);
  return kept?.take();
}

/**
 * `bodyAsText` decoded only when read: the answer reader takes the bytes instead (takeBodyBytes), and
 * anything else that reads the text first (a policy added later, the bench's inline reader) gets it.
 */
function lazyText(response: PipelineResponse, segments: BodySegments): void {
  keptBytes.set(response, segments);
  let text: string | undefined;
  Object.defineProperty(response, 'bodyAsText', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (text === undefined) {
        const kept = takeBodyBytes(response);
        text = kept ? segmentsText(kept) : '';
      }
      return text;
    },
    set: (value: string | null | undefined) => {
      keptBytes.delete(response);
      text = value ?? undefined;
    },
  });
}

/**
 * The policy. `note(call, note, body)` is called for every response read, retries' too; `callOf` says
 * which of the backend's calls a request belongs to.
 */
export function responseSizePolicy(
  maxBytes: number,
  callOf: (request: PipelineRequest) => string | undefined,
  note: (call: string | undefined, n: ResponseNote, body: () => string) => void,
  keepBytesFrom = MIN_OFF_THREAD_BYTES,
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
      let body: string | BodySegments = '';
      if (stream) {
        if (Number.isFinite(declared) && declared > maxBytes) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          throw tooLarge(maxBytes, response.status);
        }
        body = await readCapped(stream, maxBytes, response.status, keepBytesFrom);
      }
      let bodyStart: string;
      if (typeof body === 'string') {
        response.bodyAsText = body;
        bodyStart = body.slice(0, 1024);
      } else {
        // 4 KB hold the first 1,024 characters whatever their UTF-8 lengths: the same start as the text's.
        bodyStart = Buffer.from(body.peek(4096)).toString('utf8').slice(0, 1024);
        lazyText(response, body);
      }
      note(
        call,
        {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          bodyStart,
        },
        () => response.bodyAsText ?? '',
      );
      return response;
    },
  };
}
