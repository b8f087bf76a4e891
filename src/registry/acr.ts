/**
 * Azure Container Registry: login servers, credentials from the workflow's Entra identity, and the tag
 * listing that carries creation times.
 *
 * Credentials (the flow `az acr login` uses): an Entra access token for Azure Resource Manager is
 * exchanged at `POST https://REGISTRY/oauth2/exchange` (grant_type=access_token) for an ACR refresh token.
 * That refresh token is the credential: the authenticator trades it at the registry's own token realm
 * (`https://REGISTRY/oauth2/token`, grant_type=refresh_token) for an access token per repository.
 *
 * Listing: `GET /acr/v1/REPOSITORY/_tags` pages (Link header) of `{name, digest, createdTime}`; ACR wants
 * the `metadata_read` action for it, so repository tokens for ACR hosts ask for `pull,metadata_read`.
 */
import { RenewingByKey } from '../concurrency/renewing.js';
import { azureEndpoints } from '../cloud/endpoints.js';
import type { TokenCredential } from '@azure/identity';
import { isDigest, isOciTag } from '../model/grammar.js';
import { nextLink } from './link-header.js';
import type { Credential, VendorCredentials } from './credentials.js';
import { RegistryAuthError, RegistryProtocolError } from './errors.js';
import type { ListedImage, TimedListing, TimedTags } from './listing-times.js';
import { ListingUnavailableError } from './listing-unavailable.js';
import { hostname } from './reference.js';
import type { RetryPolicy } from './retry.js';
import { hostileExcerpt, isHeaderSafeToken, parseCreated } from './sanitise.js';
import { Transport } from './transport.js';

interface AzureCloud {
  suffix: string;
  /** The Entra scope of Azure Resource Manager in that cloud, which ACR accepts for the exchange. */
  armScope: string;
}

const CLOUDS: readonly AzureCloud[] = [
  { suffix: '.azurecr.io', armScope: 'https://management.azure.com/.default' },
  { suffix: '.azurecr.cn', armScope: 'https://management.chinacloudapi.cn/.default' },
  { suffix: '.azurecr.us', armScope: 'https://management.usgovcloudapi.net/.default' },
];

const LOGIN_SERVER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The cloud of an ACR login server (`NAME.azurecr.io`, `.azurecr.cn`, `.azurecr.us`; no port), else undefined. */
export function acrCloud(host: string): AzureCloud | undefined {
  if (host.includes(':')) return undefined;
  const name = hostname(host).toLowerCase();
  const cloud = CLOUDS.find((c) => name.endsWith(c.suffix));
  if (!cloud) return undefined;
  return LOGIN_SERVER_NAME.test(name.slice(0, -cloud.suffix.length)) ? cloud : undefined;
}

export function isAcrRegistry(host: string): boolean {
  return acrCloud(host) !== undefined;
}

/** The actions a repository token is asked for: ACR's tag listing needs `metadata_read` besides `pull`. */
export function pullActions(host: string): string {
  return isAcrRegistry(host) ? 'pull,metadata_read' : 'pull';
}

/** ACR refresh tokens live about three hours; this is assumed when one does not say. */
const DEFAULT_REFRESH_SECONDS = 3 * 3600;
/** Credentials are renewed this long before they expire. */
export const ACR_RENEW_MARGIN_MS = 5 * 60_000;

/** The claims of a JWT, unverified (only `tid` and `exp` of our own tokens are read); undefined if not a JWT. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}


export interface AcrCredentialsOptions {
  /** Entra credentials; default DefaultAzureCredential (environment, workload identity, managed identity, az CLI),
   *  as cloud/azure-credential.ts builds it. */
  credential?: TokenCredential;
  /** Where KUBECD_REGISTRY_ENDPOINTS (the exchange requests) and KUBECD_AZURE_AUTHORITY_HOST are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The transport the exchange goes through; default one of its own, with these retries. */
  transport?: Transport;
  retry?: Partial<RetryPolicy>;
  onSecret?: (value: string) => void;
  now?: () => number;
}

/** ACR refresh tokens from the Entra identity, one exchange per registry, renewed before they expire. */
export class AcrCredentials implements VendorCredentials {
  readonly name = 'ACR';
  private readonly cache: RenewingByKey<Credential & { expiresAt: number }>;
  private entra: Promise<TokenCredential> | undefined;
  private readonly transport: Transport;
  private readonly now: () => number;
  /** Exchanges done, for tests and stats. */
  exchanges = 0;

  constructor(private readonly options: AcrCredentialsOptions = {}) {
    this.transport = options.transport ?? new Transport({ ...(options.env ? { env: options.env } : {}), ...(options.retry ? { retry: options.retry } : {}) });
    this.now = options.now ?? Date.now;
    this.cache = new RenewingByKey((credential) => credential.expiresAt, this.now);
  }

  handles(host: string): boolean {
    return isAcrRegistry(host);
  }

  credential(host: string): Promise<Credential> {
    const key = host.toLowerCase();
    // A failure is not remembered: the next host (or run) asks again.
    return this.cache.get(key, () => this.exchange(key));
  }

  private entraCredential(): Promise<TokenCredential> {
    // Built the way the AKS provider builds it (authority, instance discovery); loaded only for an ACR host.
    this.entra ??= this.options.credential
      ? Promise.resolve(this.options.credential)
      : import('../cloud/azure-credential.js').then(({ ambientAzureCredential }) => ambientAzureCredential({ endpoints: azureEndpoints(this.options.env ?? process.env) }));
    return this.entra;
  }

  private async exchange(host: string): Promise<Credential & { identityToken: string; expiresAt: number }> {
    const cloud = acrCloud(host);
    if (!cloud) throw new RegistryAuthError(host, 'not an Azure Container Registry login server');
    let entra: { token: string } | null;
    try {
      entra = await (await this.entraCredential()).getToken(cloud.armScope);
    } catch (error) {
      const { azureCredentialProblem } = await import('../cloud/azure-credential.js');
      throw new Error(`no Entra token for ${cloud.armScope}: ${azureCredentialProblem(error)}`, { cause: error });
    }
    if (!entra?.token) throw new Error(`no Entra token for ${cloud.armScope}`);
    this.options.onSecret?.(entra.token);
    const tenant = jwtClaims(entra.token)?.tid;
    const form = new URLSearchParams({ grant_type: 'access_token', service: host, access_token: entra.token });
    if (typeof tenant === 'string' && tenant !== '') form.set('tenant', tenant);
    this.exchanges++;
    const requestedAt = this.now();
    const refreshToken = await this.transport.send(
      'token',
      `https://${host}/oauth2/exchange`,
      { method: 'POST', headers: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString() },
      (response) => {
        if (response.status === 401 || response.status === 403) {
          throw new RegistryAuthError(host, `the registry refused the Entra token (HTTP ${response.status}); does the identity have a pull role on it?`);
        }
        if (response.status !== 200) throw new RegistryProtocolError(host, `token exchange answered HTTP ${response.status}`);
        let body: unknown;
        try {
          body = JSON.parse(response.body.toString('utf8'));
        } catch {
          throw new RegistryProtocolError(host, 'token exchange answer is not JSON');
        }
        const token = (body as { refresh_token?: unknown } | null)?.refresh_token;
        if (typeof token !== 'string' || !isHeaderSafeToken(token)) throw new RegistryProtocolError(host, 'token exchange sent no usable refresh_token');
        return token;
      },
    );
    this.options.onSecret?.(refreshToken);
    const exp = jwtClaims(refreshToken)?.exp;
    const refreshExpires = typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : requestedAt + DEFAULT_REFRESH_SECONDS * 1000;
    // The refresh token outlives the Entra token it was exchanged for; only its own expiry counts.
    const expiresAt = refreshExpires - ACR_RENEW_MARGIN_MS;
    return { identityToken: refreshToken, expiresAt: Math.max(expiresAt, requestedAt + 1000) };
  }
}

/** Tags asked for per page of the ACR listing (the service caps pages itself). */
const ACR_PAGE_SIZE = 100;

interface AcrTagEntry {
  name?: unknown;
  digest?: unknown;
  createdTime?: unknown;
}

/** ACR's `_tags` listing: names, digests and creation times, newest first. */
export const ACR_LISTING: TimedListing = {
  name: 'ACR tags API',
  handles: isAcrRegistry,
  async list(ref, context): Promise<TimedTags> {
    const first = new URL(`${context.baseUrl}/acr/v1/${ref.repository}/_tags`);
    first.searchParams.set('n', String(ACR_PAGE_SIZE));
    first.searchParams.set('orderby', 'timedesc');
    const tags: string[] = [];
    const times = new Map<string, ListedImage>();
    const listed = new Set<string>();
    const seen = new Set<string>();
    let dropped = 0;
    let firstDropped: unknown;
    let url: string | undefined = first.toString();
    for (let page = 0; url !== undefined; page++) {
      if (page >= context.maxPages) throw new RegistryProtocolError(ref.host, `ACR tag listing has more than ${context.maxPages} pages`);
      if (seen.has(url)) throw new RegistryProtocolError(ref.host, 'ACR tag listing pagination loops');
      seen.add(url);
      const pageUrl: string = url;
      const { entries, next } = await context.transport.send('tags', pageUrl, { headers: context.pullHeaders }, (response) => {
        // Without metadata_read (a repository-scoped token, an identity with pull only) or for a name the
        // listing does not know, the distribution API still answers: list through it instead.
        if (response.status === 401 || response.status === 403) {
          throw new ListingUnavailableError(`HTTP ${response.status}; the token may lack metadata_read`);
        }
        if (response.status === 404) throw new ListingUnavailableError('HTTP 404');
        if (response.status !== 200) throw new RegistryProtocolError(ref.host, `ACR tag listing answered HTTP ${response.status}`);
        let body: unknown;
        try {
          body = JSON.parse(response.body.toString('utf8'));
        } catch {
          throw new RegistryProtocolError(ref.host, 'ACR tag listing is not JSON');
        }
        const list = (body as { tags?: unknown } | null)?.tags;
        if (!Array.isArray(list)) throw new RegistryProtocolError(ref.host, 'ACR tag listing has no "tags" array');
        return { entries: list as unknown[], next: nextLink(response.headers.get('link'), pageUrl) };
      });
      for (const entry of entries) {
        const { name, digest, createdTime } = (entry ?? {}) as AcrTagEntry;
        if (!isOciTag(name)) {
          if (dropped++ === 0) firstDropped = name;
          continue;
        }
        if (listed.has(name)) continue;
        listed.add(name);
        tags.push(name);
        const created = parseCreated(createdTime);
        if (created) times.set(name, isDigest(digest) ? { created, digest } : { created });
      }
      if (next !== undefined && new URL(next).origin !== first.origin) {
        throw new RegistryProtocolError(ref.host, 'ACR tag listing pagination leaves the registry');
      }
      url = next;
    }
    if (dropped > 0) context.warn?.(`${ref.host}/${ref.repository}: ignored ${dropped} invalid tag${dropped === 1 ? '' : 's'} (e.g. "${hostileExcerpt(firstDropped)}")`);
    if (tags.length === 0) throw new RegistryProtocolError(ref.host, `ACR listed no valid tags for ${ref.repository} (untrusted answer)`);
    return { tags, times };
  },
};
