// Plumbing for the stand-ins of hosted registries (GCR / Artifact Registry, Docker Hub): a vendor-flavoured HTTP
// front on the real local registry (test/harness/registry.ts), which holds the images. The front does the
// vendor's auth, headers and listing extensions; manifests and blobs are the real registry's bytes.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, RequestLog, type RecordedRequest } from './common.js';

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface UpstreamAnswer { status: number; headers: Headers; body: Buffer }

/** What the front knows about one tag, read from the real registry. */
export interface TagImage {
  digest: string;
  mediaType: string;
  /** The config's `created`; undefined for an index (no config of its own). */
  created?: Date;
  size: number;
}

/** The real registry behind a front, read as a client would (anonymous, Basic, or a token server's Bearer). */
export class UpstreamRegistry {
  private readonly tokens = new Map<string, string>();
  private readonly images = new Map<string, { key: string; images: Promise<Map<string, TagImage>> }>();

  constructor(readonly url: string, private readonly credentials?: { username: string; password: string }) {}

  async request(method: 'GET' | 'HEAD', path: string, accept?: string): Promise<UpstreamAnswer> {
    const repository = /^\/v2\/(.+?)\/(?:tags|manifests|blobs)\//.exec(path)?.[1] ?? '';
    for (let round = 0; round < 2; round++) {
      const headers: Record<string, string> = accept ? { accept } : {};
      const token = this.tokens.get(repository);
      if (token) headers.authorization = `Bearer ${token}`;
      else if (this.credentials) headers.authorization = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`;
      const response = await fetch(`${this.url}${path}`, { method, headers });
      const body = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
      const challenge = response.headers.get('www-authenticate') ?? '';
      if (response.status !== 401 || round > 0 || !/^Bearer /i.test(challenge)) return { status: response.status, headers: response.headers, body };
      this.tokens.set(repository, await this.token(challenge, repository));
    }
    throw new Error('unreachable');
  }

  private async token(challenge: string, repository: string): Promise<string> {
    const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
    const service = /service="([^"]+)"/.exec(challenge)?.[1];
    if (!realm) throw new Error(`upstream challenge without a realm: ${challenge}`);
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', `repository:${repository}:pull`);
    const headers: Record<string, string> = this.credentials
      ? { authorization: `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}` }
      : {};
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error(`upstream token server answered ${response.status}`);
    return token;
  }

  async tags(repository: string): Promise<string[] | undefined> {
    const answer = await this.request('GET', `/v2/${repository}/tags/list`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`upstream tags/list of ${repository}: HTTP ${answer.status}`);
    return ((JSON.parse(answer.body.toString('utf8')) as { tags: string[] | null }).tags ?? []).sort();
  }

  /** Digest, media type and creation time of every tag (read once per tag list; a changed tag list reads again). */
  async tagImages(repository: string): Promise<Map<string, TagImage> | undefined> {
    const tags = await this.tags(repository);
    if (!tags) return undefined;
    const key = tags.join('\n');
    const known = this.images.get(repository);
    if (known?.key === key) return known.images;
    const images = this.readImages(repository, tags);
    this.images.set(repository, { key, images });
    return images;
  }

  private async readImages(repository: string, tags: string[]): Promise<Map<string, TagImage>> {
    const images = new Map<string, TagImage>();
    const queue = [...tags];
    const worker = async () => {
      for (let tag = queue.shift(); tag !== undefined; tag = queue.shift()) {
        const manifest = await this.request('GET', `/v2/${repository}/manifests/${tag}`, MANIFEST_ACCEPT);
        if (manifest.status !== 200) continue;
        const json = JSON.parse(manifest.body.toString('utf8')) as { mediaType?: string; config?: { digest: string } };
        const image: TagImage = {
          digest: manifest.headers.get('docker-content-digest') ?? '',
          mediaType: json.mediaType ?? manifest.headers.get('content-type') ?? '',
          size: manifest.body.length,
        };
        if (json.config) {
          const config = await this.request('GET', `/v2/${repository}/blobs/${json.config.digest}`);
          const created = (JSON.parse(config.body.toString('utf8')) as { created?: string }).created;
          if (created) image.created = new Date(created);
        }
        images.set(tag, image);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return images;
  }
}

export interface FrontRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
}

export interface Front {
  url: string;
  log: RequestLog;
  stop(): Promise<void>;
}

/** Sends an answer and notes its status in the request log. */
export function answer(res: ServerResponse, record: RecordedRequest, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
  record.status = status;
  res.writeHead(status, headers).end(body);
}

export function answerJson(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
  answer(res, record, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

/** A loopback server whose every request is logged (bodies are not read: fronts serve GET and HEAD). */
export async function startFront(handle: (request: FrontRequest, res: ServerResponse, record: RecordedRequest) => Promise<void> | void): Promise<Front> {
  const log = new RequestLog();
  const server = createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: {}, body: '', status: 0 };
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) record.headers[name] = Array.isArray(value) ? value.join(', ') : value;
    log.requests.push(record);
    req.resume();
    Promise.resolve(handle({ method: record.method, url: new URL(record.url, 'http://127.0.0.1'), headers: req.headers }, res, record)).catch((error: unknown) => {
      if (!res.headersSent) answerJson(res, record, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  });
  return { ...(await listenOnLoopback(server)), log };
}

/** Passes a manifest or blob request through to the real registry with the headers a client reads. */
export async function forward(upstream: UpstreamRegistry, request: FrontRequest, res: ServerResponse, record: RecordedRequest, extra: Record<string, string> = {}): Promise<void> {
  const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
  const accept = typeof request.headers.accept === 'string' ? request.headers.accept : undefined;
  const upstreamAnswer = await upstream.request(method, request.url.pathname, accept);
  const headers: Record<string, string> = { ...extra };
  for (const name of ['content-type', 'docker-content-digest', 'content-length']) {
    const value = upstreamAnswer.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  answer(res, record, upstreamAnswer.status, headers, method === 'HEAD' ? '' : upstreamAnswer.body);
}

/** Bearer tokens a front issued, with the repositories each may pull. */
export class IssuedTokens {
  private readonly tokens = new Map<string, Set<string>>();

  issue(repositories: string[]): string {
    const token = randomBytes(18).toString('base64url');
    this.tokens.set(token, new Set(repositories));
    return token;
  }

  allows(authorization: string | undefined, repository: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const scopes = token ? this.tokens.get(token) : undefined;
    if (!scopes) return false;
    return repository === undefined || scopes.has(repository);
  }
}

/** `repository:NAME:pull` scopes of a token request, as repository names. */
export function pullScopes(url: URL): string[] {
  return url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ')).flatMap((scope) => {
    const match = /^repository:(.+):([a-z,*]+)$/.exec(scope);
    return match && match[2]!.split(',').includes('pull') ? [match[1]!] : [];
  });
}

export interface RequestKinds {
  ping: number;
  token: number;
  tags: number;
  manifestGets: number;
  manifestHeads: number;
  blobs: number;
  /** Vendor listing API pages (Docker Hub's tags API). */
  listing: number;
  other: number;
}

/** What a front's requests were, by kind. */
export function requestKinds(log: RequestLog): RequestKinds {
  const kinds: RequestKinds = { ping: 0, token: 0, tags: 0, manifestGets: 0, manifestHeads: 0, blobs: 0, listing: 0, other: 0 };
  for (const request of log.requests) {
    const path = request.url.split('?')[0]!;
    if (path === '/v2/' || path === '/v2') kinds.ping++;
    else if (path === '/token' || path === '/v2/token') kinds.token++;
    else if (/^\/v2\/namespaces\/[^/]+\/repositories\/[^/]+\/tags$/.test(path)) kinds.listing++;
    else if (path.endsWith('/tags/list')) kinds.tags++;
    else if (path.includes('/manifests/')) kinds[request.method === 'HEAD' ? 'manifestHeads' : 'manifestGets']++;
    else if (path.includes('/blobs/')) kinds.blobs++;
    else kinds.other++;
  }
  return kinds;
}

/** The repository and resource of a distribution API path. */
export function distributionPath(pathname: string): { repository: string; resource: 'tags' | 'manifests' | 'blobs'; reference?: string } | undefined {
  const match = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|blobs\/([^/]+))$/.exec(pathname);
  if (!match) return undefined;
  const resource = match[2] === 'tags/list' ? 'tags' : match[2]!.startsWith('manifests/') ? 'manifests' : 'blobs';
  const reference = match[3] ?? match[4];
  return { repository: match[1]!, resource, ...(reference ? { reference } : {}) };
}
