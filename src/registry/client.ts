/**
 * An OCI distribution v2 client for upgrade checks: tag lists, digests, creation times and labels.
 *
 * One client serves a whole run. Every answer is memoised as a promise (failures included), so the same
 * tag list, manifest or blob asked for by many releases in many environments is fetched once, and a
 * registry that is down is given up on once, not once per release.
 */
import { createHash } from 'node:crypto';
import { isDigest } from '../model/grammar.js';
import { Authenticator } from './auth.js';
import type { CredentialResolver } from './credentials.js';
import {
  RegistryAuthError,
  RegistryError,
  RegistryNotFoundError,
  RegistryProtocolError,
  RegistryUnavailableError,
} from './errors.js';
import {
  CREATED_ANNOTATION,
  HELM_CONFIG_MEDIA_TYPE,
  MANIFEST_ACCEPT,
  isImageManifest,
  isIndex,
  isSchema1,
} from './media-types.js';
import { isLoopback, normalizeHost, parseImageReference, repositoryName, type ImageReference } from './reference.js';
import type { BodyLimits } from './limits.js';
import { timesFromManifestMap } from './gcr-listing.js';
import { ListingUnavailableError, sanitiseTimedTags, timedListingFor, type ListedImage, type ListingContext, type TimedTags } from './listing-times.js';
import { countsPulls, PullLimits } from './rate-limit.js';
import type { RetryPolicy } from './retry.js';
import { digestAlgorithm, parseCreated } from './sanitise.js';
import { nextLink } from './link-header.js';
import {
  validImageConfig,
  validManifest,
  validTagList,
  type ImageConfigBody,
  type ManifestBody,
} from './schemas.js';
import {
  RetriesExhaustedError,
  Transport,
  TransientError,
  type ReceivedResponse,
  type RegistryStats,
  type RequestKind,
} from './transport.js';

export interface RegistryClientOptions {
  credentials?: CredentialResolver;
  /** Hosts (with port, if any) reached over plain HTTP although not loopback. */
  insecureRegistries?: readonly string[];
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once for the whole client. Default 8. */
  concurrency?: number;
  /** Tag list pages followed at most; more is reported as an error, never a silently short list. Default 100. */
  maxTagPages?: number;
  /** Called once with every secret the client handles (passwords, tokens): wire it to `core.setSecret`. */
  onSecret?: (value: string) => void;
  log?: (message: string) => void;
  /** Told once per listing how many invalid entries (tags with newlines, over-long tags) were ignored. */
  warn?: (message: string) => void;
  fetch?: typeof fetch;
  userAgent?: string;
  /** Body caps per request kind; defaults in limits.ts. */
  bodyLimits?: Partial<BodyLimits>;
  /** Where KUBECD_REGISTRY_ENDPOINTS and vendor listings' settings are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface PlatformInfo {
  os?: string;
  architecture?: string;
  variant?: string;
  digest: string;
  created?: Date;
}

export interface ImageInfo {
  /** The digest of what the tag points at (the index, for a multi-platform image). */
  digest: string;
  mediaType: string;
  /** From the config blob; for an index, the newest of its platforms. Undefined when no config says. */
  created?: Date;
  /** The config's labels; for an index, those of the newest platform. */
  labels: Record<string, string>;
  /** The manifest's (or index's) annotations. */
  annotations: Record<string, string>;
  /** The platforms of an index (attestations left out); empty for a single image. */
  platforms: PlatformInfo[];
}

export const SOURCE_LABEL = 'org.opencontainers.image.source';

interface Manifest {
  digest: string;
  mediaType: string;
  json: ManifestJson;
}

type ManifestJson = ManifestBody;
type ImageConfig = ImageConfigBody;

function digestOf(body: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
}

function parseJson(response: ReceivedResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8')) as unknown;
  } catch (error) {
    throw new TransientError(`${what} is not valid JSON (${response.body.length} bytes; truncated?)`, undefined, { cause: error });
  }
}

export class RegistryClient {
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly insecure: Set<string>;
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly pullLimits = new PullLimits();

  constructor(private readonly options: RegistryClientOptions = {}) {
    const transportOptions: ConstructorParameters<typeof Transport>[0] = { pullLimits: this.pullLimits };
    if (options.env) transportOptions.env = options.env;
    if (options.retry) transportOptions.retry = options.retry;
    if (options.concurrency !== undefined) transportOptions.concurrency = options.concurrency;
    if (options.fetch) transportOptions.fetch = options.fetch;
    if (options.userAgent) transportOptions.userAgent = options.userAgent;
    if (options.log) transportOptions.log = options.log;
    if (options.bodyLimits) transportOptions.bodyLimits = options.bodyLimits;
    this.transport = new Transport(transportOptions);
    this.insecure = new Set((options.insecureRegistries ?? []).map((host) => normalizeHost(host)));
    this.auth = new Authenticator(this.transport, (host) => this.baseUrl(host), options.credentials, options.onSecret, {
      plainHttpAllowed: (host) => this.plainHttpAllowed(host),
      ...(options.warn ? { warn: options.warn } : {}),
    });
  }

  /** HTTP requests sent so far, by kind (retries included). */
  get stats(): RegistryStats {
    return this.transport.stats;
  }

  baseUrl(host: string): string {
    return `${this.plainHttpAllowed(host) ? 'http' : 'https'}://${host}`;
  }

  /** Loopback hosts and hosts listed insecure are reached over plain http (and only they get credentials so). */
  plainHttpAllowed(host: string): boolean {
    return isLoopback(host) || this.insecure.has(normalizeHost(host));
  }

  /** Every tag of a repository, following `Link` pagination, in the registry's order. */
  listTags(image: string | ImageReference): Promise<string[]> {
    const ref = typeof image === 'string' ? parseImageReference(image) : image;
    return this.tagList(ref).then((listing) => listing.tags);
  }

  /**
   * Every tag with the creation times the registry's listing gives, so `Newest` can skip per-tag metadata:
   * the vendor's listing where one applies (TIMED_LISTINGS), else the tags/list itself — with times when it
   * carries GCR's `manifest` map, else none. A vendor listing that cannot answer for the repository falls
   * back to the tags/list, with a warning.
   */
  listTimedTags(image: string | ImageReference): Promise<TimedTags> {
    const ref = typeof image === 'string' ? parseImageReference(image) : image;
    return this.once(`timed tags ${repositoryName(ref)}`, ref, () => this.fetchTimedTags(ref));
  }

  /**
   * Claims `pulls` manifest fetches on the repository under Docker Hub's pull limit (see rate-limit.ts),
   * or throws a RegistryRateLimitError when fewer are left. When the limit is not known yet, one HEAD of
   * `probeTag` (free on Hub) reads it first. Returns the release of what the lookup did not use.
   */
  async claimPulls(ref: Pick<ImageReference, 'host' | 'repository'>, pulls: number, probeTag: string): Promise<() => void> {
    if (pulls <= 0 || !countsPulls(ref.host)) return () => undefined;
    if (!this.pullLimits.known(ref.host)) {
      await this.once(`pull limit probe ${ref.host}`, { host: ref.host, repository: ref.repository }, () => this.getDigest({ ...ref, tag: probeTag }));
    }
    try {
      return this.pullLimits.claim(ref.host, ref.repository, pulls);
    } catch (error) {
      throw this.asRegistryError({ host: ref.host, repository: ref.repository }, error);
    }
  }

  private tagList(ref: ImageReference): Promise<TimedTags> {
    return this.once(`tags ${repositoryName(ref)}`, ref, () => this.fetchTags(ref));
  }

  private async fetchTimedTags(ref: ImageReference): Promise<TimedTags> {
    const vendor = timedListingFor(ref.host);
    if (!vendor) return this.tagList(ref);
    const name = repositoryName(ref);
    let listed: TimedTags;
    try {
      listed = await vendor.list({ host: ref.host, repository: ref.repository }, this.listingContext(ref));
    } catch (error) {
      if (!(error instanceof ListingUnavailableError)) throw error;
      (this.options.warn ?? this.options.log)?.(`${name}: ${vendor.name} unavailable (${error.reason}); listing tags through the registry, with each tag's image config for its time`);
      return this.tagList(ref);
    }
    const timed = sanitiseTimedTags(listed, name, this.options.warn ?? this.options.log);
    if (timed.tags.length === 0) throw new RegistryProtocolError(ref.host, `${vendor.name} listed no valid tags for ${ref.repository} (untrusted answer)`);
    return timed;
  }

  private listingContext(ref: ImageReference): ListingContext {
    const { credentials } = this.options;
    return {
      transport: this.transport,
      pullHeaders: () => this.auth.headers(ref.host, ref.repository),
      baseUrl: this.baseUrl(ref.host),
      maxPages: this.options.maxTagPages ?? 100,
      env: this.options.env ?? process.env,
      ...(credentials ? { credential: () => credentials(ref.host) } : {}),
      ...(this.options.onSecret ? { onSecret: this.options.onSecret } : {}),
      ...((this.options.warn ?? this.options.log) ? { warn: (this.options.warn ?? this.options.log)! } : {}),
    };
  }

  /** Digest, creation time and labels of a tag (or digest); an index gives its newest platform's time. */
  getImageInfo(image: string | ImageReference): Promise<ImageInfo> {
    const ref = typeof image === 'string' ? parseImageReference(image) : image;
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.once(`info ${repositoryName(ref)}@${reference}`, ref, () => this.fetchImageInfo(ref, reference));
  }

  /** The digest a tag points at (HEAD, no body), or undefined when the tag does not exist. */
  getDigest(image: string | ImageReference): Promise<string | undefined> {
    const ref = typeof image === 'string' ? parseImageReference(image) : image;
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const known = this.memo.get(`manifest ${repositoryName(ref)}@${reference}`) as Promise<Manifest> | undefined;
    if (known) return known.then((manifest) => manifest.digest);
    return this.once(`head ${repositoryName(ref)}@${reference}`, ref, () => this.headDigest(ref, reference));
  }

  private once<T>(key: string, ref: ImageReference, load: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load().catch((error: unknown) => {
        throw this.asRegistryError(ref, error);
      });
      // Callers that never await a failed lookup must not crash the process.
      promise.catch(() => undefined);
      this.memo.set(key, promise);
    }
    return promise;
  }

  private asRegistryError(ref: ImageReference, error: unknown): RegistryError {
    const name = repositoryName(ref);
    if (error instanceof RegistryError) {
      if (error.registry === name) return error;
      const Kind = error.constructor as new (registry: string, reason: string, options?: { cause?: unknown }) => RegistryError;
      return new Kind(name, error.reason, { cause: error });
    }
    if (error instanceof RetriesExhaustedError) return new RegistryUnavailableError(name, error.message, { cause: error });
    // Our own errors (size cap, redirects) carry plain text; anything else is not shown raw.
    const message = error instanceof Error && /^(ResponseTooLargeError|RedirectRefusedError)$/.test(error.name)
      ? error.message
      : `unexpected answer (${error instanceof Error ? error.name : typeof error})`;
    return new RegistryProtocolError(name, message, { cause: error });
  }

  /** A GET or HEAD of a repository resource, authorised, re-authorising once on a 401. */
  private async get<T>(
    kind: RequestKind,
    ref: ImageReference,
    url: string,
    extra: Record<string, string>,
    check: (response: ReceivedResponse) => T,
    method: 'GET' | 'HEAD' = 'GET',
  ): Promise<T> {
    for (let round = 0; ; round++) {
      const unauthorized = Symbol('401');
      const result = await this.transport.send<T | typeof unauthorized>(
        kind,
        url,
        { method, headers: async () => ({ ...extra, ...(await this.auth.headers(ref.host, ref.repository)) }) },
        (response) => {
          if (response.status === 401) {
            const scheme = this.auth.learn(ref.host, ref.repository, response.headers.get('www-authenticate'));
            if (round > 0 || !scheme) throw new RegistryAuthError(ref.host, `HTTP 401 for ${new URL(url).pathname}${this.auth.withheldNote(ref.host)}`);
            return unauthorized;
          }
          if (response.status === 403) throw new RegistryAuthError(ref.host, `HTTP 403 (denied) for ${new URL(url).pathname}`);
          if (response.status === 404) throw new RegistryNotFoundError(ref.host, `not found: ${new URL(url).pathname}`);
          if (response.status < 200 || response.status >= 300) {
            throw new RegistryProtocolError(ref.host, `HTTP ${response.status} for ${new URL(url).pathname}`);
          }
          return check(response);
        },
      );
      if (result !== unauthorized) return result as T;
    }
  }

  private async fetchTags(ref: ImageReference): Promise<TimedTags> {
    const maxPages = this.options.maxTagPages ?? 100;
    const listed: unknown[] = [];
    const times = new Map<string, ListedImage>();
    const conflicted = new Set<string>();
    let ignoredTimes = 0;
    const seen = new Set<string>();
    let url: string | undefined = `${this.baseUrl(ref.host)}/v2/${ref.repository}/tags/list`;
    const origin = new URL(url).origin;
    for (let page = 0; url !== undefined; page++) {
      if (page >= maxPages) throw new RegistryProtocolError(ref.host, `tag list has more than ${maxPages} pages`);
      if (seen.has(url)) throw new RegistryProtocolError(ref.host, `tag list pagination loops at ${new URL(url).pathname}`);
      seen.add(url);
      const pageUrl: string = url;
      const { pageTags, pageTimes, next } = await this.get('tags', ref, pageUrl, { accept: 'application/json' }, (response) => {
        const body = parseJson(response, 'tag list');
        if (!validTagList(body)) throw new RegistryProtocolError(ref.host, 'tag list is not {"name": ..., "tags": [...]}');
        return { pageTags: body.tags ?? [], pageTimes: timesFromManifestMap((body as { manifest?: unknown }).manifest), next: nextLink(response.headers.get('link'), pageUrl) };
      });
      // A page may hold hundreds of thousands of tags: no spread into push().
      for (const tag of pageTags) listed.push(tag);
      ignoredTimes += pageTimes.ignored;
      for (const [tag, image] of pageTimes.times) {
        if (conflicted.has(tag)) continue;
        const earlier = times.get(tag);
        if (earlier && earlier.digest !== image.digest) {
          // Two pages put one tag on two images: neither is believed.
          times.delete(tag);
          conflicted.add(tag);
          ignoredTimes++;
        } else {
          times.set(tag, image);
        }
      }
      if (next !== undefined && new URL(next).origin !== origin) {
        throw new RegistryProtocolError(ref.host, `tag list pagination leaves the registry (${new URL(next).origin})`);
      }
      url = next;
    }
    // The current image is served from this repository, so an honest registry lists at least one tag.
    if (listed.length === 0) throw new RegistryProtocolError(ref.host, `registry listed no tags for ${ref.repository} (untrusted answer)`);
    const warn = this.options.warn ?? this.options.log;
    if (ignoredTimes > 0) warn?.(`${repositoryName(ref)}: ignored ${ignoredTimes} unreadable entr${ignoredTimes === 1 ? 'y' : 'ies'} of the tag list's manifest map`);
    const timed = sanitiseTimedTags({ tags: listed as string[], times }, repositoryName(ref), warn);
    if (timed.tags.length === 0) throw new RegistryProtocolError(ref.host, `registry listed no valid tags for ${ref.repository} (untrusted answer)`);
    return timed;
  }

  private manifest(ref: ImageReference, reference: string): Promise<Manifest> {
    return this.once(`manifest ${repositoryName(ref)}@${reference}`, ref, () => {
      const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/manifests/${reference}`;
      return this.get('manifest', ref, url, { accept: MANIFEST_ACCEPT }, (response) => {
        const headerDigest = this.headerDigest(ref, response);
        const expected = reference.includes(':') ? reference : headerDigest;
        const algorithm = expected ? digestAlgorithm(expected) : 'sha256';
        if (!algorithm) throw new RegistryProtocolError(ref.host, `manifest ${reference} is asked for by an invalid digest`);
        const actual = digestOf(response.body, algorithm);
        if (expected !== undefined && expected !== actual) {
          throw new TransientError(`manifest ${reference} does not match its digest (truncated?)`);
        }
        const json = parseJson(response, `manifest ${reference}`);
        if (!validManifest(json)) throw new RegistryProtocolError(ref.host, `manifest ${reference} is not a manifest or index`);
        for (const descriptor of [...(json.config ? [json.config] : []), ...(json.manifests ?? [])]) {
          if (!isDigest(descriptor.digest)) throw new RegistryProtocolError(ref.host, `manifest ${reference} refers to an invalid digest`);
        }
        const contentType = response.headers.get('content-type')?.split(';')[0]?.trim();
        const mediaType = json.mediaType ?? contentType ?? '';
        return { digest: headerDigest ?? actual, mediaType, json };
      });
    });
  }

  /** The `Docker-Content-Digest` header, which must be a sha256/sha512 digest when present. */
  private headerDigest(ref: ImageReference, response: ReceivedResponse): string | undefined {
    const header = response.headers.get('docker-content-digest') ?? undefined;
    if (header !== undefined && !isDigest(header)) throw new RegistryProtocolError(ref.host, 'registry sent an invalid Docker-Content-Digest header');
    return header;
  }

  private blob(ref: ImageReference, digest: string): Promise<ImageConfig> {
    return this.once(`blob ${repositoryName(ref)}@${digest}`, ref, async () => {
      const algorithm = digestAlgorithm(digest);
      if (!algorithm) throw new RegistryProtocolError(ref.host, 'manifest refers to a config blob by an invalid digest');
      const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/blobs/${digest}`;
      return this.get('blob', ref, url, {}, (response) => {
        if (digestOf(response.body, algorithm) !== digest) {
          throw new TransientError(`blob ${digest} does not match its digest (truncated?)`);
        }
        const json = parseJson(response, `blob ${digest}`);
        if (!validImageConfig(json)) throw new RegistryProtocolError(ref.host, `blob ${digest} is not an image config`);
        return json;
      });
    });
  }

  private async headDigest(ref: ImageReference, reference: string): Promise<string | undefined> {
    const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/manifests/${reference}`;
    try {
      const digest = await this.get('manifest', ref, url, { accept: MANIFEST_ACCEPT }, (response) => this.headerDigest(ref, response), 'HEAD');
      return digest ?? (await this.manifest(ref, reference)).digest;
    } catch (error) {
      if (error instanceof RegistryNotFoundError) return undefined;
      throw error;
    }
  }

  private async configOf(ref: ImageReference, manifest: Manifest): Promise<{ created?: Date; labels: Record<string, string> }> {
    if (isSchema1(manifest.mediaType) || (!manifest.json.config && manifest.json.history)) {
      const first = manifest.json.history?.[0]?.v1Compatibility;
      let v1: unknown = {};
      try {
        v1 = first ? JSON.parse(first) : {};
      } catch {
        throw new RegistryProtocolError(ref.host, 'schema 1 manifest has an unreadable v1Compatibility');
      }
      if (!validImageConfig(v1)) throw new RegistryProtocolError(ref.host, 'schema 1 manifest has an unreadable v1Compatibility');
      const created = parseCreated(v1.created);
      return { ...(created ? { created } : {}), labels: v1.config?.Labels ?? {} };
    }
    // A Helm chart's config is the chart's metadata, with no creation time: the manifest's annotation has it.
    if (!manifest.json.config?.digest || manifest.json.config.mediaType === HELM_CONFIG_MEDIA_TYPE) return { labels: {} };
    const config = await this.blob(ref, manifest.json.config.digest);
    const created = parseCreated(config.created);
    return { ...(created ? { created } : {}), labels: config.config?.Labels ?? {} };
  }

  private async fetchImageInfo(ref: ImageReference, reference: string): Promise<ImageInfo> {
    const top = await this.manifest(ref, reference);
    const info: ImageInfo = {
      digest: top.digest,
      mediaType: top.mediaType,
      labels: {},
      annotations: top.json.annotations ?? {},
      platforms: [],
    };
    if (!isIndex(top.mediaType) && !(top.json.manifests && !top.json.config)) {
      if (!isImageManifest(top.mediaType) && !isSchema1(top.mediaType) && !top.json.config) {
        throw new RegistryProtocolError(ref.host, `unsupported manifest type "${top.mediaType}"`);
      }
      const config = await this.configOf(ref, top);
      const created = config.created ?? parseCreated(info.annotations[CREATED_ANNOTATION]);
      if (created) info.created = created;
      info.labels = config.labels;
      return info;
    }
    const children = (top.json.manifests ?? []).filter(
      (d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown',
    );
    let newestLabels: Record<string, string> | undefined;
    for (const [index, platform] of (await Promise.all(
      children.map(async (descriptor) => {
        const child = await this.manifest(ref, descriptor.digest);
        const config = isIndex(child.mediaType) ? { labels: {} } : await this.configOf(ref, child);
        const entry: PlatformInfo = { digest: descriptor.digest };
        if (descriptor.platform?.os) entry.os = descriptor.platform.os;
        if (descriptor.platform?.architecture) entry.architecture = descriptor.platform.architecture;
        if (descriptor.platform?.variant) entry.variant = descriptor.platform.variant;
        if (config.created) entry.created = config.created;
        return { entry, labels: config.labels };
      }),
    )).entries()) {
      info.platforms.push(platform.entry);
      const created = platform.entry.created;
      if (created && (!info.created || created.getTime() > info.created.getTime())) {
        info.created = created;
        newestLabels = platform.labels;
      } else if (index === 0 && !newestLabels) {
        newestLabels = platform.labels;
      }
    }
    info.labels = newestLabels ?? {};
    return info;
  }
}
