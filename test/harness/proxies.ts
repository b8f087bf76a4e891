import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseDocument } from 'yaml';

export interface ProxiedRequest { method: string; path: string; status: number }

export interface RunningProxy {
  url: string;
  host: string;
  /** Every request in arrival order; `status` is 0 for a stalled or reset one (and while it is in flight). */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

/** A request that followed a `redirect-other-host` fault to the proxy's second listener (on 127.0.0.2). */
export interface RedirectedRequest { path: string; authorization?: string }

export interface RunningFaultProxy extends RunningProxy {
  /** Requests that arrived on the other-host listener, with the Authorization header they carried. */
  redirected: RedirectedRequest[];
}

export interface FaultProxyOptions {
  /**
   * A token server to front as well: the realm of every `WWW-Authenticate` the upstream sends is rewritten
   * to `http://PROXY/token`, and `/token` requests go to this server (so token requests can be faulted).
   */
  tokenServer?: string;
  /** With `tokenServer`: the realm names the proxy's 127.0.0.2 listener instead (a realm on another host). */
  realmOnOtherHost?: boolean;
}

/** Everything a fault can be, and which request kinds it changes (others pass through unchanged). */
export type FaultMode = FaultRule['fault'];

/** Hostile entries `hostile-tags` adds: YAML injection, control characters, over-long names. */
export const HOSTILE_TAGS = ['9.9.9"\n securityContext: {privileged: true}', '1.0.9\n', `1.0.${'9'.repeat(200)}`, '1.0.8 ', '-1.0.7', '../1.0.6'];

export interface FaultRule {
  /** Matched against the request path with its query (a string matches as a substring). */
  match: RegExp | string;
  /**
   * `429` with Retry-After, `500`, `stall` (never answers), `reset` (TCP reset), `truncate` (the upstream
   * answer's headers with half its body, then the connection closes), `404` (a registry error body),
   * `huge` (a 200 streaming `hugeBytes` of filler, chunked, stopped when the client goes away), `bad-json`
   * (a 200 whose body is cut-off JSON / YAML), and faults that edit the upstream answer: `empty-tags` /
   * `null-tags` (a tag list with `[]` / `null` tags; an index.yaml with no versions / no entries),
   * `hostile-tags` (adds {@link HOSTILE_TAGS} to a tag list or as versions to an index.yaml), `bad-digest`
   * (an invalid Docker-Content-Digest on a manifest, a flipped byte in a blob, `md5:` digests in an
   * index.yaml), `redirect-other-host` (a 307 to the same path on the proxy's 127.0.0.2 listener).
   * Edit faults pass other kinds of answer through unchanged.
   */
  fault: '429' | '500' | 'stall' | 'reset' | 'truncate' | '404' | 'huge' | 'bad-json' | 'empty-tags' | 'null-tags' | 'hostile-tags' | 'bad-digest' | 'redirect-other-host';
  /** How many matching requests get the fault; later ones pass through. */
  times: number;
  retryAfterSeconds?: number;
  /** For `huge`: bytes streamed (default 24 MiB). */
  hugeBytes?: number;
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
export async function startFaultProxy(upstream: string, rules: FaultRule[], options: FaultProxyOptions = {}): Promise<RunningFaultProxy> {
  const used = rules.map(() => 0);
  const redirected: RedirectedRequest[] = [];
  let otherHost = '';
  const token: Upstream | undefined = options.tokenServer ? upstreamOf(options.tokenServer) : undefined;
  let selfUrl = '';
  const rewrite = token ? (headers: IncomingHttpHeaders) => rewriteRealm(headers, `${selfUrl}/token`) : undefined;
  const proxy = await startProxy(upstream, async (req, res, record, target, stalled) => {
    const path = req.url ?? '/';
    const routed = token && path.startsWith('/token') ? token : target;
    if (req.socket.localAddress?.endsWith('127.0.0.2')) {
      redirected.push({ path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      return pipeThrough(req, res, record, routed, rewrite);
    }
    const index = rules.findIndex((rule, i) => used[i]! < rule.times && (typeof rule.match === 'string' ? path.includes(rule.match) : new RegExp(rule.match.source, rule.match.flags.replace('g', '')).test(path)));
    if (index < 0) return pipeThrough(req, res, record, routed, rewrite);
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
      case '404':
        req.resume();
        record.status = 404;
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: 'injected by the fault proxy' }] }));
        return;
      case 'stall':
        req.resume();
        stalled.add(req.socket);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'truncate': {
        const answer = await fetchUpstream(req, routed, path);
        const headers = withoutHopByHop(answer.headers);
        headers['content-length'] = String(answer.body.length);
        record.status = answer.status;
        res.writeHead(answer.status, headers);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => res.socket?.destroy());
        return;
      }
      case 'huge':
        req.resume();
        record.status = 200;
        return streamFiller(res, rule.hugeBytes ?? 24 * 1024 * 1024);
      case 'bad-json':
        req.resume();
        record.status = 200;
        res.writeHead(200, { 'content-type': path.endsWith('.yaml') ? 'application/x-yaml' : 'application/json' })
          .end(path.endsWith('.yaml') ? 'apiVersion: v1\nentries:\n  app: [' : '{"name": "x", "tags": ["1.0');
        return;
      case 'redirect-other-host':
        req.resume();
        record.status = 307;
        res.writeHead(307, { location: `${otherHost}${path}` }).end();
        return;
      case 'empty-tags':
      case 'null-tags':
      case 'hostile-tags':
      case 'bad-digest': {
        const answer = await fetchUpstream(req, routed, path);
        if (rewrite) answer.headers = rewrite(answer.headers);
        if (answer.status === 200) editAnswer(rule.fault, path, answer);
        return replyBuffered(res, record, answer);
      }
    }
  });
  otherHost = await proxy.listenAlso('127.0.0.2');
  selfUrl = options.realmOnOtherHost ? otherHost : proxy.url;
  return { ...proxy, redirected };
}

function rewriteRealm(headers: IncomingHttpHeaders, realm: string): IncomingHttpHeaders {
  const value = headers['www-authenticate'];
  if (typeof value !== 'string') return headers;
  return { ...headers, 'www-authenticate': value.replace(/realm="[^"]*"/i, `realm="${realm}"`) };
}

/** Streams `bytes` of filler in 64 KiB chunks, waiting for the socket to drain, stopping when the client hangs up. */
async function streamFiller(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let closed = false;
  res.on('close', () => { closed = true; });
  for (let sent = 0; sent < bytes && !closed; sent += chunk.length) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!closed) res.end();
}

/** The edit faults, applied to a 200 answer from upstream. */
function editAnswer(fault: 'empty-tags' | 'null-tags' | 'hostile-tags' | 'bad-digest', path: string, answer: { headers: IncomingHttpHeaders; body: Buffer }): void {
  const pathname = path.split('?')[0]!;
  if (pathname.endsWith('/tags/list')) {
    const body = JSON.parse(answer.body.toString('utf8')) as { name: string; tags: string[] | null };
    if (fault === 'empty-tags') body.tags = [];
    else if (fault === 'null-tags') body.tags = null;
    else if (fault === 'hostile-tags') body.tags = [...HOSTILE_TAGS, ...(body.tags ?? [])];
    else return;
    answer.body = Buffer.from(JSON.stringify(body));
  } else if (pathname.endsWith('/index.yaml')) {
    const document = parseDocument(answer.body.toString('utf8'));
    const entries = document.get('entries') as { items: { key: unknown; value: { items: unknown[] } }[] } | undefined;
    if (fault === 'null-tags') document.set('entries', null);
    for (const pair of entries && fault !== 'null-tags' ? entries.items : []) {
      const name = String((pair.key as { value?: unknown }).value ?? pair.key);
      if (fault === 'empty-tags') document.setIn(['entries', name], document.createNode([]));
      if (fault === 'hostile-tags') for (const version of HOSTILE_TAGS) document.addIn(['entries', name], document.createNode({ name, version, created: '2099-01-01T00:00:00Z' }));
      if (fault === 'bad-digest') pair.value.items.forEach((_entry, i) => document.setIn(['entries', name, i, 'digest'], 'md5:0123'));
    }
    answer.body = Buffer.from(document.toString());
  } else if (fault === 'bad-digest' && pathname.includes('/manifests/')) {
    answer.headers = { ...answer.headers, 'docker-content-digest': 'sha256:not-a-digest' };
  } else if (fault === 'bad-digest' && pathname.includes('/blobs/') && answer.body.length > 0) {
    answer.body = Buffer.from(answer.body);
    answer.body[0] = answer.body[0]! ^ 1;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse, record: ProxiedRequest, upstream: Upstream, stalled: Set<Socket>) => Promise<void>;

function upstreamOf(url: string): Upstream {
  return { url: new URL(url.includes('://') ? url : `http://${url}`), agent: new Agent({ keepAlive: true, maxSockets: 32 }) };
}

async function startProxy(upstream: string, handler: Handler): Promise<RunningProxy & { listenAlso(address: string): Promise<string> }> {
  const target = upstreamOf(upstream);
  const requests: ProxiedRequest[] = [];
  const stalled = new Set<Socket>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const record: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '/', status: 0 };
    requests.push(record);
    handler(req, res, record, target, stalled).catch((error: unknown) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${String(error)}`);
      else res.destroy();
    });
  };
  const servers = [createServer(handle)];
  await new Promise<void>((resolve) => servers[0]!.listen(0, '127.0.0.1', resolve));
  const { port } = servers[0]!.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    async listenAlso(address: string) {
      const server = createServer(handle);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, address, resolve));
      return `http://${address}:${(server.address() as AddressInfo).port}`;
    },
    stop: () => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
      for (const socket of stalled) socket.destroy();
      target.agent.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }))).then(() => undefined),
  };
}

interface Upstream { url: URL; agent: Agent }

function upstreamRequest(req: IncomingMessage, target: Upstream, path: string) {
  return httpRequest({ host: target.url.hostname, port: target.url.port, method: req.method, path, headers: withoutHopByHop(req.headers), agent: target.agent });
}

function pipeThrough(req: IncomingMessage, res: ServerResponse, record: ProxiedRequest, target: Upstream, rewrite?: (headers: IncomingHttpHeaders) => IncomingHttpHeaders): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = upstreamRequest(req, target, req.url ?? '/');
    outgoing.on('response', (answer) => {
      record.status = answer.statusCode ?? 0;
      const headers = withoutHopByHop(answer.headers);
      res.writeHead(record.status, rewrite ? rewrite(headers) : headers);
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
