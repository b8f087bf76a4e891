/**
 * `track: Promote` and digest pinning: decisions that read another environment's lock (as this run leaves
 * it) or the digest the lock recorded, instead of a version policy over the registry's tags.
 */
import { lockEntryOf } from '../lock/entries.js';
import type { LockEntry } from '../lock/types.js';
import type { Environment, Promotion, Release } from '../model/types.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryNotFoundError } from '../registry/errors.js';
import type { ImageReference } from '../registry/reference.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { chooseSemver } from '../versions/policy.js';
import type { UpgradeRow } from './types.js';

export { promotionWaves } from '../model/promotion.js';

/** What a promotion or digest check needs of a trigger's job. */
export interface TriggerJob {
  environment: Environment;
  release: Release;
  key: string;
  current: string;
  locked?: LockEntry;
}

/** The value `from` runs for this release and key after this run, and since when (RFC 3339). */
function promotionSource(loaded: LoadedRepo, job: TriggerJob, from: string, earlier: readonly UpgradeRow[], now: Date): { value: string; since: string; held?: true } | undefined {
  const upgraded = earlier.find((r) => r.environment === from && r.release === job.release.name && r.key === job.key && r.decision === 'upgrade' && r.change !== 'digest');
  // Resolved for `from` in this very run: its new lock entry's `since` is now.
  if (upgraded?.candidate) return { value: upgraded.candidate, since: now.toISOString() };
  const entry = lockEntryOf(loaded.lock(from), job.release.name, job.key);
  return entry ? { value: entry.value, since: entry.since ?? entry.resolvedAt, ...(entry.hold === true ? { held: true } : {}) } : undefined;
}

export async function checkPromotion(
  sources: { loaded: LoadedRepo; registry: RegistryClient; now?: Date },
  job: TriggerJob,
  promote: Promotion,
  ref: ImageReference,
  base: UpgradeRow,
  earlier: readonly UpgradeRow[],
): Promise<UpgradeRow> {
  const now = sources.now ?? new Date();
  const { from } = promote;
  const source = promotionSource(sources.loaded, job, from, earlier, now);
  if (!source) return { ...base, decision: 'current', reason: `${from} has no lock entry for ${job.key} yet; nothing to promote` };
  const { value, since } = source;
  // A hold is a human's decision for that one environment (often a rollback), not a version to pass on.
  if (source.held && value !== job.current) return { ...base, decision: 'current', reason: `${from} holds ${value} in its lock file; a held entry is not promoted` };
  if (value === job.current) return { ...base, decision: 'current', reason: `same as ${from} (running there since ${since})` };
  if (promote.within && chooseSemver(job.current, [value], promote.within).kind !== 'upgrade') {
    return { ...base, decision: 'current', reason: `${from} runs ${value}, outside ${promote.within} of ${job.current}` };
  }
  const ready = Date.parse(since) + promote.afterMs;
  if (Number.isNaN(ready) || now.getTime() < ready) {
    const at = Number.isNaN(ready) ? 'once its time is known' : `at ${new Date(ready).toISOString()}`;
    return { ...base, decision: 'current', reason: `${from} has run ${value} since ${since}; promoted after ${promote.after}, ${at}` };
  }
  let info;
  try {
    info = await sources.registry.getImageInfo({ ...ref, tag: value });
  } catch (error) {
    if (error instanceof RegistryNotFoundError) return { ...base, decision: 'skip', reason: `${from} runs ${value}, which ${job.environment.name}'s image repository does not have` };
    throw error;
  }
  return {
    ...base,
    decision: 'upgrade',
    candidate: value,
    reason: `promoted from ${from}, running there since ${since}`,
    digest: info.digest,
    ...(info.created ? { created: info.created.toISOString() } : {}),
    promotedFrom: from,
    promotedSince: since,
  };
}

function short(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

/**
 * A pinned trigger whose tag is up to date: when the registry's digest for the tag is not the one the lock
 * records (the tag was pushed again, or nothing was recorded yet), the new digest is an update of its own.
 */
export async function checkDigest(registry: RegistryClient, job: TriggerJob, ref: ImageReference, row: UpgradeRow): Promise<UpgradeRow> {
  const digest = await registry.getDigest({ ...ref, tag: job.current });
  if (digest === undefined) return row;
  const locked = job.locked?.value === job.current ? job.locked.digest : undefined;
  if (locked === digest) return row;
  return {
    ...row,
    decision: 'upgrade',
    candidate: job.current,
    digest,
    change: 'digest',
    ...(locked ? { previousDigest: locked } : {}),
    reason: locked ? `${job.current} was pushed again: digest ${short(locked)}… -> ${short(digest)}…` : `pins ${job.current} to its digest ${short(digest)}…`,
  };
}
