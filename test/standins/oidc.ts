// Stand-in for the GitHub Actions OIDC token endpoint (the URL a runner exposes as ACTIONS_ID_TOKEN_REQUEST_URL).
// Contract: GitHub docs "OpenID Connect" / "Methods for requesting the OIDC token" — GET the request URL with
// `&audience=AUD` and `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answer `{"value": "<JWT>"}`;
// the JWT is RS256 with the claims listed under "Understanding the OIDC token" (iss, sub, aud, repository, ...).
// The issuer's keys are served as a JWKS at /.well-known/jwks, like token.actions.githubusercontent.com does.
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { bearerToken, startServer, type RequestLog } from './common.js';
import { generateSigningKey, jwksOf, signJwt, type JwtClaims } from './jwt.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
const TOKEN_PATH = '/_apis/distributedtask/idtoken';

export interface OidcStandInOptions {
  /** `owner/name` of the repository the job runs in. Default `acme/deployments`. */
  repository?: string;
  /** Git ref of the job. Default `refs/heads/main`. */
  ref?: string;
  /** When set, `sub` names the deployment environment instead of the ref, as GitHub does for such jobs. */
  environment?: string;
  issuer?: string;
  /** Token lifetime. Default 300 s (GitHub's tokens last minutes). */
  lifetimeSeconds?: number;
  /** The runtime token jobs must present. Default: random. */
  requestToken?: string;
}

export interface IssuedIdToken {
  audience: string;
  token: string;
  claims: JwtClaims;
}

export interface OidcStandIn {
  url: string;
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL (already carries a query string, as GitHub's does). */
  requestUrl: string;
  requestToken: string;
  issuer: string;
  publicKey: KeyObject;
  jwks: { keys: Record<string, unknown>[] };
  /** Both variables @actions/core's getIDToken reads. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  issued: IssuedIdToken[];
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startOidcStandIn(options: OidcStandInOptions = {}): Promise<OidcStandIn> {
  const repository = options.repository ?? 'acme/deployments';
  const ref = options.ref ?? 'refs/heads/main';
  const issuer = options.issuer ?? GITHUB_OIDC_ISSUER;
  const lifetime = options.lifetimeSeconds ?? 300;
  const requestToken = options.requestToken ?? randomBytes(24).toString('hex');
  const key = generateSigningKey();
  const jwks = jwksOf(key);
  const issued: IssuedIdToken[] = [];
  const owner = repository.split('/')[0] ?? repository;

  const server = await startServer(({ method, url, headers, reply }) => {
    if (method === 'GET' && url.pathname === '/.well-known/jwks') return reply(200, jwks);
    if (method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return reply(200, { issuer, jwks_uri: `${issuer}/.well-known/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (url.pathname !== TOKEN_PATH) return reply(404, { message: 'Not Found' });
    if (method !== 'GET') return reply(405, { message: 'Method Not Allowed' });
    if (bearerToken(headers) !== requestToken) return reply(401, { message: 'Unauthorized' });
    if (!url.searchParams.get('api-version')) return reply(400, { message: 'api-version query parameter is missing' });

    // GitHub defaults the audience to the URL of the repository owner.
    const audience = url.searchParams.get('audience') ?? `https://github.com/${owner}`;
    const now = Math.floor(Date.now() / 1000);
    const claims: JwtClaims = {
      jti: randomUUID(),
      sub: options.environment ? `repo:${repository}:environment:${options.environment}` : `repo:${repository}:ref:${ref}`,
      aud: audience,
      ref,
      repository,
      repository_owner: owner,
      ...(options.environment ? { environment: options.environment } : {}),
      event_name: 'push',
      iss: issuer,
      nbf: now - 5,
      iat: now - 5,
      exp: now + lifetime,
    };
    const token = signJwt(claims, key);
    issued.push({ audience, token, claims });
    return reply(200, { value: token });
  });

  const requestUrl = `${server.url}${TOKEN_PATH}?api-version=2.0`;
  return {
    url: server.url,
    requestUrl,
    requestToken,
    issuer,
    publicKey: key.publicKey,
    jwks,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    issued,
    log: server.log,
    stop: server.stop,
  };
}
