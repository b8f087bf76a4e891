// Azure Container Registry stand-in, with Entra for the ACR's sake:
// - `entraCredential()`: a TokenCredential (what @azure/identity hands kubecd) whose tokens are RS256 JWTs
//   with `tid` and `aud`, signed by this stand-in's Entra key; or, with `entra`, the Entra ID stand-in
//   (azure.ts) is the only issuer the exchange trusts, as a real ACR trusts only its tenant's Entra ID;
// - `POST /oauth2/exchange` (grant_type=access_token, service, tenant, access_token) -> {refresh_token};
// - `POST /oauth2/token` (grant_type=refresh_token, service, scope, refresh_token) -> {access_token} for the
//   granted actions of `repository:NAME:ACTIONS`; also `GET` with the refresh token as Basic password, and
//   401 for an anonymous GET (anonymous pull disabled);
// - the registry front: distribution API calls need a Bearer access token with `pull` on the repository;
//   the challenge is `Bearer realm="https://LOGIN_SERVER/oauth2/token",service="LOGIN_SERVER"`;
// - `GET /acr/v1/NAME/_tags` (n, last, orderby; Link pagination) -> {registry, imageName, tags: [{name,
//   digest, createdTime, lastUpdateTime}]}, which wants `metadata_read`.
import { randomBytes } from 'node:crypto';
import type { AzureStandIns } from './azure.js';
import { generateSigningKey, signJwt, verifyJwt, type JwtCheck, type JwtClaims } from './jwt.js';
import { repositoryOfPath, startAuthFront, upstreamImages, type RunningAuthFront } from './auth-front.js';

export interface AcrStandInOptions {
  upstream: string;
  /** Default `myreg.azurecr.io`. */
  loginServer?: string;
  tenantId?: string;
  /** The Entra scope ACR's exchange accepts tokens for. */
  armAudience?: string;
  /** Whether tokens may carry `metadata_read` (an identity with pull only gets `pull`). Default true. */
  grantMetadataRead?: boolean;
  /** createdTime per tag (ISO 8601); others get 2024-01-01. */
  createdTimes?: Record<string, string>;
  /** Most tags per `_tags` page. Default 100. */
  pageSize?: number;
  refreshLifetimeSeconds?: number;
  /** Trust the Entra ID stand-in's tokens (its signature, audience, tenant, expiry) instead of this stand-in's own key. */
  entra?: Pick<AzureStandIns, 'verifyAccessToken'>;
}

export interface AcrTokenCall {
  endpoint: 'exchange' | 'token';
  form: Record<string, string>;
  status: number;
  refused?: string;
}

export interface EntraTokenCredential {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export interface AcrStandIn {
  loginServer: string;
  tenantId: string;
  url: string;
  front: RunningAuthFront;
  tokenCalls: AcrTokenCall[];
  /** Entra access tokens issued, refresh and access tokens handed out: for leak checks. */
  issued: { entra: string[]; refresh: string[]; access: string[] };
  /** Entra's side: a credential whose tokens this ACR accepts (scopes other than the ARM one are refused). */
  entraCredential(): EntraTokenCredential;
  stop(): Promise<void>;
}

function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export async function startAcrStandIn(options: AcrStandInOptions): Promise<AcrStandIn> {
  const loginServer = options.loginServer ?? 'myreg.azurecr.io';
  const tenantId = options.tenantId ?? '72f988bf-0000-4000-8000-2d7cd011db47';
  const armAudience = options.armAudience ?? 'https://management.azure.com';
  const entraKey = generateSigningKey();
  const acrKey = generateSigningKey();
  const access = new Map<string, { repository: string; actions: Set<string>; expires: number }>();
  const tokenCalls: AcrTokenCall[] = [];
  const issued = { entra: [] as string[], refresh: [] as string[], access: [] as string[] };
  const challenge = (scope?: string) => ({
    'www-authenticate': `Bearer realm="https://${loginServer}/oauth2/token",service="${loginServer}"${scope ? `,scope="${scope}"` : ''}`,
  });
  const unauthorized = (scope?: string) => ({ status: 401, headers: challenge(scope), body: { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] } });

  function bearerFor(headers: Record<string, string | string[] | undefined>, repository: string, action: string): boolean {
    const match = /^Bearer (\S+)$/.exec(String(headers.authorization ?? ''));
    const grant = match ? access.get(match[1]!) : undefined;
    return !!grant && grant.expires > Date.now() && grant.repository === repository && grant.actions.has(action);
  }

  function tokenEndpoint(endpoint: AcrTokenCall['endpoint'], method: string, body: string, url: URL, authorization: string | undefined): { status: number; body: unknown } {
    // docker's own flow: GET with the refresh token as the Basic password (ACR's "null GUID" user).
    const basic = /^Basic (\S+)$/.exec(authorization ?? '');
    const fields = method === 'GET' && endpoint === 'token'
      ? { ...Object.fromEntries(url.searchParams), grant_type: 'refresh_token', refresh_token: basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(/:(.*)/s)[1] ?? '' : '' }
      : form(body);
    const call: AcrTokenCall = { endpoint, form: fields, status: 200 };
    tokenCalls.push(call);
    const refuse = (status: number, why: string) => {
      call.status = status;
      call.refused = why;
      return { status, body: { errors: [{ code: status === 400 ? 'BAD_REQUEST' : 'UNAUTHORIZED', message: why }] } };
    };
    if (method !== 'POST' && !(method === 'GET' && endpoint === 'token')) return refuse(405, `${endpoint} wants POST`);
    if (fields.service !== loginServer) return refuse(400, `service must be ${loginServer}`);
    const now = Date.now() / 1000;
    if (endpoint === 'exchange') {
      if (fields.grant_type !== 'access_token') return refuse(400, 'grant_type must be access_token');
      const check: JwtCheck = options.entra ? options.entra.verifyAccessToken(fields.access_token ?? '', armAudience) : verifyJwt(fields.access_token ?? '', entraKey.publicKey);
      if (!check.ok) return refuse(401, `Entra token refused: ${check.reason}`);
      if (check.claims.aud !== armAudience) return refuse(401, `Entra token audience ${String(check.claims.aud)} is not ${armAudience}`);
      if (fields.tenant !== undefined && fields.tenant !== check.claims.tid) return refuse(401, 'tenant does not match the token');
      const refresh = signJwt({ iss: 'Azure Container Registry', aud: loginServer, sub: check.claims.oid, tenant: check.claims.tid, grant_type: 'refresh_token', iat: Math.floor(now), exp: Math.floor(now + (options.refreshLifetimeSeconds ?? 3 * 3600)) }, acrKey);
      issued.refresh.push(refresh);
      return { status: 200, body: { refresh_token: refresh } };
    }
    if (fields.grant_type !== 'refresh_token') return refuse(400, 'grant_type must be refresh_token');
    if (!fields.refresh_token) return refuse(401, 'anonymous pull is not enabled on this registry');
    const check = verifyJwt(fields.refresh_token ?? '', acrKey.publicKey);
    if (!check.ok || check.claims.aud !== loginServer) return refuse(401, `refresh token refused${check.ok ? '' : `: ${check.reason}`}`);
    const scope = /^repository:([a-z0-9._/-]+):([a-z_,*]+)$/.exec(fields.scope ?? '');
    if (!scope) return refuse(400, 'scope must be repository:NAME:ACTIONS');
    const allowed = new Set(['pull', ...(options.grantMetadataRead === false ? [] : ['metadata_read'])]);
    const actions = new Set(scope[2]!.split(',').filter((a) => allowed.has(a)));
    const token = randomBytes(24).toString('base64url');
    access.set(token, { repository: scope[1]!, actions, expires: Date.now() + 3600_000 });
    issued.access.push(token);
    return { status: 200, body: { access_token: token } };
  }

  async function tagsListing(repository: string, url: URL): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const images = await upstreamImages(options.upstream, repository);
    if (images.length === 0) return { status: 404, body: { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] } };
    const entries = images.map(({ tag, digest }) => {
      const created = options.createdTimes?.[tag] ?? '2024-01-01T00:00:00.0000000Z';
      return { name: tag, digest, createdTime: created, lastUpdateTime: created, signed: false, changeableAttributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true } };
    });
    const order = url.searchParams.get('orderby');
    if (order === 'timedesc') entries.sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime) || a.name.localeCompare(b.name));
    else if (order === 'timeasc') entries.sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime) || a.name.localeCompare(b.name));
    else entries.sort((a, b) => a.name.localeCompare(b.name));
    const size = Math.min(Number(url.searchParams.get('n') ?? 100), options.pageSize ?? 100);
    const last = url.searchParams.get('last');
    const start = last === null ? 0 : entries.findIndex((e) => e.name === last) + 1;
    const page = entries.slice(start, start + size);
    const headers: Record<string, string> = {};
    if (start + size < entries.length) {
      const next = new URLSearchParams({ last: page[page.length - 1]!.name, n: String(size), ...(order ? { orderby: order } : {}) });
      headers.link = `</acr/v1/${repository}/_tags?${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: { registry: loginServer, imageName: repository, tags: page } };
  }

  const front = await startAuthFront(options.upstream, async ({ method, url, headers, body }) => {
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    if (url.pathname === '/oauth2/exchange') return tokenEndpoint('exchange', method, body, url, authorization);
    if (url.pathname === '/oauth2/token') return tokenEndpoint('token', method, body, url, authorization);
    const listing = /^\/acr\/v1\/(.+)\/_tags$/.exec(url.pathname);
    if (listing) {
      const repository = listing[1]!;
      if (!bearerFor(headers, repository, 'metadata_read')) return unauthorized(`repository:${repository}:metadata_read`);
      return tagsListing(repository, url);
    }
    if (url.pathname === '/v2/') return /^Bearer \S+$/.test(String(headers.authorization ?? '')) ? undefined : unauthorized();
    const repository = repositoryOfPath(url.pathname);
    if (!repository) return { status: 404, body: { errors: [{ code: 'NOT_FOUND', message: 'not a registry path' }] } };
    return bearerFor(headers, repository, 'pull') ? undefined : unauthorized(`repository:${repository}:pull`);
  });

  const entraCredential = (): EntraTokenCredential => ({
    getToken: async (scopes) => {
      const wanted = Array.isArray(scopes) ? scopes : [scopes];
      if (wanted.length !== 1 || wanted[0] !== `${armAudience}/.default`) throw new Error(`stand-in Entra issues tokens for ${armAudience}/.default only`);
      const now = Math.floor(Date.now() / 1000);
      const claims: JwtClaims = { aud: armAudience, iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, oid: 'b0e1a5e2-0000-4000-8000-00000000cafe', iat: now, exp: now + 3600 };
      const token = signJwt(claims, entraKey);
      issued.entra.push(token);
      return { token, expiresOnTimestamp: (now + 3600) * 1000 };
    },
  });

  return { loginServer, tenantId, url: front.url, front, tokenCalls, issued, entraCredential, stop: () => front.stop() };
}
