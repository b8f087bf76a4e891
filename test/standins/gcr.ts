// Google Container Registry / Artifact Registry stand-in: a front on the real local registry that answers as
// `gcr.io` (or `eu.gcr.io`, `REGION-docker.pkg.dev`) does.
// - Auth: `/v2/` and every repository request without a valid Bearer answer 401
//   `Bearer realm="https://HOST/v2/token",service="HOST"`; `GET /v2/token?scope=repository:NAME:pull&service=HOST`
//   wants Basic `oauth2accesstoken:<Google access token>` (a token `validGoogleToken` accepts — wire it to the
//   Google stand-ins' IAM) and hands out a registry token for those repositories.
// - `tags/list` adds Google's `manifest` map: digest -> {tag: [...], timeCreatedMs, timeUploadedMs, mediaType,
//   imageSizeBytes}, times as decimal strings of milliseconds; an index has no config, so "0" for its creation.
//   Optional `n`/`last` pagination with a `Link` header (the map then covers the page's tags).
// - Manifests and blobs are the real registry's.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest, RequestLog } from './common.js';
import {
  answerJson,
  distributionPath,
  forward,
  IssuedTokens,
  pullScopes,
  requestKinds,
  startFront,
  type FrontRequest,
  type RequestKinds,
  type UpstreamRegistry,
} from './hosted-front.js';

export interface GcrStandInOptions {
  upstream: UpstreamRegistry;
  /** The vendor host it answers as (default `gcr.io`). */
  host?: string;
  validGoogleToken: (token: string) => boolean;
  /** Send the `manifest` map (default true); false answers like a plain distribution registry. */
  manifestMap?: boolean;
  /** Tags per tags/list page; default all in one. */
  pageSize?: number;
}

export interface GcrStandIn {
  host: string;
  url: string;
  log: RequestLog;
  /** Google tokens that asked for registry tokens, one per token request. */
  googleTokens: string[];
  kinds(): RequestKinds;
  stop(): Promise<void>;
}

const GOOGLE_TOKEN_USERNAME = 'oauth2accesstoken';

export async function startGcrStandIn(options: GcrStandInOptions): Promise<GcrStandIn> {
  const host = options.host ?? 'gcr.io';
  const issued = new IssuedTokens();
  const googleTokens: string[] = [];
  const challenge = (scope?: string) => ({
    'www-authenticate': `Bearer realm="https://${host}/v2/token",service="${host}"${scope ? `,scope="${scope}"` : ''}`,
  });
  const unauthorized = (res: ServerResponse, record: RecordedRequest, scope?: string) =>
    answerJson(res, record, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'You don\'t have the needed permissions to perform this operation.' }] }, challenge(scope));

  const front = await startFront(async (request, res, record) => {
    const { url } = request;
    if (url.pathname === '/v2/token') return token(request, res, record);
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      return issued.allows(request.headers.authorization, undefined) ? answerJson(res, record, 200, {}) : unauthorized(res, record);
    }
    const path = distributionPath(url.pathname);
    if (!path || (request.method !== 'GET' && request.method !== 'HEAD')) return answerJson(res, record, 404, { errors: [{ code: 'NOT_FOUND', message: 'not a registry path' }] });
    if (!issued.allows(request.headers.authorization, path.repository)) return unauthorized(res, record, `repository:${path.repository}:pull`);
    if (path.resource !== 'tags') return forward(options.upstream, request, res, record);
    return tagList(path.repository, url, res, record);
  });

  function token(request: FrontRequest, res: ServerResponse, record: RecordedRequest): void {
    const match = /^Basic (\S+)$/.exec(String(request.headers.authorization ?? ''));
    const [user, password] = match ? Buffer.from(match[1]!, 'base64').toString('utf8').split(/:(.*)/s) : [];
    if (password) googleTokens.push(password);
    if (user !== GOOGLE_TOKEN_USERNAME || !password || !options.validGoogleToken(password)) {
      return answerJson(res, record, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'Not Authorized.' }] });
    }
    if (request.url.searchParams.get('service') !== host) return answerJson(res, record, 400, { errors: [{ code: 'INVALID', message: 'unknown service' }] });
    answerJson(res, record, 200, { token: issued.issue(pullScopes(request.url)), expires_in: 3600, issued_at: new Date().toISOString() });
  }

  async function tagList(repository: string, url: URL, res: ServerResponse, record: RecordedRequest): Promise<void> {
    const images = await options.upstream.tagImages(repository);
    if (!images) return answerJson(res, record, 404, { errors: [{ code: 'NAME_UNKNOWN', message: `Repository "${host}/${repository}" not found` }] });
    const all = [...images.keys()].sort();
    const size = Math.min(Number(url.searchParams.get('n') ?? options.pageSize ?? all.length), options.pageSize ?? all.length);
    const last = url.searchParams.get('last');
    const remaining = last === null ? all : all.filter((tag) => tag > last);
    const page = remaining.slice(0, Math.max(1, size));
    const headers: Record<string, string> = {};
    if (page.length < remaining.length) headers.link = `</v2/${repository}/tags/list?n=${size}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`;
    const body: Record<string, unknown> = { child: [], name: repository, tags: page };
    if (options.manifestMap !== false) {
      const manifest: Record<string, { tag: string[]; timeCreatedMs: string; timeUploadedMs: string; mediaType: string; imageSizeBytes: string }> = {};
      for (const tag of page) {
        const image = images.get(tag)!;
        const entry = manifest[image.digest] ??= {
          tag: [],
          timeCreatedMs: String(image.created?.getTime() ?? 0),
          timeUploadedMs: String(image.created?.getTime() ?? 0),
          mediaType: image.mediaType,
          imageSizeBytes: String(image.size),
        };
        entry.tag.push(tag);
      }
      body.manifest = manifest;
    }
    answerJson(res, record, 200, body, headers);
  }

  return { host, url: front.url, log: front.log, googleTokens, kinds: () => requestKinds(front.log), stop: () => front.stop() };
}
