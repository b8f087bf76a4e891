// Docker Hub stand-in, three hosts in front of the real local registry (route them with KUBECD_REGISTRY_ENDPOINTS,
// `endpoints` below):
// - registry-1.docker.io: 401 `Bearer realm="https://auth.docker.io/token",service="registry.docker.io"` without
//   a token; a pull limit counted as Hub counts it, on manifest GETs only (HEADs and blobs are free), with
//   `ratelimit-limit: L;w=W` / `ratelimit-remaining: R;w=W` / `docker-ratelimit-source` on manifest answers and
//   429 TOOMANYREQUESTS once none are left;
// - auth.docker.io: `GET /token?service=registry.docker.io&scope=repository:NAME:pull`, anonymous (public
//   repositories) or with Basic credentials of `users`;
// - hub.docker.com: `GET /v2/namespaces/NS/repositories/NAME/tags?page_size=N&page=P` (N at most 100), results
//   newest first with `name`, `digest`, `last_updated`, `tag_last_pushed`, `images`, and an absolute `next`; a
//   repository listed in `privateRepositories` (or unknown) answers 404, as Hub does without a Hub login, and
//   is shown with `Authorization: Bearer JWT` from `POST /v2/auth/token` (JSON `{"identifier", "secret"}` of
//   one of `users` -> `{"access_token"}`; anything else 401). The stand-in's push time is the image config's
//   `created` (one pipeline builds and pushes).
import { randomBytes } from 'node:crypto';
import { startServer, type Exchange, type RequestLog } from './common.js';
import {
  answerJson,
  distributionPath,
  forward,
  IssuedTokens,
  pullScopes,
  requestKinds,
  startFront,
  type RequestKinds,
  type UpstreamRegistry,
} from './hosted-front.js';

export const DOCKER_HUB_HOSTS = { registry: 'registry-1.docker.io', auth: 'auth.docker.io', hub: 'hub.docker.com' } as const;

export interface DockerHubStandInOptions {
  upstream: UpstreamRegistry;
  /** Pulls per window (default 100); `null` sends no limit headers (a paid account). */
  pullLimit?: number | null;
  windowSeconds?: number;
  /** Repositories (`ns/name`) the tags API does not show. */
  privateRepositories?: string[];
  /** Users that may log in at auth.docker.io (username -> password). */
  users?: Record<string, string>;
  /** Users that may log in at hub.docker.com's `/v2/auth/token`; default `users` (Hub may refuse a password the registry takes, e.g. under SSO). */
  hubUsers?: Record<string, string>;
}

export interface DockerHubStandIn {
  /** Host -> stand-in URL, for KUBECD_REGISTRY_ENDPOINTS. */
  endpoints: Record<string, string>;
  registry: { url: string; log: RequestLog; kinds(): RequestKinds };
  auth: { url: string; log: RequestLog };
  hub: { url: string; log: RequestLog };
  /** `POST /v2/auth/token` requests at hub.docker.com, refused ones included. */
  readonly logins: number;
  /** The Hub JWTs issued. */
  readonly hubTokens: readonly string[];
  /** Manifest GETs that count as pulls (counted without a limit too). */
  readonly pulls: number;
  /** Pulls left in the window. */
  remaining: number;
  /** Answers with status 429, on any host. */
  tooManyRequests(): number;
  stop(): Promise<void>;
}

export async function startDockerHubStandIn(options: DockerHubStandInOptions): Promise<DockerHubStandIn> {
  const limit = options.pullLimit === undefined ? 100 : options.pullLimit;
  const window = options.windowSeconds ?? 21_600;
  const issued = new IssuedTokens();
  const state = { remaining: limit ?? 0, pulls: 0 };
  const hidden = new Set(options.privateRepositories ?? []);
  const challenge = (scope?: string) => ({
    'www-authenticate': `Bearer realm="https://${DOCKER_HUB_HOSTS.auth}/token",service="registry.docker.io"${scope ? `,scope="${scope}"` : ''}`,
  });
  const limitHeaders = (): Record<string, string> => limit === null ? {} : {
    'ratelimit-limit': `${limit};w=${window}`,
    'ratelimit-remaining': `${Math.max(0, state.remaining)};w=${window}`,
    'docker-ratelimit-source': '127.0.0.1',
  };

  const registry = await startFront(async (request, res, record) => {
    const { url } = request;
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      if (issued.allows(request.headers.authorization, undefined)) return answerJson(res, record, 200, {});
      return answerJson(res, record, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, challenge());
    }
    const path = distributionPath(url.pathname);
    if (!path || (request.method !== 'GET' && request.method !== 'HEAD')) return answerJson(res, record, 404, { errors: [{ code: 'NOT_FOUND', message: 'not a registry path' }] });
    if (!issued.allows(request.headers.authorization, path.repository)) {
      return answerJson(res, record, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, challenge(`repository:${path.repository}:pull`));
    }
    if (path.resource !== 'manifests') return forward(options.upstream, request, res, record);
    if (request.method === 'GET') {
      if (limit !== null && state.remaining <= 0) {
        return answerJson(res, record, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your unauthenticated pull rate limit.' }] }, limitHeaders());
      }
      state.remaining--;
      state.pulls++;
    }
    return forward(options.upstream, request, res, record, limitHeaders());
  });

  const auth = await startFront((request, res, record) => {
    if (request.url.pathname !== '/token') return answerJson(res, record, 404, { details: 'not found' });
    if (request.url.searchParams.get('service') !== 'registry.docker.io') return answerJson(res, record, 400, { details: 'invalid service' });
    const basic = /^Basic (\S+)$/.exec(String(request.headers.authorization ?? ''));
    if (basic) {
      const [user, password] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(/:(.*)/s);
      if (!user || options.users?.[user] === undefined || options.users[user] !== password) return answerJson(res, record, 401, { details: 'incorrect username or password' });
    }
    const token = issued.issue(pullScopes(request.url));
    answerJson(res, record, 200, { token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() });
  });

  const hubTokens: string[] = [];
  const hubState = { logins: 0 };
  const notFound = { message: 'httperror 404: object not found', errinfo: {} };
  const hub = await startServer(async (exchange) => {
    if (exchange.url.pathname === '/v2/auth/token' && exchange.method === 'POST') return hubLogin(exchange);
    const match = /^\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)\/tags$/.exec(exchange.url.pathname);
    if (!match || exchange.method !== 'GET') return exchange.reply(404, notFound);
    return tagsPage(`${match[1]}/${match[2]}`, exchange);
  });

  function hubLogin(exchange: Exchange): void {
    hubState.logins++;
    let body: { identifier?: unknown; secret?: unknown } | null;
    try {
      body = JSON.parse(exchange.body) as { identifier?: unknown; secret?: unknown } | null;
    } catch {
      return exchange.reply(400, { message: 'invalid JSON' });
    }
    const user = typeof body?.identifier === 'string' ? body.identifier : '';
    const hubUsers = options.hubUsers ?? options.users ?? {};
    if (!user || hubUsers[user] === undefined || hubUsers[user] !== body?.secret) return exchange.reply(401, { detail: 'Incorrect authentication credentials', errinfo: {} });
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: user, exp: Math.floor(Date.now() / 1000) + 600 })}.${randomBytes(24).toString('base64url')}`;
    hubTokens.push(token);
    exchange.reply(200, { access_token: token });
  }

  async function tagsPage(repository: string, exchange: Exchange): Promise<void> {
    const { url } = exchange;
    const bearer = /^Bearer (\S+)$/.exec(String(exchange.headers.authorization ?? ''))?.[1];
    if (bearer !== undefined && !hubTokens.includes(bearer)) return exchange.reply(401, { detail: 'invalid token' });
    const images = hidden.has(repository) && bearer === undefined ? undefined : await options.upstream.tagImages(repository);
    if (!images || images.size === 0) return exchange.reply(404, notFound);
    const entries = [...images].map(([name, image]) => {
      const pushed = (image.created ?? new Date(Date.UTC(2024, 0, 1))).toISOString();
      return {
        name,
        digest: image.digest,
        last_updated: pushed,
        tag_last_pushed: pushed,
        tag_status: 'active',
        media_type: image.mediaType,
        content_type: 'image',
        full_size: image.size,
        images: [{ architecture: 'amd64', os: 'linux', digest: image.digest, size: image.size, status: 'active', last_pushed: pushed }],
      };
    }).sort((a, b) => b.tag_last_pushed.localeCompare(a.tag_last_pushed) || a.name.localeCompare(b.name));
    const size = Math.max(1, Math.min(Number(url.searchParams.get('page_size') ?? 10) || 10, 100));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const results = entries.slice((page - 1) * size, page * size);
    const base = `https://${DOCKER_HUB_HOSTS.hub}${url.pathname}`;
    const link = (p: number) => `${base}?page=${p}&page_size=${size}`;
    exchange.reply(200, {
      count: entries.length,
      next: page * size < entries.length ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results,
    });
  }

  const all = [registry, auth, hub];
  return {
    endpoints: { [DOCKER_HUB_HOSTS.registry]: registry.url, [DOCKER_HUB_HOSTS.auth]: auth.url, [DOCKER_HUB_HOSTS.hub]: hub.url },
    registry: { url: registry.url, log: registry.log, kinds: () => requestKinds(registry.log) },
    auth: { url: auth.url, log: auth.log },
    hub: { url: hub.url, log: hub.log },
    get logins() { return hubState.logins; },
    get hubTokens() { return [...hubTokens]; },
    get pulls() { return state.pulls; },
    get remaining() { return state.remaining; },
    set remaining(value: number) { state.remaining = value; },
    tooManyRequests: () => all.reduce((sum, front) => sum + front.log.requests.filter((r) => r.status === 429).length, 0),
    stop: async () => { await Promise.allSettled(all.map((front) => front.stop())); },
  };
}
