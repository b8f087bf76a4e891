import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest { method: string; path: string; status: number }

export interface RunningProxy {
  url: string;
  host: string;
  /** Every request in arrival order; `status` is 0 for a stalled or reset one (and while it is in flight). */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

export interface FaultRule {
  /** Matched against the request path with its query (a string matches as a substring). */
  match: RegExp | string;
  /**
   * `429` with Retry-After, `500`, `stall` (never answers), `reset` (TCP reset), `truncate` (the upstream
   * answer's headers with half its body, then the connection closes).
   */
  fault: '429' | '500' | 'stall' | 'reset' | 'truncate';
  /** How many matching requests get the fault; later ones pass through. */
  times: number;
  retryAfterSeconds?: number;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'];

/**
 * A proxy that paginates tag lists as registries with a server-side page limit do: `n` (capped at `pageSize`,
 * which is also the default), `last`, and a `Link: <...>; rel="next"` header. Everything else passes through
 * unchanged, including auth headers and the Host header (so upload Locations point back at the proxy).
 */
export function startPaginatingProxy(upstream: string, opts: { pageSize: number }): Promise<RunningProxy> {
  return startProxy(upstream, async (req, res, record, target) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const tagList = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (req.method !== 'GET' || !tagList) return pipeThrough(req, res, record, target);
    const answer = await fetchUpstream(req, target, url.pathname);
    if (answer.status !== 200) return replyBuffered(res, record, answer);
    const body = JSON.parse(answer.body.toString('utf8')) as { name: string; tags: string[] | null };
    const all = [...(body.tags ?? [])].sort(compareCodeUnits);
    const requested = Number(url.searchParams.get('n') ?? opts.pageSize);
    const pageSize = Math.max(0, Math.min(Number.isFinite(requested) ? requested : opts.pageSize, opts.pageSize));
    const last = url.searchParams.get('last');
    const remaining = last === null ? all : all.filter((tag) => compareCodeUnits(tag, last) > 0);
    const page = remaining.slice(0, pageSize);
    const headers: IncomingHttpHeaders = { ...answer.headers };
    if (page.length > 0 && remaining.length > page.length) {
      headers.link = `</v2/${tagList[1]}/tags/list?n=${pageSize}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`;
    }
    replyBuffered(res, record, { status: 200, headers, body: Buffer.from(JSON.stringify({ name: body.name, tags: page })) });
  });
}

/** A proxy that applies each rule to the first `times` matching requests (first matching rule wins), then passes through. */
export function startFaultProxy(upstream: string, rules: FaultRule[]): Promise<RunningProxy> {
  const used = rules.map(() => 0);
  return startProxy(upstream, async (req, res, record, target, stalled) => {
    const path = req.url ?? '/';
    const index = rules.findIndex((rule, i) => used[i]! < rule.times && (typeof rule.match === 'string' ? path.includes(rule.match) : new RegExp(rule.match.source, rule.match.flags.replace('g', '')).test(path)));
    if (index < 0) return pipeThrough(req, res, record, target);
    used[index]!++;
    const rule = rules[index]!;
    switch (rule.fault) {
      case '429':
        req.resume();
        record.status = 429;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(rule.retryAfterSeconds ?? 1) })
          .end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'injected by the fault proxy' }] }));
        return;
      case '500':
        req.resume();
        record.status = 500;
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'injected by the fault proxy' }] }));
        return;
      case 'stall':
        req.resume();
        stalled.add(req.socket);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'truncate': {
        const answer = await fetchUpstream(req, target, path);
        const headers = withoutHopByHop(answer.headers);
        headers['content-length'] = String(answer.body.length);
        record.status = answer.status;
        res.writeHead(answer.status, headers);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => res.socket?.destroy());
        return;
      }
    }
  });
}

type Handler = (req: IncomingMessage, res: ServerResponse, record: ProxiedRequest, upstream: Upstream, stalled: Set<Socket>) => Promise<void>;

async function startProxy(upstream: string, handler: Handler): Promise<RunningProxy> {
  const target: Upstream = { url: new URL(upstream.includes('://') ? upstream : `http://${upstream}`), agent: new Agent({ keepAlive: true, maxSockets: 32 }) };
  const requests: ProxiedRequest[] = [];
  const stalled = new Set<Socket>();
  const server = createServer((req, res) => {
    const record: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '/', status: 0 };
    requests.push(record);
    handler(req, res, record, target, stalled).catch((error: unknown) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${String(error)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => {
      for (const socket of stalled) socket.destroy();
      target.agent.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

interface Upstream { url: URL; agent: Agent }

function upstreamRequest(req: IncomingMessage, target: Upstream, path: string) {
  return httpRequest({ host: target.url.hostname, port: target.url.port, method: req.method, path, headers: withoutHopByHop(req.headers), agent: target.agent });
}

function pipeThrough(req: IncomingMessage, res: ServerResponse, record: ProxiedRequest, target: Upstream): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = upstreamRequest(req, target, req.url ?? '/');
    outgoing.on('response', (answer) => {
      record.status = answer.statusCode ?? 0;
      res.writeHead(record.status, withoutHopByHop(answer.headers));
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    req.pipe(outgoing);
  });
}

function fetchUpstream(req: IncomingMessage, target: Upstream, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = upstreamRequest(req, target, path);
    outgoing.on('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    req.pipe(outgoing);
  });
}

function replyBuffered(res: ServerResponse, record: ProxiedRequest, answer: { status: number; headers: IncomingHttpHeaders; body: Buffer }): void {
  const headers = withoutHopByHop(answer.headers);
  headers['content-length'] = String(answer.body.length);
  record.status = answer.status;
  res.writeHead(answer.status, headers).end(answer.body);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
