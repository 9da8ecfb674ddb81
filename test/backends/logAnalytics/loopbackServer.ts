/**
 * A small HTTPS server on 127.0.0.1 that speaks the Log Analytics query REST API
 * (POST /v1/workspaces/{id}/query) and its metadata API (GET /v1/workspaces/{id}/metadata), with a
 * certificate made for this run by Debian's openssl. Each query is answered by the next scripted reply,
 * metadata by the reply set with `serveMetadata` (else a scripted one); every request is recorded.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { LogAnalyticsBackend, type LogAnalyticsOptions } from '../../../src/backends/logAnalytics';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: { query?: string; timespan?: string };
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Sent as it is instead of `body` as JSON (an HTML error page, an empty body, a huge body). */
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (the client may give up first). */
  readonly delayMs?: number;
  /** Answer only once this settles (then after delayMs): a test holds a state the user sees until it has seen it. */
  readonly until?: Promise<unknown>;
  /** Send only this many bytes of the body, then drop the connection (a network failure mid-body). */
  readonly cutAfterBytes?: number;
}

export interface LoopbackServer {
  readonly endpoint: string;
  /** The certificate, for the client's https agent (trusted by the test only). */
  readonly ca: string;
  readonly requests: RecordedRequest[];
  /** Resolves when a request's connection closed before its reply was sent. */
  readonly abandoned: Promise<void>;
  script(replies: Reply[]): void;
  /** Answers the queries `handler` returns a reply for, before the script (undefined: the script's turn). */
  respond(handler: ((request: RecordedRequest) => Reply | undefined) | undefined): void;
  /** Answers every metadata request with this reply (until set to undefined). */
  serveMetadata(reply: Reply | undefined): void;
  close(): Promise<void>;
}

export function makeCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'la-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const { key, cert } = makeCertificate();
  const requests: RecordedRequest[] = [];
  let replies: Reply[] = [];
  let metadata: Reply | undefined;
  let responder: ((request: RecordedRequest) => Reply | undefined) | undefined;
  let onAbandoned: () => void = () => undefined;
  const abandoned = new Promise<void>((resolve) => (onAbandoned = resolve));
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : {},
      };
      requests.push(recorded);
      const isMetadata = /\/workspaces\/[^/]+\/metadata(\?|$)/.test(req.url ?? '');
      const reply = (isMetadata ? metadata : responder?.(recorded)) ??
        replies.shift() ?? { status: 500, body: { error: { code: 'NoScript', message: 'no reply scripted' } } };
      const send = (): void => {
        if (res.destroyed) {
          return;
        }
        const body = Buffer.from(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
        if (reply.cutAfterBytes !== undefined) {
          // Chunked, so the client cannot tell from a length that the body ends early; then the connection is dropped.
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.write(body.subarray(0, reply.cutAfterBytes), () => setTimeout(() => res.socket?.destroy(), 50));
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(body);
      };
      if (reply.delayMs || reply.until) {
        let t: NodeJS.Timeout | undefined;
        let abandoned = false;
        const later = (): void => {
          if (!abandoned) t = setTimeout(send, reply.delayMs ?? 0);
        };
        if (reply.until) {
          reply.until.then(later, later);
        } else {
          later();
        }
        res.on('close', () => {
          if (!res.writableEnded) {
            abandoned = true;
            clearTimeout(t);
            onAbandoned();
          }
        });
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://127.0.0.1:${port}/v1`,
    ca: cert,
    requests,
    abandoned,
    script(r) {
      replies = [...r];
    },
    respond(handler) {
      responder = handler;
    },
    serveMetadata(r) {
      metadata = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface LoopbackFixture {
  readonly server: LoopbackServer;
  /** An https agent that trusts the server's certificate. */
  readonly agent: https.Agent;
}

/**
 * Starts a loopback server and an agent that trusts it before the enclosing suite's tests, and closes both
 * after them, so each suite needs one line instead of its own before/after pair.
 */
export function useLoopbackServer(): LoopbackFixture {
  let started: LoopbackFixture | undefined;
  before(async () => {
    const server = await startLoopbackServer();
    started = { server, agent: new https.Agent({ ca: server.ca }) };
  });
  after(async () => {
    started?.agent.destroy();
    await started?.server.close();
  });
  const current = (): LoopbackFixture => {
    if (!started) throw new Error('the loopback server is used before the suite started it');
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get agent() {
      return current().agent;
    },
  };
}

/** The workspace id the loopback tests query (any GUID: the server answers every workspace). */
export const LOOPBACK_WORKSPACE = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';

/** A credential that always has a token, for tests that are not about signing in. */
const fixedCredential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };

/**
 * A Log Analytics backend over the fixture's server: its endpoint approved, its certificate trusted, no
 * retries; `extra` overrides any of these (a test's own credential, retries, limits).
 */
export function loopbackBackend(
  loopback: LoopbackFixture,
  extra: Partial<LogAnalyticsOptions> = {},
): LogAnalyticsBackend {
  return new LogAnalyticsBackend({
    workspaceId: LOOPBACK_WORKSPACE,
    credential: fixedCredential,
    endpoint: loopback.server.endpoint,
    approveEndpoint: async () => true,
    retry: { maxRetries: 0 },
    clientOptions: { agent: loopback.agent },
    ...extra,
  });
}
