// Amazon ECR stand-in: the ECR API (AWS JSON 1.1 protocol: POST / with X-Amz-Target
// AmazonEC2ContainerRegistry_V20150921.<Operation>, SigV4-signed) for GetAuthorizationToken and DescribeImages,
// and the registry's front door, which wants Basic `AWS:<token>` with an unexpired token from that API
// (its 401 challenge is `Basic realm="https://HOST/",service="ecr.amazonaws.com"`, as ECR's).
import { randomBytes } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { startServer, type RunningServer } from './common.js';
import { repositoryOfPath, startAuthFront, upstreamImages, type RunningAuthFront } from './auth-front.js';

export interface EcrStandInOptions {
  /** The real local registry the front passes authorised requests to. */
  upstream: string;
  accountId?: string;
  region?: string;
  /** The AWS key pair requests must be signed with. */
  accessKeyId: string;
  secretAccessKey: string;
  /** Lifetime of the authorization tokens handed out (ECR's is 12 hours). */
  tokenLifetimeSeconds?: number;
  /** imagePushedAt per tag (ISO 8601); tags not listed get 2024-01-01. */
  pushedAt?: Record<string, string>;
  /** DescribeImages images per page, at most (the caller's maxResults is honoured below it). */
  pageSize?: number;
}

export interface EcrOperationCall {
  operation: string;
  /** Why the call was refused, when it was. */
  refused?: string;
  body: Record<string, unknown>;
}

export interface EcrStandIn {
  /** `ACCOUNT.dkr.ecr.REGION.amazonaws.com`, the name images use. */
  host: string;
  region: string;
  accountId: string;
  /** The ECR API endpoint (set AWS_ENDPOINT_URL_ECR to it). */
  apiUrl: string;
  /** The registry front (route `host` to it with KUBECD_REGISTRY_ENDPOINTS). */
  registryUrl: string;
  api: RunningServer;
  front: RunningAuthFront;
  calls: EcrOperationCall[];
  /** Passwords handed out by GetAuthorizationToken, oldest first. */
  passwords: string[];
  stop(): Promise<void>;
}

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const AUTH_HEADER = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Parses `20261203T102305Z`. */
function amzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

export async function startEcrStandIn(options: EcrStandInOptions): Promise<EcrStandIn> {
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'eu-west-1';
  const host = `${accountId}.dkr.ecr.${region}.amazonaws.com`;
  const lifetimeMs = (options.tokenLifetimeSeconds ?? 12 * 3600) * 1000;
  const tokens = new Map<string, number>();
  const calls: EcrOperationCall[] = [];
  const passwords: string[] = [];
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region,
    service: 'ecr',
    sha256: Hash.bind(null, 'sha256'),
  });

  /** Recomputes the SigV4 signature over what arrived; the reason it does not match, or undefined. */
  async function signatureProblem(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string): Promise<string | undefined> {
    const authorization = headers.authorization;
    if (typeof authorization !== 'string') return 'no Authorization header (MissingAuthenticationTokenException)';
    const m = AUTH_HEADER.exec(authorization);
    if (!m) return 'Authorization is not AWS4-HMAC-SHA256';
    const [, keyId, day, scopeRegion, service, signedHeaders, signature] = m;
    if (keyId !== options.accessKeyId) return `unknown access key ${keyId} (UnrecognizedClientException)`;
    if (scopeRegion !== region || service !== 'ecr') return `credential scope ${scopeRegion}/${service} is not ${region}/ecr`;
    const date = amzDate(String(headers['x-amz-date'] ?? ''));
    if (!date || !day || date.toISOString().slice(0, 10).replaceAll('-', '') !== day) return 'x-amz-date missing or not the scope date';
    if (Math.abs(date.getTime() - Date.now()) > 15 * 60_000) return 'request signed more than 15 minutes away from now';
    const signed: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) {
      const value = headers[name];
      if (value === undefined) return `signed header ${name} is missing`;
      signed[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const [hostname, port] = String(headers.host).split(':');
    const resigned = await signer.sign(
      { method, protocol: 'http:', hostname: hostname!, ...(port ? { port: Number(port) } : {}), path, query: {}, headers: signed, body },
      { signingDate: date },
    );
    const expected = AUTH_HEADER.exec(String(resigned.headers.authorization))?.[6];
    return expected === signature ? undefined : 'signature does not match (SignatureDoesNotMatch)';
  }

  const api = await startServer(async (exchange) => {
    const target = String(exchange.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let body: Record<string, unknown> = {};
    try {
      body = exchange.body ? (JSON.parse(exchange.body) as Record<string, unknown>) : {};
    } catch {
      exchange.reply(400, { __type: 'SerializationException', message: 'body is not JSON' }, 'application/x-amz-json-1.1');
      return;
    }
    const call: EcrOperationCall = { operation, body };
    calls.push(call);
    const fail = (status: number, type: string, message: string) => {
      call.refused = `${type}: ${message}`;
      exchange.reply(status, { __type: type, message }, 'application/x-amz-json-1.1');
    };
    if (exchange.method !== 'POST' || !String(exchange.headers['content-type']).startsWith('application/x-amz-json-1.1')) {
      fail(400, 'SerializationException', 'expected POST with application/x-amz-json-1.1');
      return;
    }
    const problem = await signatureProblem(exchange.method, exchange.url.pathname, exchange.headers, exchange.body);
    if (problem) {
      fail(403, problem.includes('UnrecognizedClient') ? 'UnrecognizedClientException' : 'InvalidSignatureException', problem);
      return;
    }
    if (operation === 'GetAuthorizationToken') {
      const password = randomBytes(24).toString('base64url');
      const expiresAt = Date.now() + lifetimeMs;
      tokens.set(password, expiresAt);
      passwords.push(password);
      exchange.reply(200, {
        authorizationData: [{
          authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
          expiresAt: expiresAt / 1000,
          proxyEndpoint: `https://${host}`,
        }],
      }, 'application/x-amz-json-1.1');
      return;
    }
    if (operation === 'DescribeImages') {
      const repository = body.repositoryName;
      if (typeof repository !== 'string') return fail(400, 'InvalidParameterException', 'repositoryName is required');
      if (body.registryId !== undefined && body.registryId !== accountId) return fail(400, 'RepositoryNotFoundException', `no repository ${repository} in registry ${String(body.registryId)}`);
      const images = await upstreamImages(options.upstream, repository);
      if (images.length === 0) return fail(400, 'RepositoryNotFoundException', `The repository with name '${repository}' does not exist`);
      // One image per digest, with all its tags, as ECR reports them.
      const byDigest = new Map<string, string[]>();
      for (const { tag, digest } of images) byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
      const details = [...byDigest].map(([digest, tags]) => ({
        registryId: accountId,
        repositoryName: repository,
        imageDigest: digest,
        imageTags: tags,
        imagePushedAt: Math.max(...tags.map((tag) => Date.parse(options.pushedAt?.[tag] ?? '2024-01-01T00:00:00Z'))) / 1000,
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
      }));
      const max = Math.min(Number(body.maxResults ?? 100), options.pageSize ?? 1000);
      const start = typeof body.nextToken === 'string' ? Number(Buffer.from(body.nextToken, 'base64url').toString()) : 0;
      const page = details.slice(start, start + max);
      const next = start + max < details.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
      exchange.reply(200, { imageDetails: page, ...(next ? { nextToken: next } : {}) }, 'application/x-amz-json-1.1');
      return;
    }
    fail(400, 'UnknownOperationException', `operation ${operation} is not in this stand-in`);
  });

  const challenge = { 'www-authenticate': `Basic realm="https://${host}/",service="ecr.amazonaws.com"` };
  const front = await startAuthFront(options.upstream, ({ url, headers }) => {
    if (url.pathname !== '/v2/' && !repositoryOfPath(url.pathname)) return { status: 404, body: { errors: [{ code: 'NOT_FOUND', message: 'not a registry path' }] } };
    const match = /^Basic (\S+)$/.exec(String(headers.authorization ?? ''));
    const [user, password] = match ? Buffer.from(match[1]!, 'base64').toString('utf8').split(/:(.*)/s) : [];
    const expires = password ? tokens.get(password) : undefined;
    if (user !== 'AWS' || expires === undefined || expires < Date.now()) {
      return { status: 401, headers: challenge, body: { errors: [{ code: 'UNAUTHORIZED', message: 'Not Authorized' }] } };
    }
    return undefined;
  });

  return {
    host,
    region,
    accountId,
    apiUrl: api.url,
    registryUrl: front.url,
    api,
    front,
    calls,
    passwords,
    stop: async () => {
      await Promise.allSettled([api.stop(), front.stop()]);
    },
  };
}
