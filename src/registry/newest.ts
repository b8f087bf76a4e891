/**
 * Metadata for the `Newest` track: the creation time and digest of each candidate tag, fetched only for
 * tags whose creation time is not already known — from the registry's own listing (GCR's manifest map,
 * Docker Hub's tags API, ...), from a lock file (the `known` lookup) or from the image metadata cache of
 * earlier runs. What is left to fetch is claimed against Docker Hub's pull limit first, so a lookup that
 * cannot finish under it is skipped before it spends any pulls.
 */
import { mapLimited } from '../concurrency/map-limited.js';
import type { NewestCandidate } from '../versions/policy.js';
import { isMovingTagName } from '../versions/policy.js';
import { SOURCE_LABEL, type ImageInfo, type RegistryClient } from './client.js';
import { RegistryNotFoundError, RegistryProtocolError } from './errors.js';
import type { ListedImage } from './listing-times.js';
import type { RepositoryMetadata } from './metadata-cache.js';
import type { ImageReference } from './reference.js';

export interface KnownImage {
  created: Date;
  digest?: string;
}

export interface NewestLookupOptions {
  /** Times the registry's listing gave, by tag: what the registry says now, so they come first. */
  listed?: ReadonlyMap<string, ListedImage>;
  /** Creation times known without asking (e.g. remembered in a lock file), by tag. */
  known?: (tag: string) => KnownImage | undefined;
  /** The repository's metadata cache: read first, and filled with what is fetched. */
  cache?: RepositoryMetadata;
  /** Image metadata fetches in flight (the client bounds requests too). Default 8. */
  concurrency?: number;
}

export interface NewestCandidates {
  /** By tag. */
  candidates: Map<string, NewestCandidate>;
  /** What was fetched from the registry this time, by tag. */
  fetched: Map<string, ImageInfo>;
}

/**
 * Creation times of `tags` in `repository`. Well-known moving tags (`latest`, `main`, ...) are left out,
 * since `Newest` never picks them; tags the registry has no creation time for are left out. A 404 on the
 * manifest or config of a tag the listing just gave is an untrusted answer (a deleted tag cannot be told
 * from a registry hiding a newer image), thrown like any other failure (registry unavailable, auth).
 */
export async function newestCandidates(
  client: RegistryClient,
  repository: Pick<ImageReference, 'host' | 'repository'>,
  tags: readonly string[],
  options: NewestLookupOptions = {},
): Promise<NewestCandidates> {
  const { known, cache, listed } = options;
  const candidates = new Map<string, NewestCandidate>();
  const fetched = new Map<string, ImageInfo>();
  const wanted = [...new Set(tags)].filter((tag) => !isMovingTagName(tag));
  const toFetch: string[] = [];
  for (const tag of wanted) {
    const fromListing = listed?.get(tag);
    if (fromListing) candidates.set(tag, { tag, ...fromListing });
    else if (!known?.(tag) && !cache?.get(tag)) toFetch.push(tag);
  }
  if (candidates.size === wanted.length) return { candidates, fetched };
  const release = await client.claimPulls(repository, toFetch.length, toFetch[0] ?? wanted[0]!);
  try {
    await mapLimited(wanted.filter((tag) => !candidates.has(tag)), options.concurrency ?? 8, (tag) => resolve(tag));
  } finally {
    release();
  }
  return { candidates, fetched };

  async function resolve(tag: string): Promise<void> {
    const remembered = known?.(tag);
    if (remembered) {
      candidates.set(tag, { tag, ...remembered });
      if (remembered.digest && !cache?.get(tag)) cache?.set(tag, { digest: remembered.digest, created: remembered.created });
      return;
    }
    const hit = cache?.get(tag);
    if (hit) {
      candidates.set(tag, { tag, created: hit.created, digest: hit.digest });
      return;
    }
    try {
      const info = await client.getImageInfo({ host: repository.host, repository: repository.repository, tag });
      fetched.set(tag, info);
      rememberImage(cache, tag, info);
      if (info.created) candidates.set(tag, { tag, created: info.created, digest: info.digest });
    } catch (error) {
      throw listedButMissing(error);
    }
  }
}

/** Records a fetched image in the metadata cache (which ignores moving tags). */
export function rememberImage(cache: RepositoryMetadata | undefined, tag: string, info: ImageInfo): void {
  if (!cache || !info.created) return;
  const source = info.labels[SOURCE_LABEL];
  cache.set(tag, { digest: info.digest, created: info.created, ...(source ? { source } : {}) });
}

/** A 404 for a tag the registry just listed becomes an untrusted-answer error; other errors pass unchanged. */
export function listedButMissing(error: unknown): unknown {
  if (!(error instanceof RegistryNotFoundError)) return error;
  return new RegistryProtocolError(error.registry, `${error.reason}, although the tag list names it (untrusted answer)`, { cause: error });
}
