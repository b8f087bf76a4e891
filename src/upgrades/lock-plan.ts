import { compareEntries } from '../lock/serialize.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { LockEntry, LockFile } from '../lock/types.js';
import type { UpgradeRow } from './types.js';

export interface LockPlan {
  environment: string;
  /** Root-relative path of the environment's lock file. */
  file: string;
  lock: LockFile;
}

export interface LockPlanOptions {
  /** When the upgrade was resolved; only new or changed entries get it. */
  now: Date;
  /**
   * A lock file that already records some of these upgrades (the pull request branch's): an entry with
   * the same release, key and value keeps its `resolvedAt`, so re-finding the same upgrade changes no byte.
   */
  previous?: (environment: string) => LockFile | undefined;
  /**
   * A filtered run (one release, or one pushed image) re-checks only some triggers. The upgrades already
   * pending in `previous` for the others are kept, so publishing this run's branch does not drop them.
   */
  keepPending?: boolean;
}

/** A classic chart repository's index gives a chart's digest as bare sha256 hex; the lock stores `sha256:<hex>`. */
function lockDigest(digest: string): string {
  return /^[a-f0-9]{64}$/.test(digest) ? `sha256:${digest}` : digest;
}

function withoutPos(entry: LockEntry): LockEntry {
  const { pos: _pos, ...rest } = entry;
  return rest;
}

/** Entries of the branch's lock that this run did not re-check and that differ from the base lock. */
function pendingEntries(releases: string[], base: readonly LockEntry[], previous: Map<string, LockEntry>, checked: Set<string>): LockEntry[] {
  // A pending digest update (pinned trigger, same tag) differs from the base lock by its digest alone.
  const baseEntries = new Map(base.map((e) => [`${e.release}\u0000${e.key}`, e]));
  const differs = (key: string, entry: LockEntry) => baseEntries.get(key)?.value !== entry.value || baseEntries.get(key)?.digest !== entry.digest;
  return [...previous.entries()]
    .filter(([key, entry]) => !checked.has(key) && releases.includes(entry.release) && differs(key, entry))
    .map(([, entry]) => entry);
}

/** The lock files the upgrades lead to, one per environment that has any upgrade. */
export function planLockFiles(loaded: LoadedRepo, rows: readonly UpgradeRow[], options: LockPlanOptions): LockPlan[] {
  const plans: LockPlan[] = [];
  const id = (release: string, key: string) => `${release}\u0000${key}`;
  for (const environment of loaded.repo.environments) {
    const checked = rows.filter((row) => row.environment === environment.name);
    const upgrades = checked.filter((row) => row.decision === 'upgrade' && row.candidate !== undefined);
    const previous = new Map((options.previous?.(environment.name)?.entries ?? []).map((e) => [id(e.release, e.key), e]));
    const base = loaded.lock(environment.name)?.entries ?? [];
    const pending = options.keepPending ? pendingEntries(environment.releases.map((r) => r.name), base, previous, new Set(checked.map((row) => id(row.release, row.key)))) : [];
    if (upgrades.length === 0 && pending.length === 0) continue;
    const entries = new Map<string, LockEntry>();
    for (const entry of [...base, ...pending]) entries.set(id(entry.release, entry.key), withoutPos(entry));
    const baseEntries = new Map(base.map((e) => [id(e.release, e.key), e]));
    for (const row of upgrades) {
      const earlier = previous.get(id(row.release, row.key));
      const resolvedAt = earlier && earlier.value === row.candidate ? earlier.resolvedAt : options.now.toISOString();
      // `since` stays while the value stays (a digest update keeps it); a new value starts it again.
      const kept = [baseEntries.get(id(row.release, row.key)), earlier].find((e) => e?.value === row.candidate);
      const entry: LockEntry = {
        release: row.release,
        key: row.key,
        value: row.candidate!,
        repository: row.repository,
        ...(row.digest ? { digest: lockDigest(row.digest) } : {}),
        track: row.track,
        ...(row.created ? { created: row.created } : {}),
        resolvedAt,
        since: kept ? (kept.since ?? kept.resolvedAt) : resolvedAt,
      };
      entries.set(id(row.release, row.key), entry);
    }
    plans.push({ environment: environment.name, file: environment.lockFile, lock: { environment: environment.name, entries: [...entries.values()].sort(compareEntries) } });
  }
  return plans;
}
