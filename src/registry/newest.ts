/**
 * Metadata for the `Newest` track: the creation time and digest of each candidate tag, fetched only for
 * tags whose creation time is not already known — from a lock file (the `known` lookup) or from the
 * image metadata cache of earlier runs.
 */
import { mapLimited } from '../concurrency/map-limited.js';
import type { NewestCandidate } from '../versions/policy.js';
import { isMovingTagName } from '../versions/policy.js';
import { SOURCE_LABEL, type ImageInfo, type RegistryClient } from './client.js';
import { RegistryNotFoundError } from './errors.js';
import type { RepositoryMetadata } from './metadata-cache.js';
import type { ImageReference } from './reference.js';

export interface KnownImage {
  created: Date;
  digest?: string;
}

export interface NewestLookupOptions {
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
 * since `Newest` never picks them; tags deleted since the listing are left out; tags the registry has no
 * creation time for are left out. Any other failure (registry unavailable, auth) is thrown.
 */
export async function newestCandidates(
  client: RegistryClient,
  repository: Pick<ImageReference, 'host' | 'repository'>,
  tags: readonly string[],
  options: NewestLookupOptions = {},
): Promise<NewestCandidates> {
  const { known, cache } = options;
  const candidates = new Map<string, NewestCandidate>();
  const fetched = new Map<string, ImageInfo>();
  const wanted = [...new Set(tags)].filter((tag) => !isMovingTagName(tag));
  await mapLimited(wanted, options.concurrency ?? 8, async (tag) => {
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
      // A tag deleted between the listing and this fetch is simply not a candidate.
      if (!(error instanceof RegistryNotFoundError)) throw error;
    }
  });
  return { candidates, fetched };
}

/** Records a fetched image in the metadata cache (which ignores moving tags). */
export function rememberImage(cache: RepositoryMetadata | undefined, tag: string, info: ImageInfo): void {
  if (!cache || !info.created) return;
  const source = info.labels[SOURCE_LABEL];
  cache.set(tag, { digest: info.digest, created: info.created, ...(source ? { source } : {}) });
}
