// Shared plumbing for the local stand-ins of external HTTP services (GitHub, Google, Slack) used by the
// integration tests: a loopback node:http server, a request log, and small helpers to read and answer requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path plus query string, exactly as received. */
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** Every request a stand-in received, secrets included, so tests can assert on exactly what was sent. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];

  /**
   * Where `secret` shows up anywhere except an `Authorization` header: request lines, other headers and
   * bodies. Empty means the secret only travelled where it belongs.
   */
  placesOutsideAuthorization(secret: string): string[] {
    if (secret === '') throw new Error('an empty secret would match everywhere');
    const places: string[] = [];
    for (const [index, request] of this.requests.entries()) {
      const where = `request #${index} ${request.method} ${request.url}`;
      if (request.url.includes(secret)) places.push(`${where}: url`);
      for (const [name, value] of Object.entries(request.headers)) {
        if (name !== 'authorization' && value.includes(secret)) places.push(`${where}: header ${name}`);
      }
      if (request.body.includes(secret)) places.push(`${where}: body`);
    }
    return places;
  }

  /** Throws when `secret` appears anywhere but an `Authorization` header. */
  assertOnlyInAuthorization(secret: string): void {
    const places = this.placesOutsideAuthorization(secret);
    if (places.length > 0) throw new Error(`secret leaked outside Authorization:\n${places.join('\n')}`);
  }

  matching(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.startsWith(pathPrefix));
  }
}

export interface Exchange {
  method: string;
  /** Parsed URL (base http://127.0.0.1) of the request. */
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  reply(status: number, body: unknown, contentType?: string): void;
}

export type Handler = (exchange: Exchange) => Promise<void> | void;

export interface RunningServer {
  url: string;
  log: RequestLog;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Starts `handler` on 127.0.0.1 with a free port. Unhandled errors answer 500 with the message. */
export async function startServer(handler: Handler): Promise<RunningServer> {
  const log = new RequestLog();
  const server = createServer((req, res) => {
    void serve(req, res, handler, log);
  });
  return { ...(await listenOnLoopback(server)), log };
}

/** Listens on 127.0.0.1 with a free port; `stop` closes the server and its connections. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; stop: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: Handler, log: RequestLog): Promise<void> {
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: flattenHeaders(req.headers),
    body: '',
    status: 0,
  };
  log.requests.push(record);
  const reply = (status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void => {
    if (res.headersSent) return;
    record.status = status;
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, text === '' ? {} : { 'content-type': contentType });
    res.end(text);
  };
  try {
    record.body = await readBody(req);
    await handler({
      method: record.method,
      url: new URL(record.url, 'http://127.0.0.1'),
      headers: req.headers,
      body: record.body,
      reply,
    });
    if (!res.headersSent) reply(500, { message: 'stand-in handler sent no answer' });
  } catch (error) {
    reply(500, { message: error instanceof Error ? error.message : String(error) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The token of an `Authorization: Bearer X` (or, when `allowTokenScheme`, `token X`) header. */
export function bearerToken(headers: IncomingMessage['headers'], allowTokenScheme = false): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^(Bearer|token) +(\S+)$/i.exec(value.trim());
  if (!match || !match[1] || !match[2]) return undefined;
  if (match[1].toLowerCase() === 'token' && !allowTokenScheme) return undefined;
  return match[2];
}

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaType(headers: IncomingMessage['headers']): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parses a JSON object body; undefined when the body is not a JSON object. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Google's JSON error envelope (google.rpc.Status over HTTP); STS answers OAuth-style errors instead. */
export function googleError(code: number, status: string, message: string): unknown {
  return { error: { code, message, status } };
}
