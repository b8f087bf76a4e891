/**
 * Digest pinning: with `pinDigest` (on the trigger or its environment) apply deploys the digest the lock
 * entry records, so a tag pushed again with other content changes nothing until a pull request says so.
 */
import type { Environment, ImageTrigger, Release, Trigger } from '../model/types.js';
import { setValue } from '../values/keys.js';
import { lockEntryOf } from './entries.js';
import type { LockFile } from './types.js';

export function isPinned(environment: Pick<Environment, 'pinDigest'>, trigger: Trigger): trigger is ImageTrigger {
  return trigger.kind === 'image' && (trigger.pinDigest === true || environment.pinDigest === true);
}

/**
 * Sets each pinned trigger's locked digest in `values` (composed with the lock): `TAG@DIGEST` in the tag
 * value, or the digest in the trigger's `digestValue` key. A trigger without a locked digest is left as it is.
 */
export function pinDigests(values: Record<string, unknown>, environment: Environment, release: Release, lock: LockFile | undefined): void {
  for (const trigger of release.triggers) {
    if (!isPinned(environment, trigger)) continue;
    const entry = lockEntryOf(lock, release.name, trigger.tagValue);
    if (!entry?.digest) continue;
    if (trigger.digestValue !== undefined) setValue(values, trigger.digestValue, entry.digest);
    else setValue(values, trigger.tagValue, `${entry.value}@${entry.digest}`);
  }
}
