/**
 * Metadata for the `Newest` track: the creation time and digest of each candidate tag, fetched only for
 * tags whose creation time is not already known (a lock file remembers the current tag's).
 */
import type { NewestCandidate } from '../versions/policy.js';
import { isMovingTagName } from '../versions/policy.js';
import type { RegistryClient } from './client.js';
import { RegistryNotFoundError } from './errors.js';
import type { ImageReference } from './reference.js';

export interface KnownImage {
  created: Date;
  digest?: string;
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
  known: ReadonlyMap<string, KnownImage> = new Map(),
): Promise<NewestCandidate[]> {
  const wanted = [...new Set(tags)].filter((tag) => !isMovingTagName(tag));
  const found = await Promise.all(
    wanted.map(async (tag): Promise<NewestCandidate | undefined> => {
      const remembered = known.get(tag);
      if (remembered) return { tag, ...remembered };
      try {
        const info = await client.getImageInfo({ host: repository.host, repository: repository.repository, tag });
        return info.created ? { tag, created: info.created, digest: info.digest } : undefined;
      } catch (error) {
        if (error instanceof RegistryNotFoundError) return undefined;
        throw error;
      }
    }),
  );
  return found.filter((candidate): candidate is NewestCandidate => candidate !== undefined);
}
