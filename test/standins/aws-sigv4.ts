// AWS Signature Version 4 checks for the AWS stand-ins, written from the AWS docs ("Create a signed AWS API
// request", "Authenticating requests: using query parameters") on node:crypto alone, so a mistake in how kubecd
// drives the SDK's signer is caught rather than mirrored: canonical request (method, URI-encoded path, sorted
// query, signed headers, payload hash), string to sign, the derived key HMAC chain, and the credential scope.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigningSecret {
  secretAccessKey: string;
  /** Temporary credentials carry one; the request must then present it (header or query). */
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as received (or parsed from it). */
  url: string | URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SigV4Expectation {
  service: string;
  region: string;
  /** The secret of an access key id; undefined for a key the stand-in does not know. */
  secretOf: (accessKeyId: string) => SigningSecret | undefined;
  now?: number;
}

export type SigV4Check =
  | { ok: true; accessKeyId: string; signedHeaders: string[]; signedAt: number; expiresSeconds?: number }
  | { ok: false; code: string; reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** Header-signed requests may be this far off the server's clock (AWS allows 15 minutes). */
const MAX_SKEW_MS = 15 * 60_000;

/** Checks a request signed in its `Authorization` header. */
export function checkAuthorizationHeader(request: SignedRequest, expect: SigV4Expectation): SigV4Check {
  const header = String(request.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([0-9a-f]{64})$/.exec(header);
  if (!match) return fail('IncompleteSignature', 'Authorization header is not AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...');
  const [, credential = '', signedHeaderList = '', signature = ''] = match;
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return fail('IncompleteSignature', 'x-amz-date header is missing or not YYYYMMDDTHHMMSSZ');
  if (Math.abs((expect.now ?? Date.now()) - signedAt) > MAX_SKEW_MS) return fail('SignatureDoesNotMatch', 'Signature expired: x-amz-date is more than 15 minutes off');
  const url = new URL(request.url, 'http://stand-in');
  const token = request.headers['x-amz-security-token'];
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? sha256Hex(request.body));
  if (request.headers['x-amz-content-sha256'] !== undefined && payloadHash !== sha256Hex(request.body)) {
    return fail('XAmzContentSHA256Mismatch', 'x-amz-content-sha256 does not match the body');
  }
  return verify({ method: request.method, url, headers: request.headers, credential, signedHeaderList, signature, amzDate, signedAt, payloadHash, sessionToken: typeof token === 'string' ? token : undefined, query: [...url.searchParams] }, expect);
}

/** Checks a presigned URL (X-Amz-* query parameters); the caller judges X-Amz-Expires and the date window. */
export function checkPresignedUrl(request: SignedRequest, expect: SigV4Expectation): SigV4Check {
  const url = new URL(request.url, 'http://stand-in');
  const q = url.searchParams;
  if (q.get('X-Amz-Algorithm') !== ALGORITHM) return fail('IncompleteSignature', `X-Amz-Algorithm must be ${ALGORITHM}`);
  const credential = q.get('X-Amz-Credential') ?? '';
  const signedHeaderList = q.get('X-Amz-SignedHeaders') ?? '';
  const signature = q.get('X-Amz-Signature') ?? '';
  const amzDate = q.get('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!credential || !signedHeaderList || !/^[0-9a-f]{64}$/.test(signature) || signedAt === undefined) {
    return fail('IncompleteSignature', 'the presigned URL lacks X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature or X-Amz-Date');
  }
  const expires = Number(q.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) return fail('AuthorizationQueryParametersError', 'X-Amz-Expires must be a whole number of seconds from 1 to 604800');
  const query = [...q].filter(([name]) => name !== 'X-Amz-Signature');
  const check = verify({ method: request.method, url, headers: request.headers, credential, signedHeaderList, signature, amzDate, signedAt, payloadHash: sha256Hex(request.body), sessionToken: q.get('X-Amz-Security-Token') ?? undefined, query }, expect);
  return check.ok ? { ...check, expiresSeconds: expires } : check;
}

interface Parts {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  credential: string;
  signedHeaderList: string;
  signature: string;
  amzDate: string;
  signedAt: number;
  payloadHash: string;
  sessionToken: string | undefined;
  query: [string, string][];
}

function verify(parts: Parts, expect: SigV4Expectation): SigV4Check {
  const [accessKeyId = '', date = '', region, service, terminator, ...rest] = parts.credential.split('/');
  if (rest.length > 0 || terminator !== 'aws4_request') return fail('IncompleteSignature', 'credential scope must be KEY/DATE/REGION/SERVICE/aws4_request');
  if (date !== parts.amzDate.slice(0, 8)) return fail('SignatureDoesNotMatch', 'credential scope date is not the date of X-Amz-Date');
  if (region !== expect.region) return fail('SignatureDoesNotMatch', `credential scope region ${String(region)} is not ${expect.region}`);
  if (service !== expect.service) return fail('SignatureDoesNotMatch', `credential scope service ${String(service)} is not ${expect.service}`);
  const secret = expect.secretOf(accessKeyId);
  if (!secret) return fail('InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (secret.sessionToken !== undefined && parts.sessionToken !== secret.sessionToken) {
    return fail('InvalidClientTokenId', 'temporary credentials need their session token (X-Amz-Security-Token)');
  }
  const signedHeaders = parts.signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return fail('SignatureDoesNotMatch', 'the host header must be signed');
  if ([...signedHeaders].sort().join(';') !== parts.signedHeaderList) return fail('SignatureDoesNotMatch', 'SignedHeaders must be sorted');
  for (const name of signedHeaders) if (parts.headers[name] === undefined) return fail('SignatureDoesNotMatch', `signed header ${name} is missing from the request`);

  const canonicalRequest = [
    parts.method,
    canonicalPath(parts.url.pathname),
    parts.query.map(([k, v]) => [uriEncode(k), uriEncode(v)] as const).sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&'),
    signedHeaders.map((name) => `${name}:${headerValue(parts.headers[name])}\n`).join(''),
    parts.signedHeaderList,
    parts.payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, parts.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = [date, region, service, 'aws4_request'].reduce<Buffer>((k, part) => hmac(k, part), Buffer.from(`AWS4${secret.secretAccessKey}`));
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(parts.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  return { ok: true, accessKeyId, signedHeaders, signedAt: parts.signedAt };
}

function fail(code: string, reason: string): SigV4Check {
  return { ok: false, code, reason };
}

/** YYYYMMDDTHHMMSSZ as epoch milliseconds. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 asks. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Every service but S3 encodes each (already encoded) path segment once more. */
function canonicalPath(path: string): string {
  return path.split('/').map((segment) => uriEncode(segment)).join('/') || '/';
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : String(value ?? '')).trim().replace(/\s+/g, ' ');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
