// The EKS side of the token webhook: what aws-iam-authenticator (the authenticator EKS runs in front of its API
// servers) does with a `k8s-aws-v1.` bearer token. Contract: aws-iam-authenticator's README "How does it work?"
// and its token format: strip the prefix, base64url-decode a presigned STS URL; accept only
// `GET https://STS-HOST/?Action=GetCallerIdentity&Version=2011-06-15` with X-Amz-* parameters whose signed
// headers include `x-k8s-aws-id`, signed no more than 15 minutes ago; call it with `x-k8s-aws-id: CLUSTER` and
// `Accept: application/json`; canonicalise the caller's ARN (an assumed-role session becomes its role's ARN)
// and map it to a Kubernetes user through mapRoles / mapUsers (EKS access entries work the same way).
import type { ReviewedUser, TokenVerifier } from '../harness/token-webhook.js';
import { parseAmzDate } from './aws-sigv4.js';

const PREFIX = 'k8s-aws-v1.';
const ALLOWED_PARAMETERS = new Set(['Action', 'Version', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'X-Amz-Signature']);
const TOKEN_WINDOW_MS = 15 * 60_000;

export interface EksIdentityMapping {
  /** arn:aws:iam::ACCOUNT:role/NAME (mapRoles) or arn:aws:iam::ACCOUNT:user/NAME (mapUsers). */
  arn: string;
  username: string;
  groups?: string[];
}

export interface EksTokenReview {
  ok: boolean;
  reason?: string;
  arn?: string;
  username?: string;
  at: number;
}

export interface EksAuthenticatorOptions {
  /** The cluster id tokens must be signed for (`x-k8s-aws-id`): the cluster's name. */
  clusterId: string;
  /** The STS endpoint whose presigned URLs are accepted (the stand-in's URL; real EKS: the partition's STS hosts). */
  stsUrl: string;
  mappings: EksIdentityMapping[];
  /** Every verdict, for tests. */
  reviews?: EksTokenReview[];
}

/** A TokenVerifier for the token webhook that checks EKS tokens the way aws-iam-authenticator does. */
export function reviewEksToken(options: EksAuthenticatorOptions): TokenVerifier {
  const sts = new URL(options.stsUrl);
  return async (token: string): Promise<ReviewedUser | undefined> => {
    if (!token.startsWith(PREFIX)) return undefined;
    const at = Date.now();
    const verdict = await review(token.slice(PREFIX.length), sts, options, at);
    options.reviews?.push({ ...verdict, at });
    return verdict.ok && verdict.username ? { username: verdict.username, ...(verdict.groups ? { groups: verdict.groups } : {}) } : undefined;
  };
}

async function review(encoded: string, sts: URL, options: EksAuthenticatorOptions, now: number): Promise<Omit<EksTokenReview, 'at'> & { groups?: string[] }> {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false, reason: 'token is not unpadded base64url' };
  let url: URL;
  try {
    url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'token does not hold a URL' };
  }
  if (url.origin !== sts.origin || url.pathname !== '/') return { ok: false, reason: `${url.origin}${url.pathname} is not the STS endpoint` };
  const q = url.searchParams;
  for (const name of q.keys()) if (!ALLOWED_PARAMETERS.has(name)) return { ok: false, reason: `unexpected query parameter ${name}` };
  if (q.get('Action') !== 'GetCallerIdentity' || q.get('Version') !== '2011-06-15') return { ok: false, reason: 'not a GetCallerIdentity 2011-06-15 URL' };
  if (!(q.get('X-Amz-SignedHeaders') ?? '').split(';').includes('x-k8s-aws-id')) return { ok: false, reason: 'x-k8s-aws-id is not signed' };
  const signedAt = parseAmzDate(q.get('X-Amz-Date') ?? '');
  if (signedAt === undefined) return { ok: false, reason: 'X-Amz-Date is missing' };
  if (now - signedAt > TOKEN_WINDOW_MS) return { ok: false, reason: 'token expired (X-Amz-Date more than 15 minutes ago)' };

  const response = await fetch(url, { headers: { 'x-k8s-aws-id': options.clusterId, accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) return { ok: false, reason: `STS answered ${response.status}: ${text.slice(0, 300)}` };
  const arn = (JSON.parse(text) as { GetCallerIdentityResponse?: { GetCallerIdentityResult?: { Arn?: string } } }).GetCallerIdentityResponse?.GetCallerIdentityResult?.Arn;
  if (!arn) return { ok: false, reason: 'STS answer has no Arn' };
  const canonical = canonicalArn(arn);
  const mapping = options.mappings.find((m) => m.arn === canonical);
  if (!mapping) return { ok: false, reason: `ARN ${canonical} is not mapped`, arn };
  return { ok: true, arn, username: mapping.username, ...(mapping.groups ? { groups: mapping.groups } : {}) };
}

/** arn:aws:sts::A:assumed-role/ROLE/SESSION -> arn:aws:iam::A:role/ROLE; IAM users stay as they are. */
export function canonicalArn(arn: string): string {
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return assumed ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : arn;
}
