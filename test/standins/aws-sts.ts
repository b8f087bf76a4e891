// Stand-in for AWS Security Token Service (sts.REGION.amazonaws.com).
// Contract: the STS API reference (Query protocol, Version 2011-06-15): POST / with a form body naming the
// Action, answers `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/></ActionResponse>` in XML
// (JSON when the request asks with `Accept: application/json`), errors as `<ErrorResponse><Error><Type/><Code/>
// <Message/></Error><RequestId/></ErrorResponse>` with HTTP 400/403.
// - AssumeRoleWithWebIdentity (unsigned): RoleArn, RoleSessionName, WebIdentityToken. The token is checked as an
//   IAM OIDC identity provider for token.actions.githubusercontent.com does: issuer, RS256 signature against the
//   issuer's key, expiry, audience `sts.amazonaws.com`, then the role's trust condition on the claims.
// - AssumeRole (SigV4-signed by a known user or earlier credentials): RoleArn, RoleSessionName.
// - GetCallerIdentity, SigV4-signed in the Authorization header or presigned in the query (GET). A presigned
//   call is what the EKS authenticator makes with a token's URL: it must carry a signed `x-k8s-aws-id` header,
//   and is honoured for `presignedLifetimeSeconds` after its X-Amz-Date (STS allows 15 minutes) and only while
//   the credentials that signed it are unexpired.
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mediaType, startServer, type Exchange, type RequestLog } from './common.js';
import { checkAuthorizationHeader, checkPresignedUrl, type SigV4Check } from './aws-sigv4.js';
import { verifyJwt, type JwtClaims } from './jwt.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

export interface StsRole {
  arn: string;
  /** The role's trust policy on the GitHub OIDC token's claims (e.g. `sub` names the repository). Default: allow. */
  trust?: (claims: JwtClaims) => boolean;
}

export interface StsUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** arn:aws:iam::ACCOUNT:user/NAME */
  arn: string;
}

export interface AwsStsStandInOptions {
  region: string;
  /** The OIDC issuer the account's identity provider trusts, and its key. */
  oidcIssuer: string;
  oidcPublicKey: KeyObject;
  roles: StsRole[];
  /** Long-term keys (ambient credentials of a developer). */
  users?: StsUser[];
  /** Lifetime of the credentials AssumeRole* hands out. Default 3600 s, as STS. */
  credentialLifetimeSeconds?: number;
  /** How long a presigned GetCallerIdentity URL is honoured after its X-Amz-Date. Default 900 s. */
  presignedLifetimeSeconds?: number;
  /** Runs before the n-th (0-based) set of credentials is issued; a test may hold an issue back here. */
  beforeIssue?: (index: number) => Promise<void>;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  sessionName: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  arn: string;
  /** How they were obtained. */
  via: 'AssumeRoleWithWebIdentity' | 'AssumeRole';
  subject?: string;
  issuedAt: number;
  expiresAt: number;
}

export interface CallerIdentityCheck {
  presigned: boolean;
  ok: boolean;
  code?: string;
  reason?: string;
  accessKeyId?: string;
  clusterId?: string;
  at: number;
}

export interface AwsStsStandIn {
  url: string;
  host: string;
  region: string;
  issued: IssuedCredentials[];
  checks: CallerIdentityCheck[];
  /** The key's secret while it is valid (issued and unexpired, or a user's), for the other AWS stand-ins. */
  secretOf(accessKeyId: string, at?: number): { secretAccessKey: string; sessionToken?: string; arn: string } | undefined;
  /** Whether the key was issued here and has expired (ExpiredToken rather than InvalidClientTokenId). */
  expired(accessKeyId: string, at?: number): boolean;
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startAwsStsStandIn(options: AwsStsStandInOptions): Promise<AwsStsStandIn> {
  const lifetime = options.credentialLifetimeSeconds ?? 3600;
  const presignedLifetime = options.presignedLifetimeSeconds ?? 900;
  const issued: IssuedCredentials[] = [];
  const checks: CallerIdentityCheck[] = [];
  const users = options.users ?? [];
  let issuing = 0;

  const secretOf = (accessKeyId: string, at = Date.now()) => {
    const user = users.find((u) => u.accessKeyId === accessKeyId);
    if (user) return { secretAccessKey: user.secretAccessKey, arn: user.arn };
    const creds = issued.find((c) => c.accessKeyId === accessKeyId && c.expiresAt > at);
    return creds ? { secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken, arn: creds.arn } : undefined;
  };
  const expired = (accessKeyId: string, at = Date.now()) => issued.some((c) => c.accessKeyId === accessKeyId && c.expiresAt <= at);

  /** A SigV4 check with STS's own error for expired session credentials. */
  const signedBy = (check: SigV4Check, accessKeyId: string | undefined) =>
    !check.ok && check.code === 'InvalidClientTokenId' && accessKeyId && expired(accessKeyId)
      ? { ok: false as const, code: 'ExpiredToken', reason: 'The security token included in the request is expired' }
      : check;

  const issue = async (role: StsRole, sessionName: string, via: IssuedCredentials['via'], subject?: string): Promise<IssuedCredentials> => {
    await options.beforeIssue?.(issuing++);
    const account = role.arn.split(':')[4] ?? '';
    const roleName = role.arn.split('/').at(-1) ?? '';
    const issuedAt = Date.now();
    const record: IssuedCredentials = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(60).toString('base64')}`,
      roleArn: role.arn,
      sessionName,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      via,
      ...(subject !== undefined ? { subject } : {}),
      issuedAt,
      // Whole seconds: the wire format has no fractions.
      expiresAt: Math.floor(issuedAt / 1000) * 1000 + lifetime * 1000,
    };
    issued.push(record);
    return record;
  };

  const server = await startServer(async (exchange) => {
    const { method, url, headers, body } = exchange;
    const json = String(headers.accept ?? '').includes('application/json');
    const answer = (action: string, result: Record<string, unknown>) => replyResult(exchange, json, action, result);
    const error = (status: number, code: string, message: string) => replyError(exchange, json, status, code, message);
    if (url.pathname !== '/') return error(404, 'UnknownOperationException', 'Not Found');

    if (method === 'GET') {
      const action = url.searchParams.get('Action');
      if (action !== 'GetCallerIdentity') return error(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${url.searchParams.get('Version') ?? '(none)'}`);
      if (url.searchParams.get('Version') !== '2011-06-15') return error(400, 'InvalidAction', 'Version must be 2011-06-15');
      const now = Date.now();
      const accessKeyId = (url.searchParams.get('X-Amz-Credential') ?? '').split('/')[0];
      const record: CallerIdentityCheck = { presigned: true, ok: false, at: now, ...(accessKeyId ? { accessKeyId } : {}) };
      const clusterId = headers['x-k8s-aws-id'];
      if (typeof clusterId === 'string') record.clusterId = clusterId;
      checks.push(record);
      const check = signedBy(checkPresignedUrl(exchange, { service: 'sts', region: options.region, secretOf: (id) => secretOf(id, now), now }), accessKeyId);
      const refuse = (status: number, code: string, reason: string) => {
        Object.assign(record, { code, reason });
        return error(status, code, reason);
      };
      if (!check.ok) return refuse(403, check.code, check.reason);
      if (now > check.signedAt + presignedLifetime * 1000) return refuse(403, 'ExpiredToken', 'Request has expired');
      if (check.signedAt > now + 5 * 60_000) return refuse(403, 'SignatureDoesNotMatch', 'Signature not yet current');
      if (!check.signedHeaders.includes('x-k8s-aws-id')) return refuse(403, 'SignatureDoesNotMatch', 'x-k8s-aws-id is not a signed header');
      record.ok = true;
      return answer('GetCallerIdentity', identityOf(secretOf(check.accessKeyId, now)!.arn, check.accessKeyId));
    }
    if (method !== 'POST') return error(405, 'MethodNotAllowed', 'Method Not Allowed');
    if (mediaType(headers) !== 'application/x-www-form-urlencoded') return error(400, 'InvalidParameterValue', 'the body must be application/x-www-form-urlencoded');
    const params = new URLSearchParams(body);
    if (params.get('Version') !== '2011-06-15') return error(400, 'InvalidAction', 'Version must be 2011-06-15');
    const action = params.get('Action');

    if (action === 'AssumeRoleWithWebIdentity') {
      const role = options.roles.find((r) => r.arn === params.get('RoleArn'));
      const sessionName = params.get('RoleSessionName') ?? '';
      const token = params.get('WebIdentityToken') ?? '';
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return error(400, 'ValidationError', 'RoleSessionName must be 2-64 of [\\w+=,.@-]');
      const verified = verifyJwt(token, options.oidcPublicKey);
      if (!verified.ok) return error(400, verified.reason.includes('expired') ? 'ExpiredTokenException' : 'InvalidIdentityToken', verified.reason);
      const claims = verified.claims;
      if (claims.iss !== options.oidcIssuer) return error(400, 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${String(claims.iss)}`);
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(GITHUB_OIDC_AUDIENCE)) return error(400, 'InvalidIdentityToken', `Incorrect token audience [${audiences.join(', ')}]`);
      if (!role || !(role.trust?.(claims) ?? true)) return error(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
      const creds = await issue(role, sessionName, 'AssumeRoleWithWebIdentity', String(claims.sub));
      return answer('AssumeRoleWithWebIdentity', {
        Credentials: credentialsXml(creds),
        SubjectFromWebIdentityToken: String(claims.sub),
        AssumedRoleUser: { Arn: creds.arn, AssumedRoleId: `AROA${creds.accessKeyId.slice(4, 20)}:${sessionName}` },
        Provider: `arn:aws:iam::${creds.roleArn.split(':')[4]}:oidc-provider/${options.oidcIssuer.replace(/^https:\/\//, '')}`,
        Audience: GITHUB_OIDC_AUDIENCE,
      });
    }

    const now = Date.now();
    const accessKeyId = /Credential=([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1];
    const check = signedBy(checkAuthorizationHeader(exchange, { service: 'sts', region: options.region, secretOf: (id) => secretOf(id, now), now }), accessKeyId);
    if (action === 'GetCallerIdentity') {
      checks.push({ presigned: false, ok: check.ok, at: now, ...(accessKeyId ? { accessKeyId } : {}), ...(check.ok ? {} : { code: check.code, reason: check.reason }) });
      if (!check.ok) return error(403, check.code, check.reason);
      return answer('GetCallerIdentity', identityOf(secretOf(check.accessKeyId, now)!.arn, check.accessKeyId));
    }
    if (action === 'AssumeRole') {
      if (!check.ok) return error(403, check.code, check.reason);
      const role = options.roles.find((r) => r.arn === params.get('RoleArn'));
      const sessionName = params.get('RoleSessionName') ?? '';
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return error(400, 'ValidationError', 'RoleSessionName must be 2-64 of [\\w+=,.@-]');
      if (!role) return error(403, 'AccessDenied', `User: ${secretOf(check.accessKeyId, now)!.arn} is not authorized to perform: sts:AssumeRole on resource: ${params.get('RoleArn') ?? ''}`);
      const creds = await issue(role, sessionName, 'AssumeRole');
      return answer('AssumeRole', {
        Credentials: credentialsXml(creds),
        AssumedRoleUser: { Arn: creds.arn, AssumedRoleId: `AROA${creds.accessKeyId.slice(4, 20)}:${sessionName}` },
      });
    }
    return error(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version 2011-06-15`);
  });

  return {
    url: server.url,
    host: new URL(server.url).host,
    region: options.region,
    issued,
    checks,
    secretOf,
    expired,
    log: server.log,
    stop: server.stop,
  };
}

function credentialsXml(creds: IssuedCredentials): Record<string, unknown> {
  return {
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
    SessionToken: creds.sessionToken,
    Expiration: new Date(creds.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** GetCallerIdentityResult; a role session's UserId is ROLEID:SESSION. */
function identityOf(arn: string, accessKeyId: string): Record<string, unknown> {
  const account = arn.split(':')[4] ?? '';
  const session = arn.includes(':assumed-role/') ? arn.split('/').at(-1) : undefined;
  return { UserId: session ? `AROA${accessKeyId.slice(4, 20)}:${session}` : `AIDA${accessKeyId.slice(4, 20)}`, Account: account, Arn: arn };
}

function replyResult(exchange: Exchange, json: boolean, action: string, result: Record<string, unknown>): void {
  const requestId = randomUUID();
  if (json) {
    exchange.reply(200, { [`${action}Response`]: { [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } } });
    return;
  }
  const xml = `<${action}Response xmlns="${XMLNS}">\n  <${action}Result>${toXml(result)}</${action}Result>\n  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n</${action}Response>\n`;
  exchange.reply(200, xml, 'text/xml');
}

function replyError(exchange: Exchange, json: boolean, status: number, code: string, message: string): void {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const requestId = randomUUID();
  if (json) {
    exchange.reply(status, { Error: { Type: type, Code: code, Message: message }, RequestId: requestId });
    return;
  }
  exchange.reply(status, `<ErrorResponse xmlns="${XMLNS}">\n  <Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`, 'text/xml');
}

function toXml(value: Record<string, unknown>): string {
  return Object.entries(value)
    .map(([name, v]) => `<${name}>${v !== null && typeof v === 'object' ? toXml(v as Record<string, unknown>) : escapeXml(String(v))}</${name}>`)
    .join('');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
