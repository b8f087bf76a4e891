/**
 * The agent's HTTP endpoints: POST /webhook, GET /healthz, /readyz and /metrics. Request bodies are read
 * only for /webhook and only up to a cap; slow clients are cut off by the server's timeouts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_WEBHOOK_BYTES } from './webhook.js';

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
}

export interface Routes {
  webhook(headers: IncomingMessage['headers'], body: Buffer): Reply;
  healthz(): Reply;
  readyz(): Reply;
  metrics(): Promise<Reply>;
}

export interface AgentServer {
  address: { host: string; port: number };
  /** Stops accepting connections and ends idle ones; resolves when every connection has closed. */
  close(): Promise<void>;
}

export function json(status: number, value: unknown): Reply {
  return { status, body: `${JSON.stringify(value)}\n`, contentType: 'application/json' };
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(reply.body);
}

async function handle(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/webhook') {
    if (req.method !== 'POST') return send(res, json(405, { error: 'POST only' }));
    let body: Buffer;
    try {
      body = await readBody(req, MAX_WEBHOOK_BYTES);
    } catch (error) {
      res.setHeader('connection', 'close');
      send(res, error instanceof TooLarge ? json(413, { error: `the body is larger than ${MAX_WEBHOOK_BYTES} bytes` }) : json(400, { error: 'the body could not be read' }));
      req.destroy();
      return;
    }
    return send(res, routes.webhook(req.headers, body));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, json(405, { error: 'GET only' }));
  if (path === '/healthz') return send(res, routes.healthz());
  if (path === '/readyz') return send(res, routes.readyz());
  if (path === '/metrics') return send(res, await routes.metrics());
  return send(res, json(404, { error: 'not found: the agent serves POST /webhook, GET /healthz, /readyz and /metrics' }));
}

export async function startAgentServer(listen: { host?: string; port: number }, routes: Routes, onError: (error: Error) => void): Promise<AgentServer> {
  const server: Server = createServer((req, res) => {
    handle(routes, req, res).catch((error: Error) => {
      onError(error);
      if (!res.headersSent) send(res, json(500, { error: 'internal error' }));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', onError);
  const { address, port } = server.address() as AddressInfo;
  return {
    address: { host: address, port },
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}
