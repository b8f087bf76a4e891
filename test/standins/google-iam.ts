// Stand-in for Google's IAM Service Account Credentials API (iamcredentials.googleapis.com).
// Contract: REST reference "projects.serviceAccounts.generateAccessToken" — POST
// /v1/projects/-/serviceAccounts/{email}:generateAccessToken with a Bearer token and a JSON body
// {scope: [...], lifetime?: "3600s", delegates?}; answers {accessToken, expireTime (RFC 3339)}, and the
// google.rpc.Status error envelope ({error: {code, message, status}}) otherwise.
import { randomBytes } from 'node:crypto';
import { bearerToken, googleError, mediaType, parseJsonObject, startServer, type RequestLog } from './common.js';

const PATH = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/;
const SCOPES_ALLOWED_TO_IMPERSONATE = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/iam',
];
const MAX_LIFETIME_SECONDS = 3600;

export interface CallerToken {
  scopes: string[];
}

export interface IamStandInOptions {
  /** Accepts the caller's Bearer token: usually the STS stand-in's `validToken`. */
  validCallerToken: (token: string) => CallerToken | undefined;
  /** Service accounts the caller may impersonate; any other email answers 404. */
  serviceAccounts: string[];
  /**
   * The access token to hand out (e.g. the one in the test API server's static token file), or a function of
   * the 0-based mint number. Default: a fresh random token per mint.
   */
  accessToken?: string | ((mintIndex: number) => string);
  /** Caps every minted token's lifetime (short values make refresh testable). Default: as requested. */
  lifetimeSeconds?: number;
}

export interface MintedToken {
  token: string;
  serviceAccount: string;
  scopes: string[];
  expiresAt: number;
}

export interface IamStandIn {
  url: string;
  /** The value for an external_account file's `service_account_impersonation_url`. */
  impersonationUrl(serviceAccount: string): string;
  minted: MintedToken[];
  readonly mintCount: number;
  /** The minted-token record when `token` was minted here and has not expired. */
  validToken(token: string): MintedToken | undefined;
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startIamStandIn(options: IamStandInOptions): Promise<IamStandIn> {
  const minted: MintedToken[] = [];
  const nextToken = (index: number): string => {
    if (typeof options.accessToken === 'string') return options.accessToken;
    if (options.accessToken) return options.accessToken(index);
    return `ya29.iam-standin-${randomBytes(18).toString('base64url')}`;
  };

  const server = await startServer(({ method, url, headers, body, reply }) => {
    const match = PATH.exec(url.pathname);
    if (!match) return reply(404, googleError(404, 'NOT_FOUND', `The requested URL ${url.pathname} was not found.`));
    if (method !== 'POST') return reply(405, googleError(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed'));
    const caller = options.validCallerToken(bearerToken(headers) ?? '');
    if (!caller) {
      return reply(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    }
    if (!caller.scopes.some((scope) => SCOPES_ALLOWED_TO_IMPERSONATE.includes(scope))) {
      return reply(403, googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'));
    }
    const email = decodeURIComponent(match[1] ?? '');
    if (!options.serviceAccounts.includes(email)) {
      return reply(404, googleError(404, 'NOT_FOUND', `Not found; Gaia id not found for email ${email}`));
    }
    if (mediaType(headers) !== 'application/json') {
      return reply(400, googleError(400, 'INVALID_ARGUMENT', 'Request body must be JSON.'));
    }
    const request = parseJsonObject(body);
    if (!request) return reply(400, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'));
    const scopes = request.scope;
    if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string' && s !== '')) {
      return reply(400, googleError(400, 'INVALID_ARGUMENT', 'Scope required.'));
    }
    let requestedLifetime = MAX_LIFETIME_SECONDS;
    if (request.lifetime !== undefined) {
      const lifetime = typeof request.lifetime === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(request.lifetime) : null;
      if (!lifetime) return reply(400, googleError(400, 'INVALID_ARGUMENT', `Invalid value at 'lifetime' (type.googleapis.com/google.protobuf.Duration), Field 'lifetime', Illegal duration format`));
      requestedLifetime = Number(lifetime[1]);
      if (requestedLifetime > MAX_LIFETIME_SECONDS) {
        return reply(400, googleError(400, 'INVALID_ARGUMENT', `Lifetime must be at most ${MAX_LIFETIME_SECONDS}s.`));
      }
    }
    const lifetimeSeconds = Math.min(requestedLifetime, options.lifetimeSeconds ?? requestedLifetime);
    const record: MintedToken = {
      token: nextToken(minted.length),
      serviceAccount: email,
      scopes: scopes as string[],
      expiresAt: Date.now() + lifetimeSeconds * 1000,
    };
    minted.push(record);
    return reply(200, { accessToken: record.token, expireTime: new Date(record.expiresAt).toISOString() });
  });

  return {
    url: server.url,
    impersonationUrl: (serviceAccount) =>
      `${server.url}/v1/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`,
    minted,
    get mintCount() {
      return minted.length;
    },
    validToken: (token) => [...minted].reverse().find((t) => t.token === token && t.expiresAt > Date.now()),
    log: server.log,
    stop: server.stop,
  };
}
