/**
 * Amazon ECR: registry hosts, credentials from the workflow's AWS identity, and the DescribeImages
 * listing that carries push times.
 *
 * Credentials: ECR's GetAuthorizationToken (per region, valid for every registry the identity may read
 * there, for 12 hours) gives base64 `AWS:PASSWORD`, sent as Basic auth. One token per region is fetched
 * and reused until shortly before it expires. AWS credentials come from the SDK's default chain
 * (environment, web identity, SSO, instance role) unless a provider is given.
 */
import { RenewingByKey } from '../concurrency/renewing.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ECRClient, ECRClientConfig } from '@aws-sdk/client-ecr';
import { isDigest, isOciTag } from '../model/grammar.js';
import type { Credential, VendorCredentials } from './credentials.js';
import { RegistryProtocolError } from './errors.js';
import type { ListedImage, ListingContext, TimedListing, TimedTags } from './listing-times.js';
import { ListingUnavailableError } from './listing-unavailable.js';
import { hostname } from './reference.js';
import { hostileExcerpt } from './sanitise.js';

export interface EcrRegistry {
  /** The 12-digit AWS account id, which is the registry id. */
  accountId: string;
  region: string;
  fips: boolean;
}

const ECR_HOST = /^(\d{12})\.dkr\.(ecr|ecr-fips)\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(\.cn)?$/;

/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com` (`.com.cn` in China, `ecr-fips` for FIPS endpoints), else undefined. */
export function parseEcrHost(host: string): EcrRegistry | undefined {
  if (host.includes(':')) return undefined;
  const match = ECR_HOST.exec(hostname(host).toLowerCase());
  if (!match) return undefined;
  const region = match[3]!;
  // The China suffix goes with the China regions only, and the other way round.
  if ((match[4] !== undefined) !== region.startsWith('cn-')) return undefined;
  return { accountId: match[1]!, region, fips: match[2] === 'ecr-fips' };
}

export function isEcrRegistry(host: string): boolean {
  return parseEcrHost(host) !== undefined;
}

export interface EcrOptions {
  /** AWS credentials; default the SDK's default chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Read for AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL (a test hook the SDK honours too); default process.env. */
  env?: NodeJS.ProcessEnv;
  onSecret?: (value: string) => void;
  now?: () => number;
}

/** The SDK's own retries and timeouts, so an unreachable AWS endpoint fails in seconds, not minutes. */
const SDK_LIMITS = { maxAttempts: 3, requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 } } as const;

async function ecrClient(registry: EcrRegistry, options: EcrOptions): Promise<ECRClient> {
  const { ECRClient } = await import('@aws-sdk/client-ecr');
  const env = options.env ?? process.env;
  const endpoint = env.AWS_ENDPOINT_URL_ECR || env.AWS_ENDPOINT_URL;
  const config: ECRClientConfig = { region: registry.region, ...SDK_LIMITS };
  if (registry.fips) config.useFipsEndpoint = true;
  if (endpoint) config.endpoint = endpoint;
  if (options.credentials) config.credentials = options.credentials;
  return new ECRClient(config);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.split('\n')[0]!.slice(0, 300);
  return error.name && error.name !== 'Error' && !message.startsWith(error.name) ? `${error.name}: ${message}` : message;
}

/** The SDK found no AWS credentials at all: worth remembering, since looking again probes the instance metadata service. */
function noAwsCredentials(error: unknown): boolean {
  return error instanceof Error && error.name === 'CredentialsProviderError';
}

/** Renew this long before expiry: 5 minutes, or a tenth of a short-lived token's life. */
function renewMargin(lifetimeMs: number): number {
  return Math.min(5 * 60_000, Math.max(0, lifetimeMs / 10));
}

/** Without an expiry in the answer, ECR's documented 12 hours are assumed. */
const DEFAULT_TOKEN_MS = 12 * 3600_000;

/** ECR authorization tokens, one per region (and FIPS-ness), renewed before they expire. */
export class EcrCredentials implements VendorCredentials {
  readonly name = 'ECR';
  private readonly cache: RenewingByKey<Credential & { expiresAt: number }>;
  private readonly now: () => number;
  private unavailable: Error | undefined;
  /** GetAuthorizationToken calls made, for tests and stats. */
  tokenRequests = 0;

  constructor(private readonly options: EcrOptions = {}) {
    this.now = options.now ?? Date.now;
    this.cache = new RenewingByKey((credential) => credential.expiresAt, this.now);
  }

  handles(host: string): boolean {
    return isEcrRegistry(host);
  }

  credential(host: string): Promise<Credential> {
    const registry = parseEcrHost(host);
    if (!registry) return Promise.reject(new Error(`${host} is not an ECR registry host`));
    if (this.unavailable) return Promise.reject(this.unavailable);
    const key = `${registry.region}${registry.fips ? ' fips' : ''}`;
    return this.cache.get(key, () => this.fetchToken(registry).catch((error: Error) => {
      if (noAwsCredentials(error.cause)) this.unavailable = error;
      throw error;
    }));
  }

  private async fetchToken(registry: EcrRegistry): Promise<Credential & { expiresAt: number }> {
    const { GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
    const client = await ecrClient(registry, this.options);
    const requestedAt = this.now();
    this.tokenRequests++;
    let data;
    try {
      data = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    } catch (error) {
      throw new Error(`ECR GetAuthorizationToken in ${registry.region} failed: ${describe(error)}`, { cause: error });
    } finally {
      client.destroy();
    }
    const decoded = data?.authorizationToken ? Buffer.from(data.authorizationToken, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1) throw new Error(`ECR GetAuthorizationToken in ${registry.region} sent no usable token`);
    const credential = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    this.options.onSecret?.(credential.password);
    this.options.onSecret?.(data!.authorizationToken!);
    const expires = data?.expiresAt instanceof Date && Number.isFinite(data.expiresAt.getTime()) ? data.expiresAt.getTime() : requestedAt + DEFAULT_TOKEN_MS;
    const expiresAt = expires - renewMargin(expires - requestedAt);
    return { ...credential, expiresAt };
  }
}

/** DescribeImages page size, the API's maximum. */
const PAGE_SIZE = 1000;

/** ECR's DescribeImages: every tagged image with its tags, digest and push time. */
export function ecrListing(options: EcrOptions = {}): TimedListing {
  let unavailable: string | undefined;
  return {
    name: 'ECR DescribeImages',
    handles: isEcrRegistry,
    async list(ref, context: ListingContext): Promise<TimedTags> {
      const registry = parseEcrHost(ref.host)!;
      if (unavailable) throw new ListingUnavailableError(unavailable);
      const { DescribeImagesCommand } = await import('@aws-sdk/client-ecr');
      const client = await ecrClient(registry, { ...options, env: options.env ?? context.env });
      const tags: string[] = [];
      const times = new Map<string, ListedImage>();
      const listed = new Set<string>();
      let dropped = 0;
      let firstDropped: unknown;
      try {
        let nextToken: string | undefined;
        for (let page = 0; page === 0 || nextToken !== undefined; page++) {
          if (page >= context.maxPages) throw new RegistryProtocolError(ref.host, `ECR DescribeImages has more than ${context.maxPages} pages`);
          let answer;
          try {
            answer = await client.send(new DescribeImagesCommand({
              registryId: registry.accountId,
              repositoryName: ref.repository,
              filter: { tagStatus: 'TAGGED' },
              maxResults: PAGE_SIZE,
              ...(nextToken !== undefined ? { nextToken } : {}),
            }));
          } catch (error) {
            // No AWS identity, or one without ecr:DescribeImages (pull-only policies often lack it): the
            // registry itself still answers, so it lists instead; its errors are the ones that count.
            const reason = `DescribeImages failed: ${describe(error)}`;
            if (noAwsCredentials(error)) unavailable = reason;
            throw new ListingUnavailableError(reason);
          }
          for (const image of answer.imageDetails ?? []) {
            const created = image.imagePushedAt instanceof Date && Number.isFinite(image.imagePushedAt.getTime()) ? image.imagePushedAt : undefined;
            for (const tag of image.imageTags ?? []) {
              if (!isOciTag(tag)) {
                if (dropped++ === 0) firstDropped = tag;
                continue;
              }
              if (listed.has(tag)) continue;
              listed.add(tag);
              tags.push(tag);
              if (created) times.set(tag, isDigest(image.imageDigest) ? { created, digest: image.imageDigest } : { created });
            }
          }
          if (answer.nextToken !== undefined && answer.nextToken === nextToken) throw new RegistryProtocolError(ref.host, 'ECR DescribeImages pagination loops');
          nextToken = answer.nextToken || undefined;
        }
      } finally {
        client.destroy();
      }
      if (dropped > 0) context.warn?.(`${ref.host}/${ref.repository}: ignored ${dropped} invalid tag${dropped === 1 ? '' : 's'} (e.g. "${hostileExcerpt(firstDropped)}")`);
      if (tags.length === 0) throw new RegistryProtocolError(ref.host, `ECR listed no valid tags for ${ref.repository} (untrusted answer)`);
      return { tags, times };
    },
  };
}

export const ECR_LISTING: TimedListing = ecrListing();
