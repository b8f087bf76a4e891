// Stand-in for Google's Security Token Service (sts.googleapis.com), the workload identity federation step.
// Contract: STS REST reference "v1/token" (method token) — RFC 8693 token exchange: POST /v1/token with
// grant_type=urn:ietf:params:oauth:grant-type:token-exchange, audience=//iam.googleapis.com/<provider resource>,
// subject_token (the external OIDC JWT), subject_token_type, requested_token_type, scope; answers
// {access_token, issued_token_type, token_type: "Bearer", expires_in}, and OAuth errors ({error,
// error_description}, HTTP 400) otherwise. The external JWT is checked the way a workload identity pool
// provider does: issuer, signature against the issuer's key, expiry, and allowed audience.
import { randomBytes, type KeyObject } from 'node:crypto';
import { mediaType, parseJsonObject, startServer, type RequestLog } from './common.js';
import { verifyJwt, type JwtClaims } from './jwt.js';

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ACCEPTED_SUBJECT_TOKEN_TYPES = ['urn:ietf:params:oauth:token-type:jwt', 'urn:ietf:params:oauth:token-type:id_token'];

export interface StsStandInOptions {
  /** Full provider resource name: projects/N/locations/global/workloadIdentityPools/P/providers/PR. */
  provider: string;
  /** The OIDC issuer the provider trusts, and its public key. */
  issuer: string;
  issuerPublicKey: KeyObject;
  /** Audience the external JWT must carry. Default: `https://iam.googleapis.com/<provider>` (the pool's default). */
  allowedAudience?: string;
  /** Extra attribute condition on the JWT claims (e.g. a repository check); false rejects the exchange. */
  attributeCondition?: (claims: JwtClaims) => boolean;
  /** Lifetime of the federated tokens. Default 3600 s. */
  lifetimeSeconds?: number;
}

export interface FederatedToken {
  token: string;
  scopes: string[];
  subject: string;
  expiresAt: number;
}

export interface StsStandIn {
  url: string;
  /** Value for an external_account file's `token_url`. */
  tokenUrl: string;
  /** `//iam.googleapis.com/<provider>`: the `audience` clients must send. */
  audience: string;
  issued: FederatedToken[];
  /** The federated token record when `token` was issued here and has not expired. */
  validToken(token: string): FederatedToken | undefined;
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startStsStandIn(options: StsStandInOptions): Promise<StsStandIn> {
  const audience = `//iam.googleapis.com/${options.provider}`;
  const allowedAudience = options.allowedAudience ?? `https://iam.googleapis.com/${options.provider}`;
  const lifetime = options.lifetimeSeconds ?? 3600;
  const issued: FederatedToken[] = [];

  const server = await startServer(({ method, url, headers, body, reply }) => {
    const oauthError = (error: string, description: string) =>
      reply(400, { error, error_description: description });
    if (url.pathname !== '/v1/token') return reply(404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } });
    if (method !== 'POST') return reply(405, { error: { code: 405, message: 'Method Not Allowed', status: 'METHOD_NOT_ALLOWED' } });

    const params = readParams(mediaType(headers), body);
    if (!params) return oauthError('invalid_request', 'body must be application/x-www-form-urlencoded or JSON');
    if (params.grant_type !== TOKEN_EXCHANGE_GRANT) {
      return oauthError('unsupported_grant_type', `grant_type must be ${TOKEN_EXCHANGE_GRANT}`);
    }
    if (params.audience !== audience) {
      return oauthError('invalid_target', `The target service indicated by the "audience" parameters is invalid: ${params.audience ?? '(missing)'}`);
    }
    if (params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      return oauthError('invalid_request', `requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
    }
    if (!params.subject_token_type || !ACCEPTED_SUBJECT_TOKEN_TYPES.includes(params.subject_token_type)) {
      return oauthError('invalid_request', `subject_token_type must be one of ${ACCEPTED_SUBJECT_TOKEN_TYPES.join(', ')}`);
    }
    if (!params.subject_token) return oauthError('invalid_request', 'subject_token is missing');

    const check = verifyJwt(params.subject_token, options.issuerPublicKey);
    if (!check.ok) return oauthError('invalid_grant', check.reason);
    const claims = check.claims;
    if (claims.iss !== options.issuer) return oauthError('invalid_grant', `The issuer ${String(claims.iss)} does not match the provider's issuer`);
    const tokenAudiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!tokenAudiences.includes(allowedAudience)) {
      return oauthError('invalid_grant', `The audience in ID Token [${tokenAudiences.join(', ')}] does not match the expected audience ${allowedAudience}.`);
    }
    if (options.attributeCondition && !options.attributeCondition(claims)) {
      return oauthError('unauthorized_client', 'The given credential is rejected by the attribute condition.');
    }

    const record: FederatedToken = {
      token: `ya29.sts-standin-${randomBytes(18).toString('base64url')}`,
      scopes: (params.scope ?? '').split(' ').filter((s) => s !== ''),
      subject: String(claims.sub),
      expiresAt: Date.now() + lifetime * 1000,
    };
    issued.push(record);
    return reply(200, {
      access_token: record.token,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: lifetime,
    });
  });

  return {
    url: server.url,
    tokenUrl: `${server.url}/v1/token`,
    audience,
    issued,
    validToken: (token) => issued.find((t) => t.token === token && t.expiresAt > Date.now()),
    log: server.log,
    stop: server.stop,
  };
}

function readParams(type: string, body: string): Record<string, string | undefined> | undefined {
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  if (type === 'application/json') {
    const json = parseJsonObject(body);
    if (!json) return undefined;
    const params: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(json)) {
      params[name] = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
    }
    return params;
  }
  return undefined;
}
